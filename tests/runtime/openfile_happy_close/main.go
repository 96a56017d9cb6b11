// Leak: os.OpenFile for appending, closed only on the success path
// (`return f.Close()`); the validation and write-error returns leak the file.
// A fix must keep the success path returning nil (no "file already closed").
// Metric: open = file descriptors still open after all calls.
package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
)

var errEmpty = errors.New("empty entry")

// appendLog appends one line per entry to the log at path.
func appendLog(path string, entries []string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if strings.TrimSpace(e) == "" {
			return errEmpty
		}
		if _, err := f.WriteString(e + "\n"); err != nil {
			return err
		}
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
	logs := []string{"a.log", "b.log", "c.log", "d.log"}
	for _, l := range logs {
		if err := os.WriteFile(filepath.Join(dir, l), nil, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}

	base := openFDs()
	results := map[string]int{}
	for i := 0; i < 90; i++ {
		entries := []string{fmt.Sprintf("event %d", i), "ack"}
		if i%3 == 0 {
			entries = append(entries, "  ") // rejected after the first lines were written
		}
		err := appendLog(filepath.Join(dir, logs[i%len(logs)]), entries)
		switch {
		case err == nil:
			results["ok"]++
		case errors.Is(err, errEmpty):
			results["empty"]++
		default:
			results["error: "+err.Error()]++
		}
	}
	fmt.Printf("ok=%d empty=%d other=%d\n", results["ok"], results["empty"], len(results)-2)
	var other []string
	for k := range results {
		if k != "ok" && k != "empty" {
			other = append(other, k)
		}
	}
	sort.Strings(other)
	for _, k := range other {
		fmt.Printf("unexpected %q x%d\n", strings.ReplaceAll(k, dir, "$DIR"), results[k])
	}
	for _, l := range logs {
		data, err := os.ReadFile(filepath.Join(dir, l))
		if err != nil {
			fmt.Println(l, "error:", err)
			continue
		}
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		fmt.Printf("%s: %d lines, last %q\n", l, len(lines), lines[len(lines)-1])
	}
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC open=%d\n", openFDs()-base)
}
