// A HEAD response's body is http.NoBody (the transport sets it): closing it frees nothing, so
// no fix is offered and nothing is reported, for http.Head and (*http.Client).Head alike.
package golden

import (
	"net/http"
	"time"
)

func exists(url string) (bool, error) {
	resp, err := http.Head(url)
	if err != nil {
		return false, err
	}
	return resp.StatusCode == http.StatusOK, nil
}

func existsWithin(url string) (bool, error) {
	client := &http.Client{Timeout: time.Second}
	resp, err := client.Head(url)
	if err != nil {
		return false, err
	}
	return resp.StatusCode == http.StatusOK, nil
}
