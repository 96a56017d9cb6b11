// net/http transport_test.go:2366: the code closes the body only when a flag says so (the test
// checks that leaving it open works too); an unconditional release changes what it checks.
package golden

import "net/http"

func fetchAll(c *http.Client, url string, n int) error {
	for _, closeBody := range []bool{true, false} {
		for i := 0; i < n; i++ {
			res, err := c.Get(url)
			if err != nil {
				return err
			}
			if closeBody {
				res.Body.Close()
			}
		}
	}
	return nil
}
