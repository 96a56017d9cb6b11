// context imported as ctxpkg: ctxpkg.WithTimeout is context.WithTimeout, and the inserted var
// is typed with the name the file imports the package under (ctxpkg.CancelFunc).
package cache

import (
	ctxpkg "context"
	"time"
)

// Getter loads the value of a key.
type Getter interface {
	Get(ctx ctxpkg.Context, key string) (string, error)
}

// Lookup asks g for key with a 500ms budget.
func Lookup(ctx ctxpkg.Context, g Getter, key string) (string, error) {
	var cancel ctxpkg.CancelFunc
	ctx, cancel = ctxpkg.WithTimeout(ctx, 500*time.Millisecond)
	defer cancel()
	return g.Get(ctx, key)
}
