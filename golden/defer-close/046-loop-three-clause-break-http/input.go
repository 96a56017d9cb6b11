// HTTP responses in a counting loop: the `break` leaves the loop with the body open, and
// every other iteration ends with it open too.
package check

import "net/http"

// CountOK counts the URLs that answer 200, stopping at limit.
func CountOK(urls []string, limit int) int {
	ok := 0
	for i := 0; i < len(urls); i++ {
		resp, err := http.Get(urls[i])
		if err != nil {
			continue
		}
		if resp.StatusCode == http.StatusOK {
			ok++
		}
		if ok >= limit {
			break
		}
	}
	return ok
}
