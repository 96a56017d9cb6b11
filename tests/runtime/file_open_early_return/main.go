// Leak: os.Open closed only on the happy path; the parse-error and scan-error returns leak the file.
// The inner `continue` belongs to the scan loop, not to the acquisition.
// Metric: open = file descriptors still open after all calls.
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
)

// loadConfig parses a key=value file; blank lines and # comments are skipped.
func loadConfig(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	cfg := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("%s: bad line %q", filepath.Base(path), line)
		}
		cfg[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	f.Close()
	return cfg, nil
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
		"good1.conf": "# service\nname = api\nport = 8080\n\n",
		"good2.conf": "name=worker\nreplicas=3\n",
		"bad1.conf":  "name = db\nthis line is broken\nport = 5432\n",
		"bad2.conf":  "# only a comment\noops\n",
		"long.conf":  "name = long\nvalue = " + strings.Repeat("x", 70000) + "\n",
	}
	var names []string
	for n, c := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(c), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		names = append(names, n)
	}
	sort.Strings(names)

	base := openFDs()
	ok, failed := 0, 0
	for round := 0; round < 20; round++ {
		for _, n := range names {
			cfg, err := loadConfig(filepath.Join(dir, n))
			if err != nil {
				failed++
			} else {
				ok++
			}
			if round > 0 {
				continue
			}
			if err != nil {
				fmt.Printf("%s: error: %s\n", n, err)
				continue
			}
			keys := make([]string, 0, len(cfg))
			for k := range cfg {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				fmt.Printf("%s: %s=%.20s\n", n, k, cfg[k])
			}
		}
	}
	fmt.Printf("ok=%d failed=%d\n", ok, failed)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC open=%d\n", openFDs()-base)
}
