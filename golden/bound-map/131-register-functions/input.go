// Registration functions (zip's RegisterCompressor, gob's Register) are called at start-up
// by convention, from other packages' init: the registries are not growth.
package codec

import "sync"

// Codec transforms bytes.
type Codec func([]byte) []byte

var (
	codecs sync.Map
	names  = map[string]uint16{}
)

// RegisterCodec registers c under id.
func RegisterCodec(id uint16, name string, c Codec) {
	if _, dup := codecs.LoadOrStore(id, c); dup {
		panic("codec already registered")
	}
	names[name] = id
}

// Decode decodes b with the codec id.
func Decode(id uint16, b []byte) []byte {
	c, _ := codecs.Load(id)
	return c.(Codec)(b)
}

// ID returns the id registered under name.
func ID(name string) uint16 { return names[name] }
