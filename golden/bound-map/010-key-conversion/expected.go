// The key is string(b): a conversion is evaluated twice safely, so the write is bounded.
package tokens

// internedMaxEntries bounds interned: when a new key would go beyond it, interned starts over empty.
const internedMaxEntries = 65536

var interned = map[string]string{}

// Intern returns one shared copy of the string b spells.
func Intern(b []byte) string {
	if s, ok := interned[string(b)]; ok {
		return s
	}
	s := string(b)
	if _, ok := interned[string(b)]; !ok && len(interned) >= internedMaxEntries {
		interned = make(map[string]string)
	}
	interned[string(b)] = s
	return s
}
