// Writable file; the function already uses the name cerr, so the closure uses cerr1.
package export

import (
	"bufio"
	"os"
)

// Export writes rows to p, one per line.
func Export(p string, rows []string) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, r := range rows {
		if _, err := w.WriteString(r + "\n"); err != nil {
			return err
		}
	}
	if cerr := w.Flush(); cerr != nil {
		return cerr
	}
	return nil
}
