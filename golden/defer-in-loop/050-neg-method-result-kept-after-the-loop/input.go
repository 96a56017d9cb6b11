// A value obtained from the resource (a method's result) is kept after the loop: it may need the
// resource open, so the deferred close is not moved to the end of the iteration.
package golden

import "os"

type client struct{ f *os.File }

func (c *client) Session() *os.File { return c.f }

func (c *client) Close() error { return c.f.Close() }

func dialClient(p string) (*client, error) {
	f, err := os.Open(p)
	return &client{f}, err
}

func sessions(paths []string) ([]*os.File, error) {
	var out []*os.File
	for _, p := range paths {
		c, err := dialClient(p)
		if err != nil {
			return nil, err
		}
		defer c.Close()
		out = append(out, c.Session())
	}
	return out, nil
}
