// A deferred closure that uses f sits before the error check: on failure it closes a nil file
// and overwrites err with os.ErrInvalid. The branch returns: the whole defer statement moves,
// unchanged, right after the if.
package save

import "os"

// Save writes data to the file at p and reports the close error too.
func Save(p string, data []byte) (err error) {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	_, err = f.Write(data)
	return err
}
