// A function named main in a package that is not main is an ordinary function: the
// main.main exemption does not apply, so the discarded cancel func is fixed.
package tool

import (
	"context"
	"time"
)

// Step is one unit of work.
type Step func(context.Context) error

func main(steps []Step) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, s := range steps {
		if err := s(ctx); err != nil {
			return err
		}
	}
	return nil
}

// Run runs the steps with a one-minute budget.
func Run(steps []Step) error { return main(steps) }
