// Outside loops, a switch on the error: `switch { case err != nil: ... }` (every later clause
// has a response) and `switch err { case nil: ... }` (only that clause has one). The defer
// goes first into each clause with a response.
package fetch

import (
	"fmt"
	"io"
	"net/http"
)

// Status prints the status of u.
func Status(u string) {
	resp, err := http.Get(u)
	switch {
	case err != nil:
		fmt.Println("error:", err)
	case resp.StatusCode != http.StatusOK:
		defer resp.Body.Close()
		fmt.Println("status:", resp.StatusCode)
	default:
		defer resp.Body.Close()
		io.Copy(io.Discard, resp.Body)
	}
}

// Length prints the body length of u.
func Length(u string) {
	resp, err := http.Get(u)
	switch err {
	case nil:
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		fmt.Println(len(b))
	default:
		fmt.Println("error:", err)
	}
}
