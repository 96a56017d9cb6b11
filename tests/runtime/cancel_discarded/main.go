// Leak: context.WithTimeout whose cancel func is discarded (`ctx, _ :=`). The
// parent is a long-lived cancellable context, so every child stays registered
// in the parent (and its one-hour timer stays armed) until the parent ends.
// Metric: growth_mb = live heap growth (MB) over 200,000 lookups.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"time"
)

var errNotFound = errors.New("not found")

type store struct {
	data map[int]string
}

// lookup reads one key under a deadline derived from the caller's context.
func (s *store) lookup(parent context.Context, key int) (string, error) {
	ctx, _ := context.WithTimeout(parent, time.Hour)
	return s.get(ctx, key)
}

func (s *store) get(ctx context.Context, key int) (string, error) {
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	default:
	}
	v, ok := s.data[key%97]
	if !ok {
		return "", errNotFound
	}
	return v, nil
}

func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func main() {
	s := &store{data: map[int]string{}}
	for i := 0; i < 97; i += 2 {
		s.data[i] = fmt.Sprintf("value-%d", i)
	}
	parent, stop := context.WithCancel(context.Background())

	const calls = 200000
	base := liveHeap()
	found, missing, chars := 0, 0, 0
	for i := 0; i < calls; i++ {
		v, err := s.lookup(parent, i)
		if err != nil {
			missing++
			continue
		}
		found++
		chars += len(v)
	}
	grown := liveHeap()
	fmt.Printf("found=%d missing=%d chars=%d\n", found, missing, chars)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC growth_mb=%.2f\n", (float64(grown)-float64(base))/(1<<20))
	stop()
}
