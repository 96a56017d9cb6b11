// The file is released by a closure registered with t.Cleanup, which runs when the test ends.
package fixtures

import (
	"io"
	"os"
	"testing"
)

// FixtureHeader returns the first 8 bytes of a fixture.
func FixtureHeader(t *testing.T, name string) []byte {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	buf := make([]byte, 8)
	if _, err := io.ReadFull(f, buf); err != nil {
		t.Fatal(err)
	}
	return buf
}
