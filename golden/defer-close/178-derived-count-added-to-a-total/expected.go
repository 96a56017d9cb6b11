// What a method of the value returns is only a count added to a total (`total += n`): it holds
// no reference to the value, so the value is still this function's to release.
package golden

import "os"

type journal struct{ f *os.File }

func openJournal(path string) (*journal, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return &journal{f}, nil
}

func (j *journal) Count() (int, error) {
	st, err := j.f.Stat()
	if err != nil {
		return 0, err
	}
	return int(st.Size()), nil
}

func (j *journal) Close() error { return j.f.Close() }

func countAll(paths []string) (total int) {
	for _, p := range paths {
		j, err := openJournal(p)
		if err != nil {
			continue
		}
		n, err := j.Count()
		if err != nil {
			j.Close()
			continue
		}
		total += n
		j.Close()
	}
	return total
}
