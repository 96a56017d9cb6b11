// In a loop, a tagless switch whose first case is `err != nil`: every later clause runs
// with a response, the first one without. The release goes at the end of each later clause
// and before the exits inside it.
package fetch

import (
	"fmt"
	"io"
	"net/http"
)

// Statuses prints the status of each URL.
func Statuses(urls []string) {
	for _, u := range urls {
		resp, err := http.Get(u)
		switch {
		case err != nil:
			fmt.Println("error:", err)
		case resp.StatusCode != http.StatusOK:
			fmt.Println("status:", resp.StatusCode)
		default:
			b, err := io.ReadAll(resp.Body)
			if err != nil {
				break
			}
			fmt.Println(len(b))
		}
	}
}
