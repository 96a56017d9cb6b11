// The loop is the body of a function literal invoked in place: its rows are deliberately kept
// open together until the literal returns (to hold n connections at once, as database/sql's own
// tests do). Closing each at the end of its iteration would change what the code does. Silent.
package pool

import "database/sql"

// Warm opens n connections at once and then releases them all to the pool.
func Warm(db *sql.DB, n int) error {
	var err error
	func() {
		for i := 0; i < n; i++ {
			rows, qerr := db.Query("SELECT 1")
			if qerr != nil {
				err = qerr
				return
			}
			defer rows.Close()
		}
	}()
	return err
}
