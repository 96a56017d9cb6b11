// Stored in one function and read in another: a miss there is not recomputed. Reported.
package main

import "fmt"

var tokens = map[string]string{}

func save(user, token string) { tokens[user] = token }

func token(user string) string { return tokens[user] }

func main() {
	save("u", "t")
	fmt.Println(token("u"))
}
