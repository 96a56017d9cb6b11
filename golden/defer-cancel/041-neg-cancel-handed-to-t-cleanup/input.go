// t.Cleanup(cancel): the test framework calls the cancel func when the test ends.
package testutil

import (
	"context"
	"testing"
	"time"
)

// Context returns a context that is cancelled when the test ends, or after a minute.
func Context(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}
