//! gofmt as the oracle for alignment around fixed lines: small gofmt-clean files with aligned
//! comments, composite literals, struct fields and var blocks next to the code each fixing rule
//! rewrites go through the real pipeline; the fixed files must be gofmt-clean and a second run
//! must change nothing.

mod common;

use defer_fix::engine::{Options, process};
use defer_fix::langver::GoVersion;
use defer_fix::transforms;

struct Case {
    name: &'static str,
    go_version: &'static str,
    body: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "loop_defer_continue_in_commented_lines",
        go_version: "1.22",
        body: r#"
import "os"

func count(names []string) (bool, int, error) {
	n := 0
	for _, name := range names {
		if name == "" {
			n += 0 // nothing to count
			continue // skip
		}
		f, err := os.Open(name)
		if err != nil {
			return false, 0, err
		}
		defer f.Close()
		n++ // counted
	}
	return true, n, nil
}
"#,
    },
    Case {
        name: "loop_defer_reindented_comments_and_literal",
        go_version: "1.22",
        body: r#"
import "os"

type config struct {
	name    string // the file
	verbose bool   // talk
}

func use(f *os.File, c config) {}

func openAll(names []string) error {
	for _, name := range names {
		f, err := os.Open(name) // open it
		if err != nil {
			return err
		}
		defer f.Close()
		c := config{
			name:    name, // which
			verbose: true, // always
		}
		use(f, c) // use it
		x := 1    // one
		_ = x
	}
	return nil
}
"#,
    },
    Case {
        name: "lost_cancel_renamed_blank_in_loop",
        go_version: "1.22",
        body: r#"
import (
	"context"
	"time"
)

func work(ctx context.Context, n int) {}

func run(parent context.Context, jobs []int) {
	for _, j := range jobs {
		a := j // first
		ctx, _ := context.WithTimeout(parent, time.Second) // bounded
		work(ctx, a) // use
	}
}
"#,
    },
    Case {
        name: "lost_cancel_short_declaration",
        go_version: "1.22",
        body: r#"
import "context"

func work(ctx context.Context) {}

func run(parent context.Context) {
	longer := 1 // first
	ctx, _ := context.WithCancel(parent) // cancellable
	work(ctx) // use it
	_ = longer
}
"#,
    },
    Case {
        name: "close_error_dropped_commented_defer",
        go_version: "1.22",
        body: r#"
import "os"

func write(name string) error {
	f, err := os.Create(name) // create
	if err != nil {
		return err
	}
	defer f.Close() // closed on return
	_, err = f.WriteString("x") // write
	return err
}
"#,
    },
    Case {
        name: "deferred_result_lost_declaration_between_comments",
        go_version: "1.22",
        body: r#"
import "os"

func save(f *os.File) error {
	start := 1 // first
	var err error
	n := 0 // written
	defer func() { err = f.Close() }()
	_, err = f.WriteString("x")
	n += start // more
	return err
}
"#,
    },
    Case {
        name: "close_before_check_moved_into_commented_run",
        go_version: "1.22",
        body: r#"
import "os"

func use(name string) error {
	f, err := os.Open(name)
	defer f.Close() // always closed
	if err != nil {
		return err
	}
	n := len(name) // length
	_ = n // used
	return nil
}
"#,
    },
    Case {
        name: "defer_func_result_called",
        go_version: "1.22",
        body: r#"
func trace(name string) func() { return func() {} }

func load() {
	n := 1 // first
	defer trace("load") // traced
	m := 22 // second
	_ = n + m
}
"#,
    },
    Case {
        name: "loop_defer_struct_const_and_top_level_one_liners",
        go_version: "1.22",
        body: r#"
import "os"

func small() int { return 1 } // one line
func openAll(names []string) error {
	for _, name := range names {
		type entry struct {
			name string // file name
			size int64 // bytes
			Tag string `json:"tag"` // tagged
		}
		const (
			a = iota // zero
			bb // one
		)
		f, err := os.Open(name)
		if err != nil {
			continue // next
		}
		defer f.Close()
		e := entry{name: name} // the entry
		_ = e // used
	}
	return nil
}
"#,
    },
    Case {
        name: "eager_defer_args_commented",
        go_version: "1.22",
        body: r#"
import (
	"log"
	"time"
)

func timed() {
	start := time.Now() // now
	defer log.Println("took", time.Since(start)) // timing
	x := 1 // one
	_ = x
}
"#,
    },
    Case {
        name: "defer_recover_literal_values",
        go_version: "1.22",
        body: r#"
func handlers() map[string]func() {
	m := map[string]func(){
		"a": func() { defer recover() }, // first
		"bb": func() {}, // second
	}
	return m
}

func safe() {
	x := 1 // one
	defer recover() // swallow
	y := 2 // two
	_, _ = x, y
}
"#,
    },
    Case {
        name: "loop_capture_go_literal",
        go_version: "1.21",
        body: r#"
import "sync"

func fan(items []int) {
	var wg sync.WaitGroup
	for _, v := range items {
		wg.Add(1) // one more
		go func() { // worker
			defer wg.Done()
			_ = v
		}()
	}
	wg.Wait()
}
"#,
    },
];

fn fix(source: &[u8], version: &str) -> Option<Vec<u8>> {
    let options = Options {
        transforms: transforms::all(),
        unsafe_fixes: true,
        apply_fixes: true,
        report_unused_suppressions: false,
        changed: None,
    };
    let outcome = process(source, Some(GoVersion::parse(version).unwrap()), None, &options);
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    outcome.fixed
}

#[test]
fn fixes_inside_aligned_blocks_stay_gofmt_clean() {
    if !common::go_available("fixes_inside_aligned_blocks_stay_gofmt_clean") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let original = tmp.path().join("original");
    let fixed = tmp.path().join("fixed");
    for dir in [&original, &fixed] {
        std::fs::create_dir_all(dir).unwrap();
    }
    for case in CASES {
        let file = format!("{}.go", case.name);
        std::fs::write(original.join(&file), format!("package p\n{}", case.body)).unwrap();
    }
    // gofmt lays the cases out: their blocks are aligned as gofmt aligns them.
    common::run_ok(&original, "gofmt", &["-w", "."]);
    for case in CASES {
        let file = format!("{}.go", case.name);
        let source = std::fs::read(original.join(&file)).unwrap();
        let out = fix(&source, case.go_version).unwrap_or_else(|| panic!("{}: nothing was fixed", case.name));
        assert!(fix(&out, case.go_version).is_none(), "{}: a second run changed the file again", case.name);
        std::fs::write(fixed.join(&file), out).unwrap();
    }
    let diff = common::run_ok(&fixed, "gofmt", &["-d", "."]);
    assert_eq!(diff, "", "fixed files that are not gofmt-clean");
}
