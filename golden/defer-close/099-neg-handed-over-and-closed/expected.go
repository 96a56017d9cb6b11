// The value is handed to functions leakfix does not know (a writer constructor, a response
// parser), but the function itself closes it on every path that goes on; the other paths end
// the process or the test (cmd/cover's emitMetaFile, cmd/go's buildid.go, many net/http tests).
// Whatever the callee keeps, nothing is left open here: silent.
package handoff

import (
	"bufio"
	"log"
	"net"
	"net/http"
	"os"
)

type metaWriter struct{ f *os.File }

func newMetaWriter(f *os.File) *metaWriter { return &metaWriter{f} }

func (w *metaWriter) Write(p []byte) error {
	_, err := w.f.Write(p)
	return err
}

// Emit writes payload to path.
func Emit(path string, payload []byte) {
	of, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o666)
	if err != nil {
		log.Fatalf("opening %s: %v", path, err)
	}
	if len(payload) == 0 {
		if err = of.Close(); err != nil {
			log.Fatalf("closing %s: %v", path, err)
		}
		return
	}
	mw := newMetaWriter(of)
	if err := mw.Write(payload); err != nil {
		log.Fatalf("writing %s: %v", path, err)
	}
	if err = of.Close(); err != nil {
		log.Fatalf("closing %s: %v", path, err)
	}
}

// Status sends a GET over a fresh connection and returns the status code, or -1.
func Status(addr string) int {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return -1
	}
	if _, err := c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n")); err != nil {
		c.Close()
		return -1
	}
	code := readStatus(c)
	c.Close()
	return code
}

func readStatus(c net.Conn) int {
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return -1
	}
	res.Body.Close()
	return res.StatusCode
}

// Cache copies path into the cache when it can be opened.
func Cache(path string, put func(name string, f *os.File) error) {
	r, err := os.Open(path)
	if err == nil {
		err = put(path, r)
		r.Close()
		if err != nil {
			log.Print(err)
		}
	}
}
