// The error branch panics, which leaves the function: the defer before the check moves after it.
package must

import (
	"encoding/json"
	"os"
)

// Config decodes the JSON file at p or panics.
func Config(p string) map[string]any {
	f, err := os.Open(p)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	var cfg map[string]any
	if err := json.NewDecoder(f).Decode(&cfg); err != nil {
		panic(err)
	}
	return cfg
}
