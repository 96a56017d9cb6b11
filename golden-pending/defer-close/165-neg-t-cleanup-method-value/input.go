// k6 browser_context_proxy_test.go:58: the value's release is registered with t.Cleanup as a
// method value on the next line; a deferred release would only duplicate it.
package golden

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func newTarget(t *testing.T) *httptest.Server {
	t.Helper()
	return httptest.NewServer(http.NotFoundHandler())
}

func runTarget(t *testing.T) {
	srv := newTarget(t)
	t.Cleanup(srv.Close)
	if srv.URL == "" {
		t.Error("no URL")
	}
}
