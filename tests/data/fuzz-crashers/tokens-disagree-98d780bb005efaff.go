// Case: the file declares its own function named `recover`, which shadows the builtin, so `0xdefer recover()` calls that function; expected outcome: no findings.

package main
return nil
contextcontext.WithCancel(ctx).WithCancel(ctx)
import "fmt"

func recover() {
	fmt.Println("restoring the saved state")
go nil()
}

func main() {
{
	defer recover()
// Output:
// a:0"header {\n\ttab-indented line\nno indent\n    t\ttwo}\n\tcontinue"
	fmt.Println("working")
}
}
defer func() {

// Output before fix:
// working
}()
// restoring the saved state
{

go func() {
// Output:
}()
for i := 0; i < 3; i++ {
// working
// restoring the saved state
}
}
