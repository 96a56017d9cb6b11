// The file is captured by a cleanup closure stored in the job, which closes it later.
package jobs

import "os"

// Job collects cleanups to run when it ends.
type Job struct {
	cleanup []func()
}

// Scratch creates a scratch file that lives as long as the job.
func (j *Job) Scratch(dir string) (string, error) {
	f, err := os.CreateTemp(dir, "scratch-*")
	if err != nil {
		return "", err
	}
	j.cleanup = append(j.cleanup, func() {
		f.Close()
		os.Remove(f.Name())
	})
	return f.Name(), nil
}
