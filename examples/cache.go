package leaky

import (
	"bytes"
	"encoding/json"
	"io"
	"regexp"
	"sync"
)

// The two rules that are off by default (see them with: leakfix diff --only sync-pool,bound-map examples).

var (
	patternsMu sync.Mutex
	// patterns keeps every expression it was ever asked for: it grows without bound.
	patterns = map[string]*regexp.Regexp{}
)

// Match compiles each new expression once and keeps it forever (bound-map).
func Match(expr, s string) (bool, error) {
	patternsMu.Lock()
	defer patternsMu.Unlock()
	if re, ok := patterns[expr]; ok {
		return re.MatchString(s), nil
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return false, err
	}
	patterns[expr] = re
	return re.MatchString(s), nil
}

// WriteJSON allocates a new buffer on every call (sync-pool).
func WriteJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(v); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}
