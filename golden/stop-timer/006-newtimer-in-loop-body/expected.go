// A timer per iteration in a loop body: no defer (every timer would live until the function
// returns); t.Stop() before the `continue` and the two returns that leave the iteration, and
// at the end of the body. The `break` inside the select only leaves the select.
package waitall

import (
	"fmt"
	"time"
)

// Job is a unit of background work.
type Job struct {
	Timeout time.Duration
	Done    <-chan error
}

// Wait waits for each job in turn and returns how many finished; a job that times out is
// skipped when skip is set and is an error otherwise.
func Wait(jobs []Job, skip bool) (int, error) {
	done := 0
	for i, j := range jobs {
		t := time.NewTimer(j.Timeout)
		if j.Done == nil {
			t.Stop()
			continue
		}
		select {
		case err := <-j.Done:
			if err != nil {
				t.Stop()
				return done, fmt.Errorf("job %d: %w", i, err)
			}
			done++
		case <-t.C:
			if skip {
				break
			}
			t.Stop()
			return done, fmt.Errorf("job %d: timed out", i)
		}
		t.Stop()
	}
	return done, nil
}
