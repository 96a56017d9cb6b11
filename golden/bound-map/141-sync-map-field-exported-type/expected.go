// An exported type of a library package: other packages may build one per request, or many.
// Whether a value lives long is not known here. Reported.
package codec

import (
	"reflect"
	"sync"
)

// Codec encodes values.
type Codec struct {
	fields sync.Map
}

// Default is the codec used by Encode.
var Default = &Codec{}

// NumFields returns the number of fields of t's struct type.
func (c *Codec) NumFields(t reflect.Type) int {
	if v, ok := c.fields.Load(t); ok {
		return v.(int)
	}
	v, _ := c.fields.LoadOrStore(t, t.NumField())
	return v.(int)
}
