// The function returns *os.File: ownership goes to the caller. Closing it here would be a
// use-after-close bug.
package applog

import "os"

// OpenLog opens the log file for appending.
func OpenLog(p string) (*os.File, error) {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	return f, nil
}
