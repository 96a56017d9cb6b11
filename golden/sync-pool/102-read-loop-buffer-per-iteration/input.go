// The buffer is made anew on every iteration of the read loop: the fix is to make it once before
// the loop, which the rule does not write. Reported.
package main

import (
	"fmt"
	"io"
	"strings"
)

func count(r io.Reader) (int, error) {
	total := 0
	for {
		buf := make([]byte, 4096)
		n, err := r.Read(buf)
		total += n
		if err == io.EOF {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}

func main() {
	fmt.Println(count(strings.NewReader("hello")))
}
