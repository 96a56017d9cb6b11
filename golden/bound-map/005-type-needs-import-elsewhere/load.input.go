package clock

import "sync"

var zonesMu sync.Mutex

// Zone memoises fixed zones by name.
func Zone(name string, offset int) *Location {
	zonesMu.Lock()
	defer zonesMu.Unlock()
	if z, ok := zones[name]; ok {
		return (*Location)(z)
	}
	z := fixed(name, offset)
	zones[name] = z
	return (*Location)(z)
}
