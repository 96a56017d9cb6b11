// Each entry is a channel closed when work started on a miss is done: forgetting one would
// start the work again. Reported (from cmd/dist's install map).
package build

import "sync"

var (
	installedMu sync.Mutex
	installed   = make(map[string]chan struct{})
)

func startInstall(dir string) chan struct{} {
	installedMu.Lock()
	ch := installed[dir]
	if ch == nil {
		ch = make(chan struct{})
		installed[dir] = ch
		go func() { close(ch) }()
	}
	installedMu.Unlock()
	return ch
}

// Install installs dir once.
func Install(dir string) { <-startInstall(dir) }
