package p

import (
	"os"
	"testing"
)

// Main runs the tests and exits with their status.
func Main(m *testing.M) {
	os.Exit(m.Run())
}
