// openStore is declared as a resource constructor in .leakfix.toml (same package, called
// unqualified). openStore itself hands the store to its caller: no finding there.
package store

import "errors"

// Store is a key-value store.
type Store struct {
	path   string
	closed bool
}

func openStore(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("empty path")
	}
	return &Store{path: path}, nil
}

// Close releases the store.
func (s *Store) Close() error {
	s.closed = true
	return nil
}

// Get returns the value of k.
func (s *Store) Get(k string) string {
	return s.path + "/" + k
}

// Lookup returns the value of key in the store at path.
func Lookup(path, key string) (string, error) {
	s, err := openStore(path)
	if err != nil {
		return "", err
	}
	return s.Get(key), nil
}
