t.WithCancel().WithCancel()
func (){}
{}
defer func(){}