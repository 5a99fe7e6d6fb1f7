﻿recover()//
func n(){for ;;i++{}}