// Leak: (*sql.DB).Prepare inside a loop body, the statement is never closed.
// The iteration exits through `continue` (no such id), `break` (the admin
// account) and the end of the body.
// Metrics: stmts = prepared statements still open in the driver after all
// lookups; rows = rows still open (QueryRow closes its own rows).
package main

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
)

// lookupAll prints the name of every id until it meets the admin account.
func lookupAll(db *sql.DB, ids []int64, verbose bool) (found int) {
	for _, id := range ids {
		stmt, err := db.Prepare("SELECT name FROM users WHERE id = ?")
		if err != nil {
			fmt.Println("prepare:", err)
			continue
		}
		var name string
		if err := stmt.QueryRow(id).Scan(&name); err != nil {
			if verbose && errors.Is(err, sql.ErrNoRows) {
				fmt.Printf("id %d: no such user\n", id)
			}
			continue
		}
		if name == "root" {
			if verbose {
				fmt.Printf("id %d: admin account, stopping\n", id)
			}
			break
		}
		found++
		if verbose {
			fmt.Printf("id %d: %s\n", id, name)
		}
	}
	return found
}

func main() {
	db, err := sql.Open("counting", "")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer db.Close()

	ids := []int64{3, 1, 42, 8, 5, 99, 2, 10, 6, 7}
	total := 0
	for round := 0; round < 10; round++ {
		total += lookupAll(db, ids, round == 0)
	}
	fmt.Printf("found=%d\n", total)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC stmts=%d\n", openStmts.Load())
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC rows=%d\n", openRows.Load())
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC conns=%d\n", openConns.Load())
}
