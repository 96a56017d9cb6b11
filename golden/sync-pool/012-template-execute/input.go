// tmpl.Execute(&b, data): Execute is allowlisted on any receiver; pooled, `&b` becomes `b`.
package page

import (
	"bytes"
	"text/template"
)

var tmpl = template.Must(template.New("page").Parse("<h1>{{.Title}}</h1>\n"))

// Page is the data of one page.
type Page struct{ Title string }

// Render executes the page template.
func Render(p Page) (string, error) {
	var b bytes.Buffer
	if err := tmpl.Execute(&b, p); err != nil {
		return "", err
	}
	return b.String(), nil
}
