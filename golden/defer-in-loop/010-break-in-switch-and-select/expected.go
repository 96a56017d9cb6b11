// A `break` inside a switch or a select only leaves that statement, not the iteration: no close
// there. The `continue` inside the switch and the returns do leave it (close before each); the
// end of the body gets a close.
package kinds

import (
	"encoding/json"
	"os"
)

// Kinds decodes each file and counts the kinds; it stops at the first file of kind "stop".
func Kinds(paths []string, seen chan<- string) (map[string]int, error) {
	counts := make(map[string]int)
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		var v struct{ Kind string }
		if err := json.NewDecoder(f).Decode(&v); err != nil {
			f.Close()
			return nil, err
		}
		switch v.Kind {
		case "":
			break
		case "skip":
			f.Close()
			continue
		case "stop":
			f.Close()
			return counts, nil
		default:
			counts[v.Kind]++
		}
		select {
		case seen <- v.Kind:
		default:
			break
		}
		f.Close()
	}
	return counts, nil
}
