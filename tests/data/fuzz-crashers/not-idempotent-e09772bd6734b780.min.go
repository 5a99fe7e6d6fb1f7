func (){if r==""{}
{}}
func (){for _=range s{
c,err:=l()
defer c.C()
if err!=nil{continue}
}
{}}
