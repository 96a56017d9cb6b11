// In a loop, `switch err { case nil: ... }`: only the `case nil` clause has a response. The
// release goes at the end of that clause.
package fetch

import (
	"fmt"
	"io"
	"net/http"
)

// Lengths prints the body length of each URL.
func Lengths(urls []string) {
	for _, u := range urls {
		resp, err := http.Get(u)
		switch err {
		case nil:
			b, _ := io.ReadAll(resp.Body)
			fmt.Println(len(b))
		default:
			fmt.Println("error:", err)
		}
	}
}
