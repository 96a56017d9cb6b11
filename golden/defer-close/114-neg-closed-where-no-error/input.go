// `if err == nil { res.Body.Close() }` closes the body on every path where there is one, also
// when the error is read (logged) before the check. Nothing to report.
package probe

import (
	"log"
	"net/http"
)

func ping(u string) {
	res, err := http.Get(u)
	if err == nil {
		res.Body.Close()
	}
}

func pingLogged(u string) bool {
	res, err := http.Get(u)
	log.Printf("ping %s: %v", u, err)
	if err == nil {
		res.Body.Close()
	}
	return err == nil
}

func pingAll(us []string) {
	for _, u := range us {
		res, err := http.Head(u)
		if err != nil {
			log.Print(err)
		}
		if err == nil {
			res.Body.Close()
		}
	}
}
