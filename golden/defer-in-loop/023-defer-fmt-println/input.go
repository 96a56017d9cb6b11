// defer fmt.Println(i) in a loop (prints in reverse order at return): not a release, so not
// this rule's business: silent.
package countdown

import "fmt"

// Countdown prints n-1 down to 0 when it returns.
func Countdown(n int) {
	for i := 0; i < n; i++ {
		defer fmt.Println(i)
	}
}
