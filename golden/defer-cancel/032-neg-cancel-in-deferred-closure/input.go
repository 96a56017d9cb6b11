// cancel is called inside a deferred closure: it runs on every path.
package metrics

import (
	"context"
	"log"
	"time"
)

// Flush pushes the buffered points within five seconds and logs how long it took.
func Flush(parent context.Context, push func(context.Context) error) error {
	start := time.Now()
	ctx, cancel := context.WithTimeout(parent, 5*time.Second)
	defer func() {
		cancel()
		log.Printf("flush took %v", time.Since(start))
	}()
	return push(ctx)
}
