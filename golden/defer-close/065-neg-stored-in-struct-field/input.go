// The listener is stored in a field of the receiver: the server owns it and closes it later.
package server

import "net"

// Server serves on a listener.
type Server struct {
	ln net.Listener
}

// Start listens on addr.
func (s *Server) Start(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.ln = ln
	return nil
}

// Stop closes the listener.
func (s *Server) Stop() error {
	return s.ln.Close()
}
