// sync-pool: render builds a ~3 KB report in a fresh `var b bytes.Buffer` on every call, so
// each call allocates the buffer's growing arrays (64 B, 128 B, ... 4 KB) plus the result
// string. Pooled, only the b.String() copy is allocated.
// Metric: bytes_per_call = runtime.MemStats.TotalAlloc delta / calls over 100,000 calls.
package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
)

var words = [...]string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"}

// render writes 256 lines of a report.
func render(i int) string {
	var b bytes.Buffer
	for j := 0; j < 256; j++ {
		b.WriteString(words[(i+j)%len(words)])
		b.WriteByte(' ')
		b.WriteByte(byte('0' + (i+j)%10))
		b.WriteByte('\n')
	}
	return b.String()
}

func main() {
	const calls = 100000
	var sum uint64 = 14695981039346656037
	var total int
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	for i := 0; i < calls; i++ {
		s := render(i)
		total += len(s)
		for k := 0; k < len(s); k++ {
			sum ^= uint64(s[k])
			sum *= 1099511628211
		}
	}
	runtime.ReadMemStats(&m1)
	fmt.Printf("calls=%d bytes=%d checksum=%016x\n", calls, total, sum)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC bytes_per_call=%d\n", (m1.TotalAlloc-m0.TotalAlloc)/calls)
}
