// Every new key gets the next number from a package counter: forgetting a key would give it a
// new number, and the same key must always get the same tag. Reported (from cmd/cgo).
package tags

import "strconv"

var (
	tagGen int
	tags   = map[string]string{}
)

// Tag returns a stable tag for name.
func Tag(name string) string {
	tag := tags[name]
	if tag == "" {
		tag = "__" + strconv.Itoa(tagGen)
		tagGen++
		tags[name] = tag
	}
	return tag
}
