package cache

// Size memoises len(s) per string.
func Size(s string) int {
	mu.Lock()
	defer mu.Unlock()
	if n, ok := sizes[s]; ok {
		return n
	}
	n := len(s)
	if _, ok := sizes[s]; !ok && len(sizes) >= sizesMaxEntries {
		sizes = make(map[string]int)
	}
	sizes[s] = n
	return n
}
