// Leak: os.Open + gzip.NewReader. Closing the gzip reader does not close the
// file, and the file is never closed; the gzip reader is also leaked when
// gzip.NewReader fails on a non-gzip file.
// Metric: open = file descriptors still open after all calls.
package main

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// readGzip returns the decompressed content of the gzip file at path.
func readGzip(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		return "", fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	data, err := io.ReadAll(zr)
	zr.Close()
	if err != nil {
		return "", err
	}
	return string(data), nil
}

func writeGzip(path, content string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw := gzip.NewWriter(f)
	if _, err := zw.Write([]byte(content)); err != nil {
		f.Close()
		return err
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

	var paths []string
	for i := 0; i < 8; i++ {
		p := filepath.Join(dir, fmt.Sprintf("log%d.gz", i))
		if err := writeGzip(p, fmt.Sprintf("log %d\n%s\n", i, strings.Repeat("line\n", i*100))); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		paths = append(paths, p)
	}
	for i := 0; i < 2; i++ {
		p := filepath.Join(dir, fmt.Sprintf("plain%d.gz", i))
		if err := os.WriteFile(p, []byte("this is not gzip data\n"), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		paths = append(paths, p)
	}

	base := openFDs()
	total := 0
	for i := 0; i < 100; i++ {
		p := paths[i%len(paths)]
		s, err := readGzip(p)
		if err != nil {
			if i < len(paths) {
				fmt.Println("error:", err)
			}
			continue
		}
		total += len(s)
		if i < len(paths) {
			first, _, _ := strings.Cut(s, "\n")
			fmt.Printf("%s: %q, %d bytes\n", filepath.Base(p), first, len(s))
		}
	}
	fmt.Printf("total=%d\n", total)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC open=%d\n", openFDs()-base)
}
