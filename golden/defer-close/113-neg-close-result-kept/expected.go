// A release whose error is kept (`_ =`, `err =`, `if err := f.Close(); ...`) is a release:
// nothing to report.
package keep

import (
	"errors"
	"fmt"
	"net/http"
	"os"
)

func blank(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	fmt.Println(f.Name())
	_ = f.Close()
	return nil
}

func blankBody(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	fmt.Println(resp.StatusCode)
	_ = resp.Body.Close()
	return nil
}

func assigned(p string) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	_, err = f.WriteString("x")
	if cerr := f.Close(); cerr != nil {
		return errors.Join(err, cerr)
	}
	return err
}

func assignedErr(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	fmt.Println(f.Name())
	err = f.Close()
	return err
}

func ifInit(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	fmt.Println(f.Name())
	if err := f.Close(); err != nil {
		return err
	}
	return nil
}
