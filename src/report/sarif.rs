//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning accepts it: a rule entry per rule
//! with its documentation as `help`, results with regions (code-point columns, said
//! explicitly) in paths relative to the repository root (`%SRCROOT%`), fingerprints that
//! survive lines moving, a `fixes` entry with the replacements for every finding whose fix
//! is known in the file as read, and files that could not be processed as notifications
//! at their position.

use std::io::Write;

use serde_json::{Value, json};

use super::repo_paths::{RepoRoot, encode_path, file_uri};
use crate::docs;
use crate::engine::Fnv;
use crate::run::FileReport;
use crate::transforms;

/// The key of defer-fix's fingerprint in `partialFingerprints`. GitHub computes
/// `primaryLocationLineHash` itself and complains when a tool's value differs, so ours has a
/// name of its own.
const FINGERPRINT: &str = "deferFixFinding/v1";

const SRCROOT: &str = "%SRCROOT%";

fn rules() -> Vec<Value> {
    docs::names()
        .map(|id| {
            let summary = transforms::by_name(id)
                .map(|t| t.summary().to_string())
                .unwrap_or_else(|| docs::paragraph(id, "What it detects").unwrap_or_default());
            let text = ["What it detects", "Why it matters"]
                .iter()
                .filter_map(|h| Some(format!("{h}. {}", docs::paragraph(id, h)?)))
                .collect::<Vec<_>>()
                .join("\n\n");
            json!({
                "id": id,
                "shortDescription": { "text": summary },
                "help": {
                    "text": format!("{text}\n\nThe fix and its safety: `defer-fix rule {id}`."),
                    "markdown": docs::page(id).unwrap_or_default(),
                },
                "defaultConfiguration": { "level": "warning" },
            })
        })
        .collect()
}

fn region(start: (usize, usize), end: (usize, usize)) -> Value {
    json!({ "startLine": start.0, "startColumn": start.1, "endLine": end.0, "endColumn": end.1 })
}

/// Relative to the repository root when the file is inside it; else an absolute URI.
fn artifact(root: &RepoRoot, path: &str) -> Value {
    match root.relative(path) {
        Some(relative) => json!({ "uri": encode_path(&relative), "uriBaseId": SRCROOT }),
        None => {
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.into());
            json!({ "uri": file_uri(&absolute, false) })
        }
    }
}

pub fn write_sarif(out: &mut dyn Write, reports: &[FileReport]) -> std::io::Result<()> {
    let root = RepoRoot::discover();
    let mut results = Vec::new();
    for r in reports {
        let artifact = artifact(&root, &r.path);
        let file_key = artifact["uri"].as_str().unwrap_or_default().to_string();
        for f in &r.findings {
            let mut fingerprint = Fnv::default();
            fingerprint.write(file_key.as_bytes());
            fingerprint.write(&f.fingerprint.to_le_bytes());
            let mut result = json!({
                "ruleId": f.rule,
                "level": "warning",
                "message": { "text": f.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": region((f.line, f.char_columns.0), (f.end_line, f.char_columns.1)),
                    }
                }],
                "partialFingerprints": { FINGERPRINT: format!("{:016x}", fingerprint.0) },
            });
            if !f.edits.is_empty() {
                let replacements: Vec<Value> = f
                    .edits
                    .iter()
                    .map(|e| json!({ "deletedRegion": region(e.start, e.end), "insertedContent": { "text": e.text } }))
                    .collect();
                result["fixes"] = json!([{
                    "description": { "text": format!("{} fix ({})", f.rule, f.fix) },
                    "artifactChanges": [{ "artifactLocation": artifact, "replacements": replacements }],
                }]);
            }
            results.push(result);
        }
    }
    let notifications: Vec<Value> = reports
        .iter()
        .filter_map(|r| {
            let e = r.error.as_ref()?;
            let mut location = json!({ "artifactLocation": artifact(&root, &r.path) });
            if let Some((line, column)) = e.position {
                location["region"] = json!({ "startLine": line, "startColumn": column });
            }
            Some(json!({
                "level": "error",
                "message": { "text": format!("{}: {}", r.path, e.message) },
                "locations": [{ "physicalLocation": location }],
            }))
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "defer-fix",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules(),
                }
            },
            "originalUriBaseIds": { SRCROOT: { "uri": root.uri() } },
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
