// In a loop, `if err == nil { ... } else { continue }`: the failing branch leaves the
// iteration, so resp has a value after the if statement and the release goes at the end of
// the iteration, after its last use.
package fetch

import (
	"fmt"
	"io"
	"net/http"
)

// Report prints the length and status of each URL that could be fetched.
func Report(urls []string) {
	for _, u := range urls {
		resp, err := http.Get(u)
		if err == nil {
			fmt.Println("fetched", u)
		} else {
			continue
		}
		b, _ := io.ReadAll(resp.Body)
		fmt.Println(len(b), resp.StatusCode)
		resp.Body.Close()
	}
}
