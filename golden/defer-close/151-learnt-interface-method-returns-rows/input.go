// A method of a project interface returns *sql.Rows: the rows are closed although the
// receiver's concrete type is unknown (the interface declares the result type).
package golden

import (
	"context"
	"database/sql"
)

type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func count(ctx context.Context, q Querier) (int, error) {
	rows, err := q.QueryContext(ctx, "SELECT id FROM t")
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}
