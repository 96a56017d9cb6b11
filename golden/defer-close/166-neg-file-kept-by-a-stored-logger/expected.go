// nats-server log.go:170, restic debug.go:47, cli browse.go:382: a file handed to log.New whose
// logger is kept for the life of the program; the file must stay open.
package golden

import (
	"log"
	"os"
)

var logger *log.Logger

func setupLog(path string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	logger = log.New(f, "", log.LstdFlags)
	return nil
}
