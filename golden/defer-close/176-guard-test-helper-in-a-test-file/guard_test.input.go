package golden

import (
	"io"
	"os"
	"testing"
)

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

func TestReadAll(t *testing.T) {
	f, err := os.Open("guard_test.go")
	ok(t, err)
	if _, err := io.ReadAll(f); err != nil {
		t.Fatal(err)
	}
}
