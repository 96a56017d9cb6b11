// tls.Dial returns a connection that must be closed.
package certs

import "crypto/tls"

// PeerNames returns the common names of the certificates addr presents.
func PeerNames(addr string) ([]string, error) {
	conn, err := tls.Dial("tcp", addr, &tls.Config{MinVersion: tls.VersionTLS12})
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var names []string
	for _, c := range conn.ConnectionState().PeerCertificates {
		names = append(names, c.Subject.CommonName)
	}
	return names, nil
}
