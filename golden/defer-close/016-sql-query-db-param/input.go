// db is a *sql.DB parameter: db.Query returns rows that must be closed; neither the early
// return inside the loop nor the final return closes them.
package users

import "database/sql"

// Names returns every user name.
func Names(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}
