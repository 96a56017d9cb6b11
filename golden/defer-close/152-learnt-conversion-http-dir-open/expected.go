// http.Dir(p).Open(name): the conversion gives the receiver its type, and http.Dir's Open
// returns an http.File, an interface with Close.
package golden

import (
	"io"
	"net/http"
)

func readAsset(root, name string) ([]byte, error) {
	f, err := http.Dir(root).Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
