(n)*r{}
func k(){for g=range s{for _=range g{
r:=s()
defer r
if n==""{return/**/u{n("",)}}
}}}