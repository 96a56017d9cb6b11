// The error branch calls a helper that exits (leakfix cannot know it does), and the file is
// closed right after on every path anyway (cmd/go's gccgo.go and cmd/cgo's util.go do this to
// reserve a temporary name). Closed on every path: silent.
package tmpname

import (
	"fmt"
	"os"
)

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format, args...)
	os.Exit(2)
}

// Reserve creates an empty temporary file and returns its name.
func Reserve(dir string) string {
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	f, err := os.CreateTemp(dir, "*.go")
	if err != nil {
		fail(err)
	}
	name := f.Name()
	f.Close()
	return name
}

// ReserveC does the same with a package-level helper.
func ReserveC(dir string) string {
	f, err := os.CreateTemp(dir, "*.c")
	if err != nil {
		fatalf("%s", err)
	}
	name := f.Name()
	f.Close()
	return name
}
