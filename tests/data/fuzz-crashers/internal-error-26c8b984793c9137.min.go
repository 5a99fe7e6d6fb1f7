import("os")
func (){}
func ()(sg,error){f,r:=os.CreateTemp(d,"")
{}
defer f.Close()}
defer u