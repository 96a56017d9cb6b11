// idx.Query on a search index of unknown type: the result is ranged over, never used as SQL
// rows (no rows.Next/rows.Scan).
package search

import "strings"

// Index is an in-memory index.
type Index struct {
	docs []string
}

// Query returns the documents containing q.
func (ix *Index) Query(q string) ([]string, error) {
	var out []string
	for _, d := range ix.docs {
		if strings.Contains(d, q) {
			out = append(out, d)
		}
	}
	return out, nil
}

// Count returns how many documents contain q.
func Count(idx *Index, q string) (int, error) {
	rows, err := idx.Query(q)
	if err != nil {
		return 0, err
	}
	n := 0
	for range rows {
		n++
	}
	return n, nil
}
