// defer conn.Close() in a loop: one socket per address stays open until Ping returns.
// conn is only written by fmt.Fprintf and read through bufio.NewReader (known readers and
// writers, no escape): close before the continue and the break after the defer, and at the end.
package ping

import (
	"bufio"
	"fmt"
	"net"
)

// Ping sends PING to each address and collects the answers until one answers "BYE".
func Ping(addrs []string) []string {
	var answers []string
	for _, a := range addrs {
		conn, err := net.Dial("tcp", a)
		if err != nil {
			continue
		}
		fmt.Fprintf(conn, "PING\r\n")
		line, err := bufio.NewReader(conn).ReadString('\n')
		if err != nil {
			conn.Close()
			continue
		}
		if line == "BYE\r\n" {
			conn.Close()
			break
		}
		answers = append(answers, line)
		conn.Close()
	}
	return answers
}
