package golden

import (
	"os"
	"path/filepath"
)

func openConfig(name string) (*os.File, error) {
	return os.Open(filepath.Join("/etc", name))
}
