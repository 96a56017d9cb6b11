// Leak: context.WithTimeout with a discarded cancel func inside a loop body;
// the iteration exits through `continue` (two places), `break` (a negative
// job ends the batch) and the end of the body. The parent is a long-lived
// cancellable context, so every child stays registered in it.
// Metric: growth_mb = live heap growth (MB) after processing 200,000 jobs.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"time"
)

var errOdd = errors.New("odd job")

func work(ctx context.Context, job int) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if job%3 == 1 {
		return 0, errOdd
	}
	return job * 2, nil
}

// process runs every job under its own deadline, until a negative job.
func process(parent context.Context, jobs []int) (sum, skipped, failed int) {
	for _, job := range jobs {
		ctx, _ := context.WithTimeout(parent, time.Hour)
		if job%5 == 0 {
			skipped++
			continue
		}
		if job < 0 {
			fmt.Println("end of batch")
			break
		}
		v, err := work(ctx, job)
		if err != nil {
			failed++
			continue
		}
		sum += v
	}
	return sum, skipped, failed
}

func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func main() {
	const n = 200000
	jobs := make([]int, 0, n+2)
	for i := 1; i <= n; i++ {
		jobs = append(jobs, i)
	}
	jobs = append(jobs, -1, 7) // the 7 is never reached
	parent, stop := context.WithCancel(context.Background())

	base := liveHeap()
	sum, skipped, failed := process(parent, jobs)
	grown := liveHeap()
	fmt.Printf("sum=%d skipped=%d failed=%d\n", sum, skipped, failed)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC growth_mb=%.2f\n", (float64(grown)-float64(base))/(1<<20))
	runtime.KeepAlive(jobs)
	stop()
}
