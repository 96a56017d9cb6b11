// sync-pool: digest reads each message into a fresh `make([]byte, 64<<10)` scratch buffer, so
// every call allocates 64 KiB. Pooled (a *[]byte pool, cleared after Get), calls allocate
// nothing.
// Metric: bytes_per_call = runtime.MemStats.TotalAlloc delta / calls over 100,000 calls.
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
)

// digest returns the FNV-1a hash and length of what r yields (at most 64 KiB).
func digest(r io.Reader) (uint64, int, error) {
	buf := make([]byte, 64<<10)
	n, err := io.ReadFull(r, buf)
	if err != nil && err != io.ErrUnexpectedEOF {
		return 0, 0, err
	}
	var h uint64 = 14695981039346656037
	for i := 0; i < n; i++ {
		h ^= uint64(buf[i])
		h *= 1099511628211
	}
	return h, n, nil
}

func main() {
	const calls = 100000
	// 64 deterministic messages of 1..4000 bytes
	msgs := make([][]byte, 64)
	seed := uint32(2463534242)
	for i := range msgs {
		seed ^= seed << 13
		seed ^= seed >> 17
		seed ^= seed << 5
		m := make([]byte, 1+seed%4000)
		for j := range m {
			m[j] = byte(seed>>uint(j%24)) ^ byte(j)
		}
		msgs[i] = m
	}
	var rd bytes.Reader
	var sum uint64
	var total int
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	for i := 0; i < calls; i++ {
		rd.Reset(msgs[i%len(msgs)])
		h, n, err := digest(&rd)
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		sum = sum*31 + h
		total += n
	}
	runtime.ReadMemStats(&m1)
	fmt.Printf("calls=%d bytes=%d checksum=%016x\n", calls, total, sum)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC bytes_per_call=%d\n", (m1.TotalAlloc-m0.TotalAlloc)/calls)
}
