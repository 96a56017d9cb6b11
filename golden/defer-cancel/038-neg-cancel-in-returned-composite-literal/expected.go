// The cancel func goes into a composite literal that is returned: the Lease owns it.
package lease

import (
	"context"
	"time"
)

// Lease is a context valid for a limited time.
type Lease struct {
	Ctx     context.Context
	Release context.CancelFunc
}

// Acquire returns a lease that expires after d.
func Acquire(parent context.Context, d time.Duration) *Lease {
	ctx, cancel := context.WithTimeout(parent, d)
	return &Lease{Ctx: ctx, Release: cancel}
}
