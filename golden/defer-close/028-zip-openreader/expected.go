// zip.OpenReader opens the archive file; only Close releases it.
package archive

import "archive/zip"

// List returns the names of the files in the archive at p.
func List(p string) ([]string, error) {
	r, err := zip.OpenReader(p)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var names []string
	for _, f := range r.File {
		names = append(names, f.Name)
	}
	return names, nil
}
