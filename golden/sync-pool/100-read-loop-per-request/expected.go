// A read loop inside a per-request function: the 32 KiB buffer is made on every call and only
// lent to Read and Write (io.Reader and io.Writer must not keep it). Pooled.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
)

var inputBytes32768Pool = sync.Pool{
	New: func() any {
		b := make([]byte, 32768)
		return &b
	},
}

func relay(w io.Writer, r io.Reader) (int, error) {
	bufp := inputBytes32768Pool.Get().(*[]byte)
	defer inputBytes32768Pool.Put(bufp)
	buf := *bufp
	clear(buf)
	total := 0
	for {
		n, err := r.Read(buf)
		if n > 0 {
			if _, werr := w.Write(buf[:n]); werr != nil {
				return total, werr
			}
			total += n
		}
		if err == io.EOF {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}

func main() {
	for i := 0; i < 2; i++ { // requests
		n, err := relay(os.Stdout, strings.NewReader("hello\n"))
		fmt.Println(n, err)
	}
}
