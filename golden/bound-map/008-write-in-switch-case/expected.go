// The write sits in a case clause and the key is a struct: the eviction goes into the clause.
package geo

type point struct{ x, y int }

// distMaxEntries bounds dist: when a new key would go beyond it, dist starts over empty.
const distMaxEntries = 65536

var dist = map[point]int{}

// Manhattan memoises |x|+|y| per point.
func Manhattan(x, y int) int {
	p := point{x, y}
	if d, ok := dist[p]; ok {
		return d
	}
	switch {
	case x < 0 && y < 0:
		if _, ok := dist[p]; !ok && len(dist) >= distMaxEntries {
			dist = make(map[point]int)
		}
		dist[p] = -x - y
	default:
		if _, ok := dist[p]; !ok && len(dist) >= distMaxEntries {
			dist = make(map[point]int)
		}
		dist[p] = abs(x) + abs(y)
	}
	return dist[p]
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
