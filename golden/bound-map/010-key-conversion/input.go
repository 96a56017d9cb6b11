// The key is string(b): a conversion is evaluated twice safely, so the write is bounded.
package tokens

var interned = map[string]string{}

// Intern returns one shared copy of the string b spells.
func Intern(b []byte) string {
	if s, ok := interned[string(b)]; ok {
		return s
	}
	s := string(b)
	interned[string(b)] = s
	return s
}
