// <-time.After(d) as a plain statement in a loop (not a select case): each timer has fired
// before the next one is made, so nothing accumulates. Silent.
package pace

import "time"

// Each calls f for every item, pausing d between calls.
func Each(items []string, d time.Duration, f func(string)) {
	for i, it := range items {
		if i > 0 {
			<-time.After(d)
		}
		f(it)
	}
}
