// go.mod says go 1.19: the progress ticker is never stopped and leaks once Copy returns.
// `defer t.Stop()` after creation.
package progress

import (
	"fmt"
	"io"
	"time"
)

// Copy copies src to dst, printing the byte count to log at most once a second.
func Copy(dst io.Writer, src io.Reader, log io.Writer) (int64, error) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	buf := make([]byte, 32*1024)
	var n int64
	for {
		select {
		case <-t.C:
			fmt.Fprintf(log, "%d bytes\n", n)
		default:
		}
		m, err := src.Read(buf)
		if m > 0 {
			if _, werr := dst.Write(buf[:m]); werr != nil {
				return n, werr
			}
			n += int64(m)
		}
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}
