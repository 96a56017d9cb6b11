// Leak: os.Create in a function returning error; the written file is never
// closed, neither on the success path nor on the validation-error return.
// Metric: open = file descriptors still open after all calls.
package main

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// writeReport writes a numbered report to path.
func writeReport(path, title string, rows []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "# %s\n", title)
	for i, r := range rows {
		if strings.ContainsAny(r, "\t\n") {
			return fmt.Errorf("row %d: control character", i+1)
		}
		fmt.Fprintf(w, "%d. %s\n", i+1, r)
	}
	return w.Flush()
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
	if err := os.WriteFile(filepath.Join(dir, "warmup"), nil, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}

	base := openFDs()
	sum := sha256.New()
	written, failed := 0, 0
	for i := 0; i < 80; i++ {
		name := fmt.Sprintf("report%02d.md", i)
		rows := []string{fmt.Sprintf("item %d", i), "checked", strings.Repeat("=", i)}
		if i%8 == 7 {
			rows = append(rows, "bad\tvalue")
		}
		if i == 79 {
			name = filepath.Join("no-such-dir", name) // os.Create fails, nothing acquired
		}
		err := writeReport(filepath.Join(dir, name), fmt.Sprintf("Report %d", i), rows)
		if err != nil {
			failed++
			if failed <= 3 {
				fmt.Printf("%s: error: %s\n", filepath.Base(name), strings.ReplaceAll(err.Error(), dir+string(os.PathSeparator), ""))
			}
			continue
		}
		written++
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			fmt.Println("read back:", err)
			continue
		}
		sum.Write(data)
		if i < 2 {
			fmt.Print(string(data))
		}
	}
	fmt.Printf("written=%d failed=%d sha256=%x\n", written, failed, sum.Sum(nil)[:8])
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC open=%d\n", openFDs()-base)
}
