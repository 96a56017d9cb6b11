// Another defer stands between the check and the late defer: moving the close above it would
// change the order the deferred calls run in (here: the close would run after the unlock).
// The status return leaks the body: reported, not fixed.
package guarded

import (
	"fmt"
	"io"
	"net/http"
	"sync"
)

var mu sync.Mutex

// Get returns the body of the document at u, one request at a time.
func Get(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	mu.Lock()
	defer mu.Unlock()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
