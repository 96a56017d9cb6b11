// go 1.19; time.After(2 * time.Second) in a select that is not the first statement of the
// loop body (a for with a condition): the timer lines go before the for, the stop/drain/reset
// immediately before the select (after the log call), and d's text is reused as is.
package collect

import (
	"log"
	"time"
)

// Results reads want results, logging progress and every two quiet seconds.
func Results(results <-chan int, want int) []int {
	var got []int
	for len(got) < want {
		log.Printf("%d/%d", len(got), want)
		select {
		case r := <-results:
			got = append(got, r)
		case <-time.After(2 * time.Second):
			log.Print("still waiting")
		}
	}
	return got
}
