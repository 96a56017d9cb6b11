// Filled once, by a func literal run through sync.OnceFunc and by a function run through a
// package-level sync.Once (net's protocols and services): not growth.
package netdb

import (
	"os"
	"strings"
	"sync"
)

var services = map[string]string{"http": "80"}

var loadServices = sync.OnceFunc(func() {
	data, _ := os.ReadFile("/etc/services")
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 {
			services[f[0]] = f[1]
		}
	}
})

var (
	protocolsOnce sync.Once
	protocols     = map[string]int{"tcp": 6}
)

func readProtocols() {
	data, _ := os.ReadFile("/etc/protocols")
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		protocols[lines[i]] = i
	}
}

// Port returns the port of a service.
func Port(name string) string {
	loadServices()
	return services[name]
}

// Protocol returns the number of a protocol.
func Protocol(name string) int {
	protocolsOnce.Do(readProtocols)
	return protocols[name]
}
