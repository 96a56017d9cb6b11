// nats-server tests (jetstream_cluster_1_test.go:6970, leafnode_test.go:9035 and others): a
// value obtained from the connection by a method (a subscription, a context; here its raw
// connection) is kept in a slice and used after the iteration; closing the connection at the
// end of the iteration breaks it.
package golden

import (
	"net"
	"syscall"
)

func rawConns(raddr *net.TCPAddr, n int) (int, error) {
	var rcs []syscall.RawConn
	for i := 0; i < n; i++ {
		c, err := net.DialTCP("tcp", nil, raddr)
		if err != nil {
			return 0, err
		}
		defer c.Close()
		rc, err := c.SyscallConn()
		if err != nil {
			return 0, err
		}
		rcs = append(rcs, rc)
	}
	seen := 0
	for _, rc := range rcs {
		if err := rc.Control(func(fd uintptr) { seen++ }); err != nil {
			return seen, err
		}
	}
	return seen, nil
}
