//! `--format json`: one document, `{"version": 1, "findings": [...], "errors": [...]}`.

use std::io::Write;

use serde::Serialize;

use crate::run::FileReport;

#[derive(Serialize)]
struct JsonDocument<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    errors: Vec<JsonError<'a>>,
    /// Standard-input mode only: the whole buffer after the fixes; null when they leave it as
    /// it was (or it is not UTF-8).
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<Option<String>>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    rule: &'a str,
    message: &'a str,
    fix: &'static str,
    applied: bool,
    /// The fix's replacements in the file as read (byte columns; an end is exclusive), when
    /// known there: empty when there is no fix or it was computed after another fix.
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: &'a str,
    message: String,
}

/// `{"version": 1, "findings": [...], "errors": [...]}` on one document.
pub fn write_json(out: &mut dyn Write, reports: &[FileReport]) -> std::io::Result<()> {
    write_document(out, reports, None)
}

/// The document for a buffer read from standard input, with the buffer as fixed, so that an
/// editor gets everything from one parse.
pub fn write_json_stdin(
    out: &mut dyn Write,
    report: &FileReport,
    fixed: Option<&[u8]>,
) -> std::io::Result<()> {
    let fixed = fixed.and_then(|f| String::from_utf8(f.to_vec()).ok());
    write_document(out, std::slice::from_ref(report), Some(fixed))
}

fn write_document(
    out: &mut dyn Write,
    reports: &[FileReport],
    fixed: Option<Option<String>>,
) -> std::io::Result<()> {
    let doc = JsonDocument {
        fixed,
        version: 1,
        findings: reports
            .iter()
            .flat_map(|r| {
                r.findings.iter().map(|f| JsonFinding {
                    path: &r.path,
                    line: f.line,
                    column: f.column,
                    end_line: f.end_line,
                    end_column: f.end_column,
                    rule: f.rule,
                    message: &f.message,
                    fix: f.fix.as_str(),
                    applied: f.applied,
                    edits: f
                        .edits
                        .iter()
                        .map(|e| JsonEdit {
                            line: e.byte_start.0,
                            column: e.byte_start.1,
                            end_line: e.byte_end.0,
                            end_column: e.byte_end.1,
                            text: &e.text,
                        })
                        .collect(),
                })
            })
            .collect(),
        errors: reports
            .iter()
            .filter_map(|r| {
                let e = r.error.as_ref()?;
                let message = match e.position {
                    Some((line, col)) => format!("{line}:{col}: {}", e.message),
                    None => e.message.clone(),
                };
                Some(JsonError { path: &r.path, message })
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
