// Leak: os.Open in a helper that never closes the file, on any path.
// Metric: open = file descriptors still open after all calls (from /proc/self/fd).
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// firstWord returns the first word of the first line of the file at path.
func firstWord(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	sc := bufio.NewScanner(f)
	if !sc.Scan() {
		return "", fmt.Errorf("%s: empty file", filepath.Base(path))
	}
	fields := strings.Fields(sc.Text())
	if len(fields) == 0 {
		return "", fmt.Errorf("%s: blank first line", filepath.Base(path))
	}
	return fields[0], nil
}

// openFDs counts the open file descriptors of this process.
func openFDs() int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		fmt.Fprintln(os.Stderr, "read /proc/self/fd:", err)
		os.Exit(2)
	}
	return len(ents)
}

func main() {
	// Finalizers close leaked *os.File values; keep the GC away so the leak stays visible.
	debug.SetGCPercent(-1)

	dir, err := os.MkdirTemp("", "leakcase")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer os.RemoveAll(dir)

	contents := []string{"alpha beta", "", "   \nsecond", "gamma", "delta epsilon zeta", "eta\n", "theta", "\n\n", "iota kappa", "lambda"}
	var paths []string
	for i, c := range contents {
		p := filepath.Join(dir, fmt.Sprintf("f%02d.txt", i))
		if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		paths = append(paths, p)
	}
	paths = append(paths, filepath.Join(dir, "missing.txt"))

	base := openFDs()
	words, failures := 0, 0
	const calls = 110
	for i := 0; i < calls; i++ {
		p := paths[i%len(paths)]
		w, err := firstWord(p)
		if i < len(paths) {
			if err != nil {
				fmt.Printf("%s: error: %s\n", filepath.Base(p), strings.ReplaceAll(err.Error(), dir+string(os.PathSeparator), ""))
			} else {
				fmt.Printf("%s: %s\n", filepath.Base(p), w)
			}
		}
		if err != nil {
			failures++
		} else {
			words++
		}
	}
	fmt.Printf("calls=%d words=%d failures=%d\n", calls, words, failures)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC open=%d\n", openFDs()-base)
}
