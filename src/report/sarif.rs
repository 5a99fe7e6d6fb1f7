//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning accepts it: a rule entry per rule,
//! results with regions (code-point columns, said explicitly), and a `fixes` entry with the
//! replacements for every finding whose fix is known in the file as read.

use std::io::Write;

use serde_json::{Value, json};

use crate::run::FileReport;
use crate::suppress;
use crate::transforms;

/// Where each rule's documentation lives.
fn help_uri(rule: &str) -> String {
    let repo = env!("CARGO_PKG_REPOSITORY");
    if transforms::by_name(rule).is_some() {
        format!("{repo}/blob/main/transforms/{rule}/README.md")
    } else {
        format!("{repo}/blob/main/README.md#suppressions")
    }
}

fn rules() -> Vec<Value> {
    let mut rules: Vec<(&str, &str)> = transforms::all().iter().map(|t| (t.name(), t.summary())).collect();
    rules.push((suppress::UNUSED, "a suppression comment that suppresses nothing"));
    rules.push((suppress::NO_REASON, "a //deferfix:ignore comment without a reason"));
    rules
        .into_iter()
        .map(|(id, summary)| {
            json!({
                "id": id,
                "shortDescription": { "text": summary },
                "helpUri": help_uri(id),
                "defaultConfiguration": { "level": "warning" },
            })
        })
        .collect()
}

fn region(start: (usize, usize), end: (usize, usize)) -> Value {
    json!({ "startLine": start.0, "startColumn": start.1, "endLine": end.0, "endColumn": end.1 })
}

pub fn write_sarif(out: &mut dyn Write, reports: &[FileReport]) -> std::io::Result<()> {
    let mut results = Vec::new();
    for r in reports {
        // Relative to the directory defer-fix ran in, which code scanning takes as the checkout.
        let artifact = json!({ "uri": r.path.replace('\\', "/") });
        for f in &r.findings {
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
            Some(json!({
                "level": "error",
                "message": { "text": format!("{}: {}", r.path, e.message) },
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
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules(),
                }
            },
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
