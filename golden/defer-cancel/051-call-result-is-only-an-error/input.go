// ctx is handed to a call whose result the function returns, but the function returns only an
// error: nothing that outlives the call can hold the context, so the cancel func is named and
// deferred.
package fetch

import (
	"context"
	"time"
)

// Ping runs probe with a one-second deadline.
func Ping(parent context.Context, probe func(context.Context) error) error {
	ctx, _ := context.WithTimeout(parent, time.Second)
	return probe(ctx)
}
