// The timer is captured by a closure that is returned: the caller decides when to stop it.
package deadline

import "time"

// Arm returns a channel that fires after d and a func that disarms it.
func Arm(d time.Duration) (<-chan time.Time, func() bool) {
	t := time.NewTimer(d)
	disarm := func() bool { return t.Stop() }
	return t.C, disarm
}
