func (){ife=l{(""/*"")}}
func n(){}