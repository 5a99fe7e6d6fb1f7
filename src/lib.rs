//! defer-fix: finds unsafe uses of `defer` in Go code and rewrites them.
//!
//! The flow of one run: [`walk`] collects the files, [`run`] processes them in parallel with
//! the [`engine`] (decode, prefilter, [`parse`], [`transforms`], fix until nothing changes),
//! [`report`] prints, [`write`] replaces files atomically.

pub mod align;
pub mod analysis;
pub mod build_constraint;
pub mod changed;
pub mod cli;
pub mod config;
pub mod diff;
pub mod docs;
pub mod encoding;
pub mod engine;
pub mod fix;
pub mod grammar_gaps;
pub mod langver;
pub mod package;
pub mod parse;
pub mod prefilter;
pub mod report;
pub mod rewrite;
pub mod run;
pub mod shared_reads;
pub mod stdlib;
pub mod suppress;
pub mod syntax;
pub mod tokens;
pub mod top_level;
pub mod transforms;
pub mod verify;
pub mod walk;
pub mod write;
pub mod zero_value;
