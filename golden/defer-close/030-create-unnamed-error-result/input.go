// A written file whose close error is dropped: delayed write errors surface at Close.
// The function returns an error, so its result is named and the close error reported.
package report

import (
	"fmt"
	"os"
)

// WriteReport writes one line per entry to p.
func WriteReport(p string, lines []string) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	for _, l := range lines {
		if _, err := fmt.Fprintln(f, l); err != nil {
			return err
		}
	}
	return nil
}
