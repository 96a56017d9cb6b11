// go 1.23 module, range over an int. In a loop the error branch logs and ends in `continue`:
// continue does NOT count as leaving the function (it leaves only the iteration), so this is
// reported, not fixed.
package probe

import (
	"log"
	"net"
	"strconv"
)

// Probe counts the ports of host from base to base+n-1 that accept a connection.
func Probe(host string, base, n int) int {
	open := 0
	for i := range n {
		conn, err := net.Dial("tcp", net.JoinHostPort(host, strconv.Itoa(base+i)))
		defer conn.Close()
		if err != nil {
			log.Print(err)
			continue
		}
		open++
	}
	return open
}
