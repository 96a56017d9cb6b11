// os.OpenFile with O_WRONLY|O_APPEND|O_CREATE is writable; the error result is already
// named err, so the deferred closure assigns err.
package applog

import "os"

// AppendLine appends line to the file at p.
func AppendLine(p, line string) (n int, err error) {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return 0, err
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	return f.WriteString(line + "\n")
}
