// Values accumulate (append to the stored slice): evicting loses them. Reported.
package main

import "fmt"

var events = map[string][]string{}

func record(user, what string) {
	events[user] = append(events[user], what)
}

func run() {
	record("a", "login")
	fmt.Println(events["a"])
}

func main() {
	for i := 0; i < 2; i++ { // a request loop
		run()
	}
}
