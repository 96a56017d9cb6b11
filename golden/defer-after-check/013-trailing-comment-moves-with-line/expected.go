// The defer's line carries a trailing comment: the whole line is removed and inserted unchanged
// (comment included) right after the if, whose branch returns.
package notes

import "os"

// Write stores text in the file at p.
func Write(p, text string) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer f.Close() // best effort
	_, err = f.WriteString(text)
	return err
}
