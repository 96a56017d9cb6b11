// A switch whose error case is not the first one (or a clause that falls through): which
// clauses have a response cannot be told from the cases alone, so it is reported.
package fetch

import (
	"fmt"
	"io"
	"net/http"
)

// Status prints the status of u.
func Status(u string, quiet bool) {
	resp, err := http.Get(u)
	switch {
	case quiet:
		return
	case err != nil:
		fmt.Println("error:", err)
	default:
		io.Copy(io.Discard, resp.Body)
	}
}
