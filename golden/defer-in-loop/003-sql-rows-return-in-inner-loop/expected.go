// defer rows.Close() in a loop over tables: every result set keeps its connection busy until
// Count returns. The return inside `for rows.Next()` leaves this iteration too (close there);
// the inner loop's `break` does not (no close). The end of the body gets a close.
package stats

import "database/sql"

// Count returns the number of non-empty names per table, up to the first NULL.
func Count(db *sql.DB, tables []string) (map[string]int, error) {
	out := make(map[string]int)
	for _, t := range tables {
		rows, err := db.Query("SELECT name FROM " + t)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var name sql.NullString
			if err := rows.Scan(&name); err != nil {
				rows.Close()
				return nil, err
			}
			if !name.Valid {
				break
			}
			if name.String != "" {
				out[t]++
			}
		}
		if err := rows.Err(); err != nil {
			rows.Close()
			return nil, err
		}
		rows.Close()
	}
	return out, nil
}
