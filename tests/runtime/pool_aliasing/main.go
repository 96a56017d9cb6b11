// sync-pool must not touch this program: encode returns b.Bytes() and record appends
// b.Bytes() to a package-level slice, so results are kept across calls. Pooling either
// buffer would hand the same memory to later calls and corrupt the kept results; leakfix
// reports both buffers and leaves the file unchanged.
// Metric: corrupt = kept results that no longer equal a fresh rendering (0).
package main

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
)

var kept [][]byte

// encode renders record i and returns the buffer's bytes.
func encode(i int) []byte {
	var b bytes.Buffer
	b.WriteString("record ")
	b.WriteString(strconv.Itoa(i))
	b.WriteString(": ")
	for j := 0; j < i%50; j++ {
		b.WriteByte(byte('a' + (i+j)%26))
	}
	return b.Bytes()
}

// record renders the summary of record i and keeps it.
func record(i int) {
	var b bytes.Buffer
	b.WriteString("summary ")
	b.WriteString(strconv.Itoa(i * i))
	kept = append(kept, b.Bytes())
}

func main() {
	const calls = 100000
	results := make([][]byte, 0, calls)
	for i := 0; i < calls; i++ {
		results = append(results, encode(i))
		record(i)
	}
	corrupt := 0
	var sum uint64
	for i, r := range results {
		if !bytes.Equal(r, encode(i)) {
			corrupt++
		}
		want := "summary " + strconv.Itoa(i*i)
		if string(kept[i]) != want {
			corrupt++
		}
		for _, c := range r {
			sum = sum*31 + uint64(c)
		}
	}
	fmt.Printf("calls=%d kept=%d checksum=%016x\n", calls, len(kept), sum)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC corrupt=%d\n", corrupt)
}
