// The receiver's type is unknown without types, but the result is used as SQL rows (Next,
// Scan), so it is known as rows: the Columns error return leaks them, and the defer moves up.
package report

import (
	"database/sql"
	"errors"
)

// Querier runs a query.
type Querier interface {
	Query(query string, args ...any) (*sql.Rows, error)
}

// Count returns the number of rows of q, which must have one column.
func Count(db Querier, q string) (int, error) {
	rows, err := db.Query(q)
	if err != nil {
		return 0, err
	}
	if cols, err := rows.Columns(); err != nil || len(cols) != 1 {
		return 0, errors.New("want one column")
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var v any
		if err := rows.Scan(&v); err != nil {
			return 0, err
		}
		n++
	}
	return n, rows.Err()
}
