// A constructor stores the file in the struct it returns; the failing stat leaks it.
package golden

import "os"

type Log struct {
	f    *os.File
	size int64
}

func OpenLog(path string) (*Log, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &Log{f: f, size: st.Size()}, nil
}
