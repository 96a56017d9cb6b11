package allocs

import "testing"

// go test -memprofile mem.out -memprofilerate=1 -run TestAlloc .
func TestAlloc(t *testing.T) {
	Chunks(1000)
	Buffers(1000)
}
