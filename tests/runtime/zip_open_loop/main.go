// Leak: zip.OpenReader inside a loop body, never closed; the iteration exits
// through `continue` (empty archive), `break` (STOP entry) and the end of the body.
// Metric: open = file descriptors still open after all scans.
package main

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
)

// firstEntries lists the first entry of every archive until one starts with STOP.
func firstEntries(paths []string) []string {
	var out []string
	for _, p := range paths {
		r, err := zip.OpenReader(p)
		if err != nil {
			out = append(out, filepath.Base(p)+": invalid")
			continue
		}
		if len(r.File) == 0 {
			out = append(out, filepath.Base(p)+": empty")
			continue
		}
		first := r.File[0]
		if first.Name == "STOP" {
			out = append(out, filepath.Base(p)+": stop")
			break
		}
		out = append(out, fmt.Sprintf("%s: %s (%d bytes, %d entries)", filepath.Base(p), first.Name, first.UncompressedSize64, len(r.File)))
	}
	return out
}

func writeZip(path string, names ...string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	for i, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			f.Close()
			return err
		}
		fmt.Fprintf(w, "content of %s #%d\n", n, i)
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
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

	archives := [][]string{
		{"readme.txt", "main.go"},
		{},
		{"data/one.csv"},
		{"a", "b", "c"},
		{"STOP", "ignored"},
		{"never/reached.txt"},
	}
	var paths []string
	for i, names := range archives {
		p := filepath.Join(dir, fmt.Sprintf("arch%d.zip", i))
		if err := writeZip(p, names...); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		paths = append(paths, p)
	}
	bogus := filepath.Join(dir, "bogus.zip")
	if err := os.WriteFile(bogus, []byte("not a zip archive"), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	paths = append([]string{bogus}, paths...)

	base := openFDs()
	lines := 0
	for round := 0; round < 15; round++ {
		out := firstEntries(paths)
		lines += len(out)
		if round == 0 {
			for _, l := range out {
				fmt.Println(l)
			}
		}
	}
	fmt.Printf("lines=%d\n", lines)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC open=%d\n", openFDs()-base)
}
