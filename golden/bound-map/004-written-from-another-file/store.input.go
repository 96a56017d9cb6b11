package cache

// Size memoises len(s) per string.
func Size(s string) int {
	mu.Lock()
	defer mu.Unlock()
	if n, ok := sizes[s]; ok {
		return n
	}
	n := len(s)
	sizes[s] = n
	return n
}
