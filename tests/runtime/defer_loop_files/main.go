// Leak: `defer f.Close()` inside a loop body: the files are closed only when
// the function returns, so all of them are open at once. The iteration exits
// through `continue` (missing file, before the defer; empty file, after it),
// `break` (STOP marker) and the end of the body.
// Metric: peak = the most files held open at once during the loop.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
)

func openFDs() int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		fmt.Fprintln(os.Stderr, "read /proc/self/fd:", err)
		os.Exit(2)
	}
	return len(ents)
}

// scan reads the first word of every file until a STOP file. It returns the
// number of words read and the peak number of descriptors held above base.
func scan(paths []string, base int) (words, peak int) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			fmt.Println("missing", filepath.Base(p))
			continue
		}
		defer f.Close()
		if n := openFDs() - base; n > peak {
			peak = n
		}
		var buf [64]byte
		n, err := f.Read(buf[:])
		if err != nil {
			fmt.Println("empty", filepath.Base(p))
			continue
		}
		word := strings.TrimSpace(string(buf[:n]))
		if word == "STOP" {
			fmt.Println("stop at", filepath.Base(p))
			break
		}
		words++
		if words%10 == 0 {
			fmt.Println(filepath.Base(p), word)
		}
	}
	return words, peak
}

func main() {
	debug.SetGCPercent(-1) // finalizers must not close anything behind our back

	dir, err := os.MkdirTemp("", "leakcase")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer os.RemoveAll(dir)

	const n = 60
	var paths []string
	for i := 0; i < n; i++ {
		p := filepath.Join(dir, fmt.Sprintf("item%03d.txt", i))
		content := fmt.Sprintf("word%d\n", i)
		switch {
		case i == n-3:
			content = "STOP\n"
		case i%13 == 5:
			content = ""
		}
		if i%17 == 16 {
			p = filepath.Join(dir, fmt.Sprintf("gone%03d.txt", i)) // never created
		} else if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		paths = append(paths, p)
	}

	base := openFDs()
	words, peak := scan(paths, base)
	fmt.Printf("words=%d\n", words)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC peak=%d\n", peak)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC open=%d\n", openFDs()-base)
}
