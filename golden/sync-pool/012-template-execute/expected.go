// tmpl.Execute(&b, data): Execute is allowlisted on any receiver; pooled, `&b` becomes `b`.
package page

import (
	"bytes"
	"sync"
	"text/template"
)

var tmpl = template.Must(template.New("page").Parse("<h1>{{.Title}}</h1>\n"))

// Page is the data of one page.
type Page struct{ Title string }

var inputBufferPool = sync.Pool{
	New: func() any { return new(bytes.Buffer) },
}

// Render executes the page template.
func Render(p Page) (string, error) {
	b := inputBufferPool.Get().(*bytes.Buffer)
	b.Reset()
	defer func() {
		if b.Cap() <= 64<<10 {
			inputBufferPool.Put(b)
		}
	}()
	if err := tmpl.Execute(b, p); err != nil {
		return "", err
	}
	return b.String(), nil
}
