// Named cancel in a loop body, called only before the `continue`: the return and the normal
// end of the iteration leak it. cancel() before the return (its values do not mention ctx)
// and as the last statement of the body; the `continue` already has its call.
package upload

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// All sends every file with ten seconds each; files that time out are skipped.
func All(parent context.Context, files []string, send func(context.Context, string) error) (int, error) {
	sent := 0
	for _, f := range files {
		ctx, cancel := context.WithTimeout(parent, 10*time.Second)
		err := send(ctx, f)
		if errors.Is(err, context.DeadlineExceeded) {
			cancel()
			continue
		}
		if err != nil {
			return sent, fmt.Errorf("upload %s: %w", f, err)
		}
		sent++
	}
	return sent, nil
}
