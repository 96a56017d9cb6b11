// k6 browser tests (newTestBrowser): a test helper registers the release of what it returns with
// t.Cleanup; its callers have nothing to release.
package golden

import (
	"os"
	"testing"
)

type fixture struct{ f *os.File }

func (x *fixture) Close() error { return x.f.Close() }

func (x *fixture) Name() string { return x.f.Name() }

func newFixture(t *testing.T) *fixture {
	f, err := os.CreateTemp(t.TempDir(), "fixture")
	if err != nil {
		t.Fatal(err)
	}
	x := &fixture{f: f}
	t.Cleanup(func() { _ = x.Close() })
	return x
}

func check(t *testing.T, x *fixture) {
	if x.Name() == "" {
		t.Error("no name")
	}
}

func runFixture(t *testing.T) {
	x := newFixture(t)
	check(t, x)
}
