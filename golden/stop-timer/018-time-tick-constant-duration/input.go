// time.Tick with a constant positive duration, assigned, in a function that returns: the
// ticker leaks once Spin returns. Rewritten to NewTicker + `defer ticker.Stop()` + ticker.C.
package spinner

import (
	"fmt"
	"io"
	"time"
)

// Spin draws a spinner on w until done is closed.
func Spin(w io.Writer, done <-chan struct{}) {
	frames := `|/-\`
	c := time.Tick(100 * time.Millisecond)
	for i := 0; ; i++ {
		select {
		case <-done:
			fmt.Fprint(w, "\r")
			return
		case <-c:
			fmt.Fprintf(w, "\r%c", frames[i%len(frames)])
		}
	}
}
