// Case: exits after each kind of deferred work whose effect outlives the process or that the program relies on before it ends: a Flush, a Sync, closing gzip, zip and base64 writers (also declared with their type), removing a temporary file, a transaction's Rollback and Commit, stopping a CPU profile and a trace, killing a child process, a deferred literal and a helper of the file that remove files, and a method of the file's own writer type that flushes; expected outcome: each reported with the lost effect named.

package main

import (
	"archive/zip"
	"bufio"
	"compress/gzip"
	"database/sql"
	"encoding/base64"
	"log"
	"os"
	"os/exec"
	"runtime/pprof"
	"runtime/trace"
)

func compress(f *os.File) {
	zw := gzip.NewWriter(f)
	defer zw.Close()
	var aw *zip.Writer = zip.NewWriter(f)
	defer aw.Close()
	enc := base64.NewEncoder(base64.StdEncoding, f)
	defer enc.Close()
	defer f.Sync()
	if _, err := zw.Write([]byte("data")); err != nil {
		log.Fatal(err)
	}
}

func transact(db *sql.DB) {
	tx, err := db.Begin()
	if err != nil {
		log.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec("DELETE FROM t"); err != nil {
		log.Fatal(err)
	}
	defer tx.Commit()
	os.Exit(0)
}

func profile(f *os.File) {
	if err := pprof.StartCPUProfile(f); err != nil {
		log.Fatal(err)
	}
	defer pprof.StopCPUProfile()
	if err := trace.Start(f); err != nil {
		log.Fatal(err)
	}
	defer trace.Stop()
	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		log.Fatal(err)
	}
	defer cmd.Process.Kill()
	log.Fatal("stopping")
}

func removeScratch(dir string) { os.RemoveAll(dir) }

type report struct{ w *bufio.Writer }

func newReport() *report { return &report{w: bufio.NewWriter(os.Stdout)} }

func (r *report) Close() error { return r.w.Flush() }

func indirect() {
	dir, err := os.MkdirTemp("", "scratch")
	if err != nil {
		log.Fatal(err)
	}
	defer removeScratch(dir)
	tmp, err := os.CreateTemp(dir, "part")
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		tmp.Close()
		os.Remove(tmp.Name())
	}()
	r := newReport()
	defer r.Close()
	log.Fatalf("cannot go on in %s", dir)
}

func main() {
	compress(os.Stdout)
	transact(nil)
	profile(os.Stdout)
	indirect()
}
