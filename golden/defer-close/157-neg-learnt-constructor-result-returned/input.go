// A value from a learnt constructor that is returned (or stored) belongs to the caller.
package golden

import "os"

type Store struct {
	f *os.File
}

func (s *Store) Close() error { return s.f.Close() }

func OpenStore(path string) (*Store, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return &Store{f: f}, nil
}

type App struct {
	store *Store
}

func (a *App) init(path string) error {
	s, err := OpenStore(path)
	if err != nil {
		return err
	}
	a.store = s
	return nil
}

func openBoth(a, b string) (*Store, *Store, error) {
	s1, err := OpenStore(a)
	if err != nil {
		return nil, nil, err
	}
	s2, err := OpenStore(b)
	if err != nil {
		s1.Close()
		return nil, nil, err
	}
	return s1, s2, nil
}
