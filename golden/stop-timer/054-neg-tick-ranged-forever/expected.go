// A range over a time.Tick channel with no break or return never ends, so the function never
// returns and the ticker lives exactly as long as it (the time.Tick example in package time's
// documentation). Rewriting it to NewTicker would only change the example: silent.
package status

import (
	"fmt"
	"time"
)

func statusUpdate() string { return "" }

// Report prints a status line every five seconds, forever.
func Report() {
	c := time.Tick(5 * time.Second)
	for next := range c {
		fmt.Printf("%v %s\n", next, statusUpdate())
	}
}
