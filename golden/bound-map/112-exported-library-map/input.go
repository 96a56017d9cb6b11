// Exported from a library package: other packages may prune it. Left alone.
package registry

// Handlers maps names to handlers.
var Handlers = map[string]func(){}

// Handle registers h.
func Handle(name string, h func()) { Handlers[name] = h }
