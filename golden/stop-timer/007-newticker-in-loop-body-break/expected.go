// A ticker per host inside the loop body: t.Stop() before the `break` that ends the outer
// loop and at the end of the body; the `break` of the inner loop does not leave the iteration.
package ready

import "time"

// First returns the first host that becomes ready within ten polls.
func First(hosts []string, ready func(string) bool) string {
	found := ""
	for _, h := range hosts {
		t := time.NewTicker(100 * time.Millisecond)
		for i := 0; i < 10; i++ {
			<-t.C
			if ready(h) {
				found = h
				break
			}
		}
		if found != "" {
			t.Stop()
			break
		}
		t.Stop()
	}
	return found
}
