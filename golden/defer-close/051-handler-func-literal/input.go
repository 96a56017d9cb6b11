// A handler literal opens a file per request and never closes it.
package files

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
)

// Register serves the files in dir on /file.
func Register(mux *http.ServeMux, dir string) {
	mux.HandleFunc("/file", func(w http.ResponseWriter, r *http.Request) {
		f, err := os.Open(filepath.Join(dir, filepath.Base(r.URL.Query().Get("name"))))
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		io.Copy(w, f)
	})
}
