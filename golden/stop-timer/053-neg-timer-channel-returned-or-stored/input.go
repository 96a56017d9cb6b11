// A timer whose channel is returned or stored outlives the call: stopping it when the function
// returns would mean the channel never fires. Ownership leaves with the channel: silent.
package timers

import "time"

// After is time.After spelled out: the caller receives from the channel.
func After(d time.Duration) <-chan time.Time {
	t := time.NewTimer(d)
	return t.C
}

// Waiter fires once after being armed.
type Waiter struct {
	C <-chan time.Time
}

// Arm starts the waiter's timer; its channel is kept in the struct.
func (w *Waiter) Arm(d time.Duration) {
	t := time.NewTimer(d)
	w.C = t.C
}

// Ticks returns the channel of a ticker that the caller keeps receiving from.
func Ticks(d time.Duration) <-chan time.Time {
	t := time.NewTicker(d)
	c := t.C
	return c
}
