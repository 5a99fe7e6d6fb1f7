// Case: rows from (*sql.DB).Query and a statement from Prepare left open when the function returns after the first row or on a failed scan, with db a parameter of type *sql.DB, the result of sql.Open, or a transaction from db.Begin; next to rows read to the end and closed, rows returned to the caller, and a db whose type the source does not show; expected outcome: the leaking functions get `defer rows.Close()` (`defer stmt.Close()`) right after the check, the rows are closed once the function returns; the returned rows are reported without a fix; the db of unknown type is not analysed.

package main

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
)

// A driver whose rows say when they are closed: the query's text is its name, its rows count
// down from 3.
type drv struct{}

func (drv) Open(string) (driver.Conn, error) { return conn{}, nil }

type conn struct{}

func (conn) Prepare(q string) (driver.Stmt, error) { return &stmt{q: q}, nil }
func (conn) Close() error                          { return nil }
func (conn) Begin() (driver.Tx, error)             { return tx{}, nil }

type tx struct{}

func (tx) Commit() error   { return nil }
func (tx) Rollback() error { return nil }

type stmt struct{ q string }

func (s *stmt) Close() error  { return nil }
func (s *stmt) NumInput() int { return -1 }
func (s *stmt) Exec([]driver.Value) (driver.Result, error) {
	return nil, errors.New("no exec")
}
func (s *stmt) Query([]driver.Value) (driver.Rows, error) { return &rows{q: s.q, n: 3}, nil }

type rows struct {
	q string
	n int
}

func (r *rows) Columns() []string { return []string{"v"} }
func (r *rows) Close() error      { fmt.Println("rows closed:", r.q); return nil }
func (r *rows) Next(dest []driver.Value) error {
	if r.n == 0 {
		return io.EOF
	}
	r.n--
	dest[0] = int64(r.n)
	return nil
}

func first(db *sql.DB, q string) (int64, error) {
	rows, err := db.Query(q)
	if err != nil {
		return 0, err
	}
	if !rows.Next() {
		return 0, errors.New("no rows")
	}
	var v int64
	if err := rows.Scan(&v); err != nil {
		return 0, err
	}
	return v, nil
}

func opened(q string) (int64, error) {
	db, err := sql.Open("fake", "")
	if err != nil {
		return 0, err
	}
	rows, err := db.Query(q)
	if err != nil {
		return 0, err
	}
	var v int64
	for rows.Next() {
		if err := rows.Scan(&v); err != nil {
			return 0, err
		}
		if v == 1 {
			return v, nil
		}
	}
	return v, rows.Err()
}

func inTx(db *sql.DB, q string) (int64, error) {
	tx, err := db.Begin()
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	st, err := tx.Prepare(q)
	if err != nil {
		return 0, err
	}
	rows, err := st.Query()
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	if !rows.Next() {
		return 0, rows.Err()
	}
	var v int64
	err = rows.Scan(&v)
	return v, err
}

// Not findings: read to the end and closed; the caller's to close; a db of a type declared
// elsewhere.
func all(db *sql.DB, q string) (n int, err error) {
	rows, err := db.Query(q)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		n++
	}
	rows.Close()
	return n, rows.Err()
}

type store struct{ db *sql.DB }

func (s *store) first(q string) bool {
	rows, err := s.db.Query(q)
	if err != nil {
		return false
	}
	return rows.Next()
}

// Reported without a fix: returned on one path, left open on another.
func query(db *sql.DB, q string, probe bool) (*sql.Rows, error) {
	rows, err := db.Query(q)
	if err != nil {
		return nil, err
	}
	if probe {
		return nil, nil
	}
	return rows, nil
}

func main() {
	sql.Register("fake", drv{})
	db, err := sql.Open("fake", "")
	if err != nil {
		panic(err)
	}
	fmt.Println(first(db, "first"))
	fmt.Println(opened("opened"))
	fmt.Println(inTx(db, "in tx"))
	fmt.Println(all(db, "all"))
	s := &store{db: db}
	fmt.Println(s.first("store"))
	r, err := query(db, "query", false)
	fmt.Println(err)
	r.Close()
}

// Output before fix:
// 2 <nil>
// 1 <nil>
// rows closed: in tx
// 2 <nil>
// rows closed: all
// 3 <nil>
// true
// <nil>
// rows closed: query

// Output:
// rows closed: first
// 2 <nil>
// rows closed: opened
// 1 <nil>
// rows closed: in tx
// 2 <nil>
// rows closed: all
// 3 <nil>
// true
// <nil>
// rows closed: query
