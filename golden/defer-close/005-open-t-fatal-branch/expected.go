// A test helper: t.Fatalf leaves the function, so the fixture file gets a defer after the check.
package fixtures

import (
	"io"
	"os"
	"testing"
)

// ReadFixture returns the contents of a test fixture.
func ReadFixture(t testing.TB, name string) []byte {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatalf("open fixture: %v", err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
