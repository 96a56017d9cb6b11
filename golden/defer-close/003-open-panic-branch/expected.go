// The error branch panics (it leaves the function), so the defer goes after it.
package main

import (
	"io"
	"os"
)

func mustRead(p string) []byte {
	f, err := os.Open(p)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		panic(err)
	}
	return b
}

func main() {
	_ = mustRead("go.mod")
}
