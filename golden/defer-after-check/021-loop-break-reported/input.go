// In a loop the error branch ends in `break`: it leaves the loop, not the function. Choice:
// break and continue do NOT count as leaving the function, so this is reported, not fixed.
package tables

import "database/sql"

// Rows counts the rows of each table until a query fails.
func Rows(db *sql.DB, tables []string) map[string]int {
	out := make(map[string]int)
	for _, t := range tables {
		rows, err := db.Query("SELECT 1 FROM " + t)
		defer rows.Close()
		if err != nil {
			break
		}
		for rows.Next() {
			out[t]++
		}
	}
	return out
}
