// In a loop, `if err != nil { t.Error(err) } else { ... }`: t.Error does not stop the test,
// so resp may be nil after the if statement. The release goes at the end of the else block.
package fetch

import (
	"io"
	"net/http"
	"testing"
)

// checkAll fetches every URL and reports the failures.
func checkAll(t *testing.T, urls []string) {
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			t.Error(err)
		} else {
			io.Copy(io.Discard, resp.Body)
		}
		t.Log("done", u)
	}
}
