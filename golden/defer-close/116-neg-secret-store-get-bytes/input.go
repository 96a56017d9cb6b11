// A secret store's Get returns bytes: a value used as bytes (string(v), len(v), v[i]) or never
// used as a response (no .Body, no .StatusCode) is no HTTP response. Nothing to report.
package secrets

import "fmt"

type store interface {
	Get(key string) ([]byte, error)
	List() ([]string, error)
}

func wipe(b []byte) {
	for i := range b {
		b[i] = 0
	}
}

func list(s store, reveal bool) error {
	keys, err := s.List()
	if err != nil {
		return err
	}
	for _, k := range keys {
		var v []byte
		if reveal {
			if v, err = s.Get(k); err != nil {
				return err
			}
		}
		fmt.Printf("%-30s %s\n", k, string(v))
		wipe(v)
	}
	return nil
}

type response struct{ Body []byte }

func show(s store, k string) (response, error) {
	v, err := s.Get(k)
	if err != nil {
		return response{}, err
	}
	r := response{Body: v}
	fmt.Println(len(v), v[0], r.Body)
	wipe(v)
	return r, nil
}
