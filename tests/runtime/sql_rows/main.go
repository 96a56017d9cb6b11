// Leak: (*sql.DB).Query whose rows are never closed: only the first row is
// read, so database/sql does not close them itself. Each leaked *sql.Rows also
// pins a connection and its statement.
// Metrics: rows / stmts / conns still open in the driver after all calls.
package main

import (
	"database/sql"
	"fmt"
	"os"
)

// firstMember returns the first member of team.
func firstMember(db *sql.DB, team string) (string, error) {
	rows, err := db.Query("SELECT name FROM users WHERE team = ?", team)
	if err != nil {
		return "", err
	}
	if !rows.Next() {
		return "", fmt.Errorf("team %q has no members", team)
	}
	var name string
	if err := rows.Scan(&name); err != nil {
		return "", err
	}
	return name, nil
}

func main() {
	db, err := sql.Open("counting", "")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer db.Close()

	teams := []string{"core", "web", "ops", "nobody", "admin"}
	found := map[string]int{}
	for i := 0; i < 75; i++ {
		t := teams[i%len(teams)]
		name, err := firstMember(db, t)
		if err != nil {
			if i < len(teams) {
				fmt.Println("error:", err)
			}
			continue
		}
		found[name]++
		if i < len(teams) {
			fmt.Printf("%s: %s\n", t, name)
		}
	}
	fmt.Printf("ada=%d cleo=%d farah=%d root=%d\n", found["ada"], found["cleo"], found["farah"], found["root"])
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC rows=%d\n", openRows.Load())
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC stmts=%d\n", openStmts.Load())
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC conns=%d\n", openConns.Load())
}
