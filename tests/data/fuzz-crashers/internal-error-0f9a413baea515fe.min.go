func ()t{for{
select{case h:defer e()
if e==""{return-1}}
}}
func d()<-chan i