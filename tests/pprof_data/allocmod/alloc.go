// Package allocs allocates on purpose: leakfix's pprof tests profile it (tests/test_pprof.py).
package allocs

import "bytes"

var (
	sinkChunk  []byte
	sinkBuffer *bytes.Buffer
)

// Chunks allocates a 4 KiB slice n times; never inlined, so it has a frame of its own.
//
//go:noinline
func Chunks(n int) {
	for i := 0; i < n; i++ {
		sinkChunk = make([]byte, 4096) // ALLOC chunk
	}
}

// Buffers allocates a bytes.Buffer 64 times per n; small enough to be inlined into its caller.
func Buffers(n int) {
	for i := 0; i < 64*n; i++ {
		sinkBuffer = new(bytes.Buffer) // ALLOC buffer
	}
}
