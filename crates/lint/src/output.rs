//! Machine outputs: our JSON (`schema/lint.schema.json`) and SARIF 2.1.0.

use httpstatus_codes::Lang;
use serde_json::{json, Value};

use crate::rules::{Severity, RULES};
use crate::{FileReport, InputError};

/// The JSON report, as `schema/lint.schema.json` describes it.
pub fn json_report(
    reports: &[FileReport],
    errors: &[InputError],
    level: Severity,
    lang: Lang,
) -> Value {
    let mut counts = [0usize; 3];
    let files: Vec<Value> = reports
        .iter()
        .map(|r| {
            let findings: Vec<Value> = r
                .findings
                .iter()
                .map(|f| {
                    counts[f.level as usize] += 1;
                    json!({
                        "rule": f.rule.id,
                        "name": f.rule.name,
                        "level": f.level.token(),
                        "message": f.message(lang),
                        "path": f.path,
                        "method": f.method,
                        "response": f.response,
                        "line": f.line,
                        "reference": f.rule.reference,
                        "help": format!("/lint/rules/{}", f.rule.id),
                    })
                })
                .collect();
            json!({ "file": r.file.display().to_string(), "openapi": r.openapi, "findings": findings })
        })
        .collect();
    let errors: Vec<Value> = errors
        .iter()
        .map(|e| json!({ "file": e.file.display().to_string(), "reason": e.reason }))
        .collect();
    json!({
        "version": 1,
        "tool": { "name": "httpstatus-lint", "version": env!("CARGO_PKG_VERSION") },
        "level": level.token(),
        "lang": lang.token(),
        "files": files,
        "errors": errors,
        "summary": { "error": counts[2], "warning": counts[1], "info": counts[0] },
    })
}

fn sarif_level(level: Severity) -> &'static str {
    match level {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A SARIF 2.1.0 log: one run, every rule in the driver, one result per finding, and input
/// errors as tool execution notifications.
pub fn sarif_report(reports: &[FileReport], errors: &[InputError], lang: Lang) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.name,
                "shortDescription": { "text": r.title.get(lang) },
                "fullDescription": { "text": r.explanation.get(lang) },
                "helpUri": r.url,
                "help": { "text": format!("{} ({})", r.explanation.get(lang), r.reference) },
                "defaultConfiguration": { "level": sarif_level(r.level) },
                "properties": { "reference": r.reference, "page": format!("/lint/rules/{}", r.id) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for report in reports {
        let uri = uri_of(&report.file);
        for f in &report.findings {
            let index = RULES.iter().position(|r| r.id == f.rule.id).unwrap_or(0);
            let logical: Vec<String> = [
                f.path.as_deref(),
                f.method.as_deref(),
                f.response.as_deref(),
            ]
            .into_iter()
            .flatten()
            .map(str::to_owned)
            .collect();
            let mut location = json!({
                "physicalLocation": {
                    "artifactLocation": { "uri": uri },
                    "region": { "startLine": f.line.max(1) },
                },
            });
            if !logical.is_empty() {
                location["logicalLocations"] = json!([{ "fullyQualifiedName": logical.join(" ") }]);
            }
            results.push(json!({
                "ruleId": f.rule.id,
                "ruleIndex": index,
                "level": sarif_level(f.level),
                "message": { "text": f.message(lang) },
                "locations": [location],
            }));
        }
    }
    let notifications: Vec<Value> = errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": e.reason },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri_of(&e.file) } } }],
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "httpstatus-lint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://www.rfc-editor.org/rfc/rfc9110#section-15",
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    })
}

/// A relative URI reference for a path: forward slashes, spaces and `%` escaped.
fn uri_of(path: &std::path::Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            c => out.push(c),
        }
    }
    out
}
