// Outside loops, an error check that does not leave the function: the defer goes first into
// the branch where the response exists (the `if err == nil` block, or the else block after
// `if err != nil { t.Error(..) }`), never after the if statement.
package fetch

import (
	"io"
	"net/http"
	"testing"
)

// Drain reads the body of u when it can be fetched.
func Drain(u string) {
	resp, err := http.Get(u)
	if err == nil {
		io.Copy(io.Discard, resp.Body)
	}
}

func checkOne(t *testing.T, u string) {
	resp, err := http.Get(u)
	if err != nil {
		t.Error(err)
	} else {
		io.Copy(io.Discard, resp.Body)
	}
	t.Log("done")
}
