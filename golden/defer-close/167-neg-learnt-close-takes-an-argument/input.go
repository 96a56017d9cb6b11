// grpc-go internal/transport/transport_test.go:846: the type of a learnt constructor's value has
// a Close that takes an argument (`Close(err error)`); `defer s.Close()` would not compile.
package golden

import (
	"errors"
	"os"
)

type stream struct{ f *os.File }

func (s *stream) Close(err error) {
	if err != nil {
		_ = s.f.Close()
	}
}

func (s *stream) Write(p []byte) (int, error) { return s.f.Write(p) }

func openStream(name string) (*stream, error) {
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	return &stream{f: f}, nil
}

func send(name string, p []byte) error {
	s, err := openStream(name)
	if err != nil {
		return err
	}
	if _, err := s.Write(p); err != nil {
		s.Close(errors.New("write failed"))
		return err
	}
	return nil
}
