// c.Get on a cache: unknown type without type information, and the result is never used as
// an HTTP response (no .Body/.StatusCode/.Header), even though it is called resp.
package lookup

import "fmt"

// Cache maps keys to values.
type Cache struct {
	m map[string]string
}

// Get returns the value of k.
func (c *Cache) Get(k string) (string, error) {
	v, ok := c.m[k]
	if !ok {
		return "", fmt.Errorf("miss: %s", k)
	}
	return v, nil
}

// Describe prints the value of k.
func Describe(c *Cache, k string) error {
	resp, err := c.Get(k)
	if err != nil {
		return err
	}
	fmt.Println(k, "=", resp, len(resp))
	return nil
}
