// sql.Open is made a resource by .leakfix.toml; the import alias dbsql resolves to database/sql.
package version

import dbsql "database/sql"

// Version asks the database at dsn for its version.
func Version(dsn string) (string, error) {
	db, err := dbsql.Open("sqlite3", dsn)
	if err != nil {
		return "", err
	}
	defer db.Close()
	var v string
	err = db.QueryRow("SELECT sqlite_version()").Scan(&v)
	return v, err
}
