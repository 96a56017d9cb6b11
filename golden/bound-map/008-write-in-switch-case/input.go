// The write sits in a case clause and the key is a struct: the eviction goes into the clause.
package geo

type point struct{ x, y int }

var dist = map[point]int{}

// Manhattan memoises |x|+|y| per point.
func Manhattan(x, y int) int {
	p := point{x, y}
	if d, ok := dist[p]; ok {
		return d
	}
	switch {
	case x < 0 && y < 0:
		dist[p] = -x - y
	default:
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
