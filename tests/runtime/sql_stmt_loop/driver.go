package main

// A tiny database/sql driver that counts open connections, statements and rows.
//
// Supported queries (one argument each):
//   SELECT name FROM users WHERE team = ?   -> names of the team, ordered by id
//   SELECT name FROM users WHERE id = ?     -> at most one name

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
)

var openConns, openStmts, openRows atomic.Int64

type user struct {
	id   int64
	name string
	team string
}

var users = []user{
	{1, "ada", "core"}, {2, "brian", "core"}, {3, "cleo", "web"},
	{4, "dmitri", "core"}, {5, "erin", "web"}, {6, "farah", "ops"},
	{7, "gus", "ops"}, {8, "hana", "web"}, {9, "ivan", "ops"},
	{10, "root", "admin"},
}

type countingDriver struct{}

func (countingDriver) Open(string) (driver.Conn, error) {
	openConns.Add(1)
	return &conn{}, nil
}

type conn struct{ closed bool }

func (c *conn) Prepare(query string) (driver.Stmt, error) {
	if !strings.HasPrefix(query, "SELECT name FROM users WHERE ") {
		return nil, fmt.Errorf("unsupported query %q", query)
	}
	openStmts.Add(1)
	return &stmt{query: query}, nil
}

func (c *conn) Close() error {
	if !c.closed {
		c.closed = true
		openConns.Add(-1)
	}
	return nil
}

func (c *conn) Begin() (driver.Tx, error) { return nil, errors.New("transactions not supported") }

type stmt struct {
	query  string
	closed bool
}

func (s *stmt) Close() error {
	if !s.closed {
		s.closed = true
		openStmts.Add(-1)
	}
	return nil
}

func (s *stmt) NumInput() int { return 1 }

func (s *stmt) Exec([]driver.Value) (driver.Result, error) {
	return nil, errors.New("exec not supported")
}

func (s *stmt) Query(args []driver.Value) (driver.Rows, error) {
	if s.closed {
		return nil, errors.New("query on closed statement")
	}
	r := &rows{}
	for _, u := range users {
		switch {
		case strings.HasSuffix(s.query, "team = ?") && args[0] == u.team,
			strings.HasSuffix(s.query, "id = ?") && args[0] == u.id:
			r.names = append(r.names, u.name)
		}
	}
	openRows.Add(1)
	return r, nil
}

type rows struct {
	names  []string
	pos    int
	closed bool
}

func (r *rows) Columns() []string { return []string{"name"} }

func (r *rows) Close() error {
	if !r.closed {
		r.closed = true
		openRows.Add(-1)
	}
	return nil
}

func (r *rows) Next(dest []driver.Value) error {
	if r.pos >= len(r.names) {
		return io.EOF
	}
	dest[0] = r.names[r.pos]
	r.pos++
	return nil
}

func init() { sql.Register("counting", countingDriver{}) }
