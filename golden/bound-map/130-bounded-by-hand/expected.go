// The writing function checks the map's size itself (os/signal's sigtab): bounded already.
package ids

const maxIDs = 256

var ids = make(map[string]int)

func id(s string) int {
	n, ok := ids[s]
	if !ok {
		n = len(ids) + 1
		if n > maxIDs {
			return -1
		}
		ids[s] = n
	}
	return n
}

// ID returns a small number for s, or -1.
func ID(s string) int { return id(s) }
