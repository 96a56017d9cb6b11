// mu.Lock() directly followed by defer mu.Unlock() in a three-clause loop: the second iteration
// deadlocks. No return with values in the iteration: Unlock before the break and at the end.
package queue

import "sync"

var (
	mu    sync.Mutex
	queue []int
)

// Drain moves up to n queued items to dst.
func Drain(dst []int, n int) []int {
	for i := 0; i < n; i++ {
		mu.Lock()
		if len(queue) == 0 {
			mu.Unlock()
			break
		}
		dst = append(dst, queue[0])
		queue = queue[1:]
		mu.Unlock()
	}
	return dst
}
