// A getter that returns a value its receiver keeps (a server's listener) is not a
// constructor: closing its result would break the server. Nothing is reported.
package golden

import (
	"fmt"
	"net"
)

type Server struct {
	ln net.Listener
}

func (s *Server) Listener() net.Listener { return s.ln }

func describe(s *Server) string {
	ln := s.Listener()
	return fmt.Sprint(ln.Addr())
}
