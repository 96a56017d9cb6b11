// A UDP socket opened only to learn a free port, and never closed.
package ports

import "net"

// FreeUDPPort returns a UDP port that was free a moment ago.
func FreeUDPPort() (int, error) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	return pc.LocalAddr().(*net.UDPAddr).Port, nil
}
