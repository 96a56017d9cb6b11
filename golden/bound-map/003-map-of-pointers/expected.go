// A cache of pointers, filled on a miss and never modified afterwards.
package users

import "sync"

type profile struct {
	id   int
	name string
}

// profilesMaxEntries bounds profiles: when a new key would go beyond it, profiles starts over empty.
const profilesMaxEntries = 65536

var (
	profilesMu sync.RWMutex
	profiles   = map[int]*profile{}
)

func load(id int) *profile {
	profilesMu.RLock()
	p, ok := profiles[id]
	profilesMu.RUnlock()
	if ok {
		return p
	}
	p = &profile{id: id, name: "user"}
	profilesMu.Lock()
	if _, ok := profiles[id]; !ok && len(profiles) >= profilesMaxEntries {
		profiles = make(map[int]*profile)
	}
	profiles[id] = p
	profilesMu.Unlock()
	return p
}

// Name returns the name of user id.
func Name(id int) string { return load(id).name }
