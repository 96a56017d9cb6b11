// One select with two time.After cases (a soft and a hard limit): the form is not rewritten;
// each time.After is reported.
package limits

import (
	"errors"
	"log"
	"time"
)

var errHard = errors.New("hard limit reached")

// Wait reads from in until it is closed; it warns after soft of silence and fails after hard.
func Wait(in <-chan string, soft, hard time.Duration) ([]string, error) {
	var got []string
	for {
		select {
		case s, ok := <-in:
			if !ok {
				return got, nil
			}
			got = append(got, s)
		case <-time.After(soft):
			log.Print("slow producer")
		case <-time.After(hard):
			return got, errHard
		}
	}
}
