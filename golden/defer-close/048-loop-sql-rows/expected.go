// SQL rows opened in a loop: released before the early return and at the end of each
// iteration, never deferred.
package counts

import "database/sql"

// CountAll sums the number of rows each query returns.
func CountAll(db *sql.DB, queries []string) (int, error) {
	n := 0
	for _, q := range queries {
		rows, err := db.Query(q)
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			n++
		}
		if err := rows.Err(); err != nil {
			rows.Close()
			return 0, err
		}
		rows.Close()
	}
	return n, nil
}
