package clock

import "sync"
import "time"

var zonesMu sync.Mutex

// Zone memoises fixed zones by name.
func Zone(name string) *Location {
	zonesMu.Lock()
	defer zonesMu.Unlock()
	if z, ok := zones[name]; ok {
		return (*Location)(z)
	}
	z := fixed(name, 3600*len(name))
	if _, ok := zones[name]; !ok && len(zones) >= zonesMaxEntries {
		zones = make(map[string]*time.Location)
	}
	zones[name] = z
	return (*Location)(z)
}
