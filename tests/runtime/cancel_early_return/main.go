// Leak: a named cancel func that is called on the slow path only; the cache-hit
// early return skips it. The parent is a long-lived cancellable context, so
// every child not cancelled stays registered in it (with an armed timer).
// Metric: growth_mb = live heap growth (MB) over 200,000 lookups (3 in 4 hit).
package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"time"
)

type service struct {
	cache map[int]string
	slow  int
}

// lookup answers from the cache when it can, else asks the backend.
func (s *service) lookup(parent context.Context, key int) (string, error) {
	ctx, cancel := context.WithTimeout(parent, time.Hour)
	if v, ok := s.cache[key%64]; ok {
		return v, nil
	}
	v, err := s.backend(ctx, key)
	cancel()
	return v, err
}

func (s *service) backend(ctx context.Context, key int) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	s.slow++
	return strconv.Itoa(key * 7), nil
}

func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func main() {
	s := &service{cache: map[int]string{}}
	for i := 0; i < 64; i++ {
		if i%4 != 0 {
			s.cache[i] = fmt.Sprintf("cached-%d", i)
		}
	}
	parent, stop := context.WithCancel(context.Background())

	const calls = 200000
	base := liveHeap()
	chars := 0
	for i := 0; i < calls; i++ {
		v, err := s.lookup(parent, i)
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		chars += len(v)
	}
	grown := liveHeap()
	fmt.Printf("calls=%d slow=%d chars=%d\n", calls, s.slow, chars)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC growth_mb=%.2f\n", (float64(grown)-float64(base))/(1<<20))
	stop()
}
