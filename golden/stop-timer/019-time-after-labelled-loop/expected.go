// time.After in the select of a labelled for loop (found by the grammar fuzzer): the timer is
// hoisted above the label, indented like the loop, not like the label (gofmt puts a label one
// tab to the left of its statement).
package queue

import "time"

// Sum adds the values from in until a zero arrives or nothing comes for a second.
func Sum(in <-chan int) int {
	n := 0
	timer := time.NewTimer(time.Second)
	defer timer.Stop()
loop:
	for {
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
		timer.Reset(time.Second)
		select {
		case v := <-in:
			if v == 0 {
				break loop
			}
			n += v
		case <-timer.C:
			return n
		}
	}
	return n
}
