// A test helper: the error branch ends in t.Fatalf, which leaves the function (runtime.Goexit).
// The defer before the check moves after it.
package fixture

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// ReadFixture returns the contents of testdata/name or fails the test.
func ReadFixture(t *testing.T, name string) []byte {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("open fixture: %v", err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
