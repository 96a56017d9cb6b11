// Stored in one function and read in another: a miss there is not recomputed. Reported.
package main

import "fmt"

var tokens = map[string]string{}

func save(user string) { tokens[user] = "t-" + user }

func token(user string) string { return tokens[user] }

func run() {
	save("u")
	fmt.Println(token("u"))
}

func main() {
	for i := 0; i < 2; i++ { // a request loop
		run()
	}
}
