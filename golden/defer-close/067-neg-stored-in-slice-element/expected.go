// The file is stored in a slice element of the receiver.
package slots

import "os"

// Table holds one open file per slot.
type Table struct {
	files []*os.File
}

// Load opens p into slot i.
func (t *Table) Load(i int, p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	t.files[i] = f
	return nil
}
