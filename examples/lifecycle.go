package leaky

import (
	"context"
	"net/http"
	"os"
	"sync"
	"time"
)

// Probe discards the cancel func: the child context lives until the parent ends.
func Probe(parent context.Context, check func(context.Context) error) error {
	ctx, _ := context.WithTimeout(parent, 5*time.Second)
	return check(ctx)
}

// Lookup returns a request bound to its context: cancelling it on return would break the
// request, so leakfix reports this one instead of rewriting it.
func Lookup(parent context.Context, url string) (*http.Request, error) {
	ctx, _ := context.WithTimeout(parent, 5*time.Second)
	return http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
}

// Poll never stops its ticker (this module says go 1.22, before timers were collected).
func Poll(done <-chan struct{}, check func()) {
	t := time.NewTicker(time.Second)
	for {
		select {
		case <-done:
			return
		case <-t.C:
			check()
		}
	}
}

// Wait creates a new timer on every iteration of its loop.
func Wait(events <-chan string, handle func(string)) {
	for {
		select {
		case e := <-events:
			handle(e)
		case <-time.After(time.Minute):
			return
		}
	}
}

// Sizes defers its closes inside the loop: every file stays open until Sizes returns.
func Sizes(paths []string) (int64, error) {
	var total int64
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return 0, err
		}
		total += st.Size()
	}
	return total, nil
}

// Status defers the close before checking the error: resp is nil when Get fails.
func Status(url string) (int, error) {
	resp, err := http.Get(url)
	defer resp.Body.Close()
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

var mu sync.Mutex

// Bump locks once per item and unlocks only when it returns: it deadlocks on the second item.
func Bump(counts map[string]int, keys []string) {
	for _, k := range keys {
		mu.Lock()
		defer mu.Unlock()
		counts[k]++
	}
}
