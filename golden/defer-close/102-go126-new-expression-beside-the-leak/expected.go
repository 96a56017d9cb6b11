// Go 1.26 lets new take an expression (new(st.Size())): the file parses like any other, and the
// file opened in the same function is closed.
package main

import (
	"fmt"
	"os"
)

func size(name string) *int64 {
	f, err := os.Open(name)
	if err != nil {
		return new(int64(-1))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return new(int64(-1))
	}
	return new(st.Size())
}

func main() {
	fmt.Println(*size(os.Args[0]) > 0)
}
