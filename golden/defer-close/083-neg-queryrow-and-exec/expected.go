// db.QueryRow(...).Scan releases its connection itself, and db.Exec returns a Result, not
// something to close.
package accounts

import "database/sql"

// Rename renames account id and returns the old name.
func Rename(db *sql.DB, id int64, name string) (string, error) {
	var old string
	if err := db.QueryRow("SELECT name FROM accounts WHERE id = ?", id).Scan(&old); err != nil {
		return "", err
	}
	row := db.QueryRow("SELECT count(*) FROM accounts")
	var n int
	if err := row.Scan(&n); err != nil {
		return "", err
	}
	res, err := db.Exec("UPDATE accounts SET name = ? WHERE id = ?", name, id)
	if err != nil {
		return "", err
	}
	if _, err := res.RowsAffected(); err != nil {
		return "", err
	}
	return old, nil
}
