// The file is stored in a package variable and lives as long as the program.
package logging

import "os"

var logFile *os.File

// Init opens the log file.
func Init(p string) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	logFile = f
	return nil
}

// Write writes b to the log file.
func Write(b []byte) (int, error) {
	return logFile.Write(b)
}
