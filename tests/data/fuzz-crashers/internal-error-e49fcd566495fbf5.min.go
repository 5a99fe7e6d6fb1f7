t()
type k struct{}
func(sink)Write([]b){}
func(sink)Close()error
func open()(sink,){if n==""{}}
func(){if([]e(t));l{}}
func()(i/**/t,error){w,r:=open()
{}
defer w.Close()
for d=range w{}}
func e(){}