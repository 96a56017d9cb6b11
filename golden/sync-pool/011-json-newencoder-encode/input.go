// json.NewEncoder(&b).Encode(v): an encoder created on the buffer and dropped in the function
// is allowlisted; `&b` becomes `b`.
package api

import (
	"bytes"
	"encoding/json"
)

// Marshal encodes v as one JSON line.
func Marshal(v any) (string, error) {
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(v); err != nil {
		return "", err
	}
	return b.String(), nil
}
