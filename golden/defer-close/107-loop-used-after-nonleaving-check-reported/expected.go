// In a loop, the error check does not leave the iteration and resp is used again after it
// (behind its own nil check): no point both after every use and where resp surely has a
// value, so it is reported, not fixed.
package fetch

import (
	"fmt"
	"io"
	"net/http"
)

// Probe prints what it can learn about each URL.
func Probe(urls []string) {
	for _, u := range urls {
		resp, err := http.Get(u)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
		}
		if resp != nil {
			fmt.Println(resp.StatusCode)
		}
	}
}
