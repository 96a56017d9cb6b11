// A prepared statement holds a server-side resource until Close.
package users

import "database/sql"

// InsertAll inserts every name.
func InsertAll(db *sql.DB, names []string) error {
	stmt, err := db.Prepare("INSERT INTO users(name) VALUES(?)")
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, n := range names {
		if _, err := stmt.Exec(n); err != nil {
			return err
		}
	}
	return nil
}
