// time.Tick in functions that never return (a range with no way out, and a channel read in a
// bare for): the ticker lives as long as the program anyway. Silent.
package forever

import "time"

// Beat sends on out every period, forever.
func Beat(period time.Duration, out chan<- time.Time) {
	for now := range time.Tick(period) {
		out <- now
	}
}

// Sample records a value every period, forever.
func Sample(period time.Duration, read func() int, record func(int)) {
	c := time.Tick(period)
	for {
		<-c
		record(read())
	}
}
