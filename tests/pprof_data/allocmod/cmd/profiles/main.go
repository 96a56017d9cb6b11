// Command profiles writes a heap or CPU profile of package allocs' allocations:
//
//	go run ./cmd/profiles heap|cpu FILE
package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"example.com/allocs"
)

func main() {
	runtime.MemProfileRate = 1
	if len(os.Args) != 3 {
		os.Stderr.WriteString("usage: profiles heap|cpu FILE\n")
		os.Exit(2)
	}
	f, err := os.Create(os.Args[2])
	check(err)
	switch os.Args[1] {
	case "heap":
		allocs.Chunks(1000)
		allocs.Buffers(1000)
		runtime.GC() // the heap profile shows allocations as of the last GC
		check(pprof.WriteHeapProfile(f))
	case "cpu":
		check(pprof.StartCPUProfile(f))
		spin(50 * time.Millisecond)
		pprof.StopCPUProfile()
	default:
		os.Stderr.WriteString("unknown profile " + os.Args[1] + "\n")
		os.Exit(2)
	}
	check(f.Close())
}

func spin(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
		allocs.Chunks(1)
	}
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}
