//! `--format json`: one document, `{"version": 1, "findings": [...], "errors": [...]}`.

use std::io::Write;

use serde::Serialize;

use crate::run::FileReport;

#[derive(Serialize)]
struct JsonDocument<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    errors: Vec<JsonError<'a>>,
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
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: &'a str,
    message: String,
}

/// `{"version": 1, "findings": [...], "errors": [...]}` on one document.
pub fn write_json(out: &mut dyn Write, reports: &[FileReport]) -> std::io::Result<()> {
    let doc = JsonDocument {
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
