// Package leaky shows one leak of each kind leakfix fixes, and a few things it must leave alone.
// Try: leakfix diff examples
package leaky

import (
	"archive/zip"
	"bufio"
	"compress/gzip"
	"database/sql"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
)

// FirstLine leaks the file: nothing closes it.
func FirstLine(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	sc := bufio.NewScanner(f)
	sc.Scan()
	return sc.Text(), sc.Err()
}

// Save leaks the file on the error path, and drops the close error on success.
func Save(path string, data []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return err
}

// FetchJSON never closes the response body, so the connection is never reused.
func FetchJSON(url string, v any) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// Names leaves the rows open when it returns early.
func Names(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	rows.Close()
	return out, rows.Err()
}

// Ping dials and never hangs up.
func Ping(addr string) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	_, err = conn.Write([]byte("ping\n"))
	return err
}

// Gunzip closes neither the file nor the gzip reader.
func Gunzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// CountEntries opens one archive per iteration and keeps them all open.
func CountEntries(paths []string) (int, error) {
	n := 0
	for _, p := range paths {
		r, err := zip.OpenReader(p)
		if err != nil {
			return 0, err
		}
		if len(r.File) == 0 {
			continue
		}
		n += len(r.File)
	}
	return n, nil
}

// Open hands the file to its caller: leakfix leaves it alone.
func Open(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// Size closes the file already: leakfix leaves it alone.
func Size(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

var opened []*os.File

// Track stores the file in a package variable: ownership has left the function.
func Track(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	opened = append(opened, f)
	return nil
}
