// restic internal/fs/fs_local.go: a value of a learnt constructor copied into the receiver
// (`*h = *nh`) shares its file with the receiver; closing it would close the receiver's file.
package golden

import "os"

type handle struct {
	name string
	f    *os.File
}

func openHandle(name string) (*handle, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	return &handle{name: name, f: f}, nil
}

func (h *handle) Close() error { return h.f.Close() }

func (h *handle) Reopen() error {
	nh, err := openHandle(h.name)
	if err != nil {
		return err
	}
	*h = *nh
	return nil
}
