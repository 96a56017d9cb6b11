// In the outer loop body, the `break` and `continue` of the inner loop do not leave the
// iteration (no cancel() there); the `return` inside the inner loop does; the end of the
// outer body gets cancel() too.
package queue

import (
	"context"
	"errors"
	"time"
)

var errPoison = errors.New("poison message")

// Drain reads each queue until it errors, a second per queue, and returns the bytes read.
func Drain(parent context.Context, queues []string, recv func(context.Context, string) ([]byte, error)) (int, error) {
	total := 0
	for _, q := range queues {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		for {
			msg, err := recv(ctx, q)
			if err != nil {
				break
			}
			if len(msg) == 0 {
				continue
			}
			if string(msg) == "poison" {
				cancel()
				return total, errPoison
			}
			total += len(msg)
		}
		cancel()
	}
	return total, nil
}
