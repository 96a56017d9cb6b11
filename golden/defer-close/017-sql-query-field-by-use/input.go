// s.db's type is unknown without type information; rows.Next() identifies SQL rows.
package store

import (
	"context"
	"database/sql"
)

// Store wraps a database.
type Store struct {
	db *sql.DB
}

// Count counts the rows of table.
func (s *Store) Count(ctx context.Context, table string) (int, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id FROM "+table)
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}
