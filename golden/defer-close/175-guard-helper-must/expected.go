// `must(err)` is a helper of the package that panics unless err is nil (learnt from its body):
// the file is valid after it, so the close goes right after the guard.
package golden

import (
	"fmt"
	"io"
	"os"
)

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func dump(path string) {
	f, err := os.Open(path)
	must(err)
	defer f.Close()
	data, err := io.ReadAll(f)
	must(err)
	fmt.Println(len(data))
}
