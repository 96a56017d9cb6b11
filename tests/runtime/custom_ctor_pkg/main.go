// Leak: a user-configured constructor (leakcase/store.Open, released with
// Release, declared in .leakfix.toml). The store is released only on the happy
// path; the lookup-error and missing-key returns leak it.
// Metrics: stores = stores still open; open = file descriptors still open.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"leakcase/store"
)

// lookup returns the value of key in the store at path.
func lookup(path, key string) (string, error) {
	s, err := store.Open(path)
	if err != nil {
		return "", err
	}
	v, ok, err := s.Get(key)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", fmt.Errorf("%s: no key %q", filepath.Base(path), key)
	}
	s.Release()
	return v, nil
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
	path := filepath.Join(dir, "settings.db")
	if err := os.WriteFile(path, []byte("color=blue\nsize=XL\nregion=eu-west\n"), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}

	base := openFDs()
	keys := []string{"color", "size", "weight", "region", "owner"}
	hits, misses := 0, 0
	for i := 0; i < 100; i++ {
		k := keys[i%len(keys)]
		v, err := lookup(path, k)
		if err != nil {
			misses++
			if i < len(keys) {
				fmt.Println("error:", err)
			}
			continue
		}
		hits++
		if i < len(keys) {
			fmt.Printf("%s=%s\n", k, v)
		}
	}
	fmt.Printf("hits=%d misses=%d\n", hits, misses)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC stores=%d\n", store.OpenCount())
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC open=%d\n", openFDs()-base)
}
