// Case: a TestMain removes its temporary directory in a defer, then calls Main, which a test file of the package declares and which calls os.Exit (x/tools' shape); expected outcome: the call of Main reported (no fix), naming main_helper_test.go and the line of os.Exit.

package p

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "p-test")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	Main(m)
}

func TestNothing(t *testing.T) {}
