// The cancel func is already deferred: nothing to do.
package health

import (
	"context"
	"time"
)

// Check runs probe with a two-second budget.
func Check(parent context.Context, probe func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(parent, 2*time.Second)
	defer cancel()
	return probe(ctx)
}
