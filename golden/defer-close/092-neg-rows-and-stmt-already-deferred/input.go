// Statement and rows are both already released by defers.
package report

import (
	"context"
	"database/sql"
)

// Totals returns the total per customer for the given day.
func Totals(ctx context.Context, db *sql.DB, day string) (map[string]int64, error) {
	stmt, err := db.PrepareContext(ctx, "SELECT customer, sum(amount) FROM orders WHERE day = ? GROUP BY customer")
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	rows, err := stmt.QueryContext(ctx, day)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var c string
		var t int64
		if err := rows.Scan(&c, &t); err != nil {
			return nil, err
		}
		out[c] = t
	}
	return out, rows.Err()
}
