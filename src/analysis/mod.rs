//! The questions every safety verdict asks of one function, answered once for all rules.
//!
//! - [`flow`]: where a value goes from a region (a loop body, a function): aliases, fields and
//!   elements of local aggregates, returns, sends, goroutines, and calls, looked into where
//!   their body is in the file and otherwise taken to keep what they are given.
//! - [`changes`]: what may change a variable after a statement: direct writes, writes through
//!   an address taken anywhere (`&x`, `x[:]`, a pointer-receiver method value), method calls
//!   that may take the receiver's address, and function literals that write it.
//! - [`derived`]: which names may carry a value computed from a variable (`errs := New(err)`).
//! - [`fixed_storage`]: whether `s.inner.mu` is the same storage while `s` keeps its value (value
//!   fields only, by the declared types of the file and the package).
//! - [`callees`]: the declarations of the file that a call may run (functions and methods by
//!   name), so that both questions look at a callee's body instead of guessing.
//! - [`cfg`]: the control-flow graph of a function body, and the paths from a statement to a
//!   return that never pass a node of interest (go vet lostcancel's search).
//! - [`signatures`]: the declared results of a function the call runs, in the file, the package or
//!   an imported standard package.
//! - [`known`]: the standard library's functions whose arguments are used for the duration of
//!   the call only, and the other conventions a Go reviewer relies on.
//!
//! Rules never re-derive these answers with checks of their own.

pub mod callees;
pub mod cfg;
pub mod changes;
pub mod derived;
pub mod evaluation;
pub mod fixed_storage;
pub mod flow;
pub mod known;
mod names;
mod region;
pub mod scope;
pub mod signatures;
pub mod sync_types;

pub use flow::{Carried, Escape, Seed, Via, escape, keeps_arguments};
pub use names::{declared_by, declared_names, declares_inside, holders, literal_parameter};
pub use scope::{binding, declares};
