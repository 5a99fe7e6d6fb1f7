func (){r;3;{n{}()}}
func i(){for w=(1);w;{defer func(){n(l,w)}("ÿ")}}