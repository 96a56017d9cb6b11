// A constructor of the package returns a type whose method set has Close: it is a resource
// wherever it is declared.
package golden

import "os"

type Journal struct {
	f *os.File
}

func (j *Journal) Append(line string) error {
	_, err := j.f.WriteString(line + "\n")
	return err
}

func (j *Journal) Close() error { return j.f.Close() }

func OpenJournal(path string) (*Journal, error) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, err
	}
	return &Journal{f: f}, nil
}

func record(path, line string) error {
	j, err := OpenJournal(path)
	if err != nil {
		return err
	}
	defer j.Close()
	return j.Append(line)
}
