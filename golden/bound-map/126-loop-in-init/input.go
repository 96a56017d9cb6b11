// Filled by a counting loop inside init (go/token's keywords): start-up, not growth.
package token

var names = [...]string{"break", "case", "chan"}

var keywords map[string]int

func init() {
	keywords = make(map[string]int, len(names))
	for i := 0; i < len(names); i++ {
		keywords[names[i]] = i
	}
}

// Lookup returns the keyword's index.
func Lookup(s string) (int, bool) {
	n, ok := keywords[s]
	return n, ok
}
