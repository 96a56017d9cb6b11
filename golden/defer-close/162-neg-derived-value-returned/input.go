// k6 browser.go NewPage: a page of a learnt constructor's value is returned; closing the
// value when the function returns would close the page the caller receives.
package golden

import "os"

type session struct{ f *os.File }

func (s *session) Close() error { return s.f.Close() }

type page struct{ s *session }

func (s *session) newPage() (*page, error) { return &page{s: s}, nil }

func openSession(name string) (*session, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	return &session{f: f}, nil
}

func NewPage(name string) (*page, error) {
	s, err := openSession(name)
	if err != nil {
		return nil, err
	}
	p, err := s.newPage()
	if err != nil {
		return nil, err
	}
	return p, nil
}
