// ctx, _ = context.WithTimeout(ctx, d) with plain `=`: the cancel func is discarded. A
// `var cancel context.CancelFunc` goes before the statement so that it can keep using `=`.
package store

import (
	"context"
	"database/sql"
	"time"
)

// Count returns the number of users, giving up after three seconds.
func Count(ctx context.Context, db *sql.DB) (int, error) {
	var cancel context.CancelFunc
	ctx, cancel = context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	var n int
	err := db.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n)
	return n, err
}
