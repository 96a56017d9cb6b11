// sync-pool under concurrency: render (a `var b bytes.Buffer`) and digest (a
// `make([]byte, 8192)` scratch buffer) are called from 16 goroutines at once. Once pooled,
// goroutines share buffers through the pool; every result must still equal the one computed
// sequentially beforehand. Prints OK when all match.
// Metric: mismatches = results that differ from the sequential run (0 before and after).
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
)

var words = [...]string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"}

// render writes a report whose length depends on i.
func render(i int) string {
	var b bytes.Buffer
	for j := 0; j < 16+i%200; j++ {
		b.WriteString(words[(i*7+j)%len(words)])
		b.WriteByte(byte('0' + (i+j)%10))
		b.WriteByte('\n')
	}
	return b.String()
}

// digest hashes what r yields (at most 8 KiB) and returns the hash and the length.
func digest(r io.Reader) (uint64, int) {
	buf := make([]byte, 8192)
	n, err := io.ReadFull(r, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return 0, 0
	}
	var h uint64 = 14695981039346656037
	for _, c := range buf {
		// the whole buffer, not only buf[:n]: a pooled buffer must come back zeroed
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h, n
}

type result struct {
	text string
	hash uint64
	n    int
}

func compute(i int, msgs [][]byte) result {
	h, n := digest(bytes.NewReader(msgs[i%len(msgs)]))
	return result{text: render(i), hash: h, n: n}
}

func main() {
	const calls = 40000
	const workers = 16
	msgs := make([][]byte, 37)
	for i := range msgs {
		m := make([]byte, (i*997)%8000+1)
		for j := range m {
			m[j] = byte(i*31 + j*7)
		}
		msgs[i] = m
	}

	want := make([]result, calls)
	for i := range want {
		want[i] = compute(i, msgs)
	}

	var mismatches atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < calls; i += workers {
				if compute(i, msgs) != want[i] {
					mismatches.Add(1)
				}
			}
		}(w)
	}
	wg.Wait()

	var sum uint64
	for _, r := range want {
		sum = sum*31 + r.hash + uint64(len(r.text)) + uint64(r.n)
	}
	fmt.Printf("calls=%d workers=%d checksum=%016x\n", calls, workers, sum)
	if mismatches.Load() == 0 {
		fmt.Println("OK")
	} else {
		fmt.Println("MISMATCH")
	}
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC mismatches=%d\n", mismatches.Load())
}
