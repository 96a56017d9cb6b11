// `defer os.Remove(f.Name())` uses f in its argument, evaluated at the defer statement: on failure
// f is nil and f.Name() panics at once. The branch returns: the defer moves after the if.
package tmp

import "os"

// Scratch writes data to a temporary file and removes it again.
func Scratch(data []byte) error {
	f, err := os.CreateTemp("", "scratch-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
