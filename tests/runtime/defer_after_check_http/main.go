// Bug: `defer resp.Body.Close()` placed before the error check. When Get fails
// resp is nil and the defer statement itself dereferences it: the unfixed
// program panics (exit status 2) on the third URL, after printing the first
// two documents. Fixed, it prints the error and goes on with the last URL.
// Metrics: fetched = documents read, failed = errors reported (both printed
// after every URL, so the unfixed program reports 2 and 0).
package main

import (
	"bufio"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"time"
)

// firstLine returns the first line of the document at url.
func firstLine(client *http.Client, url string) (string, error) {
	resp, err := client.Get(url)
	defer resp.Body.Close()
	if err != nil {
		return "", err
	}
	line, err := bufio.NewReader(resp.Body).ReadString('\n')
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(line), nil
}

func main() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "Document %s\nbody\n", strings.TrimPrefix(r.URL.Path, "/doc/"))
	}))
	defer srv.Close()
	client := &http.Client{Timeout: 5 * time.Second}

	urls := []string{
		srv.URL + "/doc/alpha",
		srv.URL + "/doc/beta",
		"ftp://files.invalid/doc/gamma", // unsupported scheme: Get fails, resp is nil
		srv.URL + "/doc/delta",
	}
	fetched, failed := 0, 0
	fmt.Fprintln(os.Stderr, "LEAKFIX-METRIC fetched=0")
	fmt.Fprintln(os.Stderr, "LEAKFIX-METRIC failed=0")
	for _, u := range urls {
		title, err := firstLine(client, u)
		if err != nil {
			failed++
			fmt.Println("error:", err)
		} else {
			fetched++
			fmt.Println(title)
		}
		fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC fetched=%d\n", fetched)
		fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC failed=%d\n", failed)
	}
	fmt.Println("done")
}
