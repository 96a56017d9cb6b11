// tx is a *sql.Tx parameter: its QueryContext rows must be closed before the transaction ends.
package events

import (
	"context"
	"database/sql"
)

// OldIDs returns the ids of events older than before.
func OldIDs(ctx context.Context, tx *sql.Tx, before int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id FROM events WHERE ts < ?", before)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
