// Leak: `defer cancel()` inside a loop body: every iteration's context lives
// (registered in the long-lived parent, with an armed timer) until the
// function returns. The iteration exits through `continue` and the end of the
// body.
// Metric: growth_mb = live heap growth (MB) measured after the loop, before
// the function returns.
package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"time"
)

func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func square(ctx context.Context, x int) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return x * x, nil
}

// sumSquares squares every job under its own deadline.
func sumSquares(parent context.Context, jobs []int) (sum, skipped int, growthMB float64) {
	base := liveHeap()
	for _, job := range jobs {
		ctx, cancel := context.WithTimeout(parent, time.Hour)
		defer cancel()
		if job%7 == 0 {
			skipped++
			continue
		}
		v, err := square(ctx, job%1000)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		sum += v
	}
	growthMB = (float64(liveHeap()) - float64(base)) / (1 << 20)
	return sum, skipped, growthMB
}

func main() {
	const n = 200000
	jobs := make([]int, n)
	for i := range jobs {
		jobs[i] = i
	}
	parent, stop := context.WithCancel(context.Background())
	defer stop()

	sum, skipped, growth := sumSquares(parent, jobs)
	fmt.Printf("sum=%d skipped=%d\n", sum, skipped)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC growth_mb=%.2f\n", growth)
}
