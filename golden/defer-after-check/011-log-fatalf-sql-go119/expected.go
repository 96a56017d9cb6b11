// go 1.19 module. rows deferred before the check; the branch ends in log.Fatalf (leaves the
// function): the defer moves after the if.
package count

import (
	"database/sql"
	"log"
)

// MustCount returns the number of rows of table t or exits.
func MustCount(db *sql.DB, t string) int {
	rows, err := db.Query("SELECT 1 FROM " + t)
	if err != nil {
		log.Fatalf("count %s: %v", t, err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n
}
