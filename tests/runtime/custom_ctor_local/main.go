// Leak: a user-configured constructor of the same package (openJournal,
// called unqualified, released with the default Close) inside a loop body.
// The journal is never closed; the iteration exits through `continue`
// (corrupt journal), `break` (a journal named STOP) and the end of the body.
// Metrics: journals = journals still open; open = file descriptors still open.
package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// countEvents sums the events of every journal in names up to STOP.
func countEvents(dir string, names []string) (total, corrupt int) {
	for _, name := range names {
		j, err := openJournal(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		if name == "STOP" {
			break
		}
		n, err := j.Count()
		if errors.Is(err, errCorrupt) {
			corrupt++
			continue
		}
		total += n
	}
	return total, corrupt
}

func openFDs() int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		fmt.Fprintln(os.Stderr, "read /proc/self/fd:", err)
		os.Exit(2)
	}
	return len(ents)
}

func main() {
	debug.SetGCPercent(-1) // finalizers would close leaked files and hide the leak

	dir, err := os.MkdirTemp("", "leakcase")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer os.RemoveAll(dir)
	files := map[string]string{
		"a.log":   strings.Repeat("event login\n", 3),
		"b.log":   "event start\nevent stop\n",
		"bad.log": "event start\ngarbage\n",
		"STOP":    "",
		"z.log":   "event never counted\n",
	}
	for n, c := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(c), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	names := []string{"a.log", "missing.log", "b.log", "bad.log", "a.log", "STOP", "z.log"}

	base := openFDs()
	total, corrupt := 0, 0
	for round := 0; round < 15; round++ {
		t, c := countEvents(dir, names)
		total += t
		corrupt += c
	}
	fmt.Printf("events=%d corrupt=%d\n", total, corrupt)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC journals=%d\n", openJournals.Load())
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC open=%d\n", openFDs()-base)
}
