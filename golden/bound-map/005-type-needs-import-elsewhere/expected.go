// The map's type names a package (time) that the writing file does not import: the fix adds the
// import there, so make(...) compiles.
package clock

import "time"

// zonesMaxEntries bounds zones: when a new key would go beyond it, zones starts over empty.
const zonesMaxEntries = 65536

var zones = map[string]*time.Location{}
