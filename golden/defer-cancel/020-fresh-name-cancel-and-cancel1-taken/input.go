// cancel and cancel1 are both already used in the function, so the discarded func of the
// probe context becomes cancel2.
package replica

import (
	"context"
	"time"
)

// Check pings the primary and then, with a shorter budget, the replica.
func Check(parent context.Context, ping func(context.Context, string) error) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	primary, cancel1 := context.WithTimeout(ctx, 5*time.Second)
	defer cancel1()
	if err := ping(primary, "primary"); err != nil {
		return err
	}
	probe, _ := context.WithTimeout(ctx, time.Second)
	return ping(probe, "replica")
}
