// The map's type names a package (time) that the writing file does not import: the fix adds the
// import there, so make(...) compiles.
package clock

import "time"

var zones = map[string]*time.Location{}
