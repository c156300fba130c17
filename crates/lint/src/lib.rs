//! `httpstatus lint`: checks the status codes an OpenAPI 3.0 or 3.1 description declares, and the
//! headers and content that must (or must not) go with them, against the httpstatus registry.
//!
//! ```
//! use httpstatus_lint::{lint_text, Config};
//!
//! let yaml = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /items/{id}:\n    delete:\n      responses:\n        '204':\n          description: gone\n          content:\n            application/json: {}\n        default: {description: error}\n";
//! let report = lint_text(yaml, "api.yaml".as_ref(), &Config::default()).unwrap();
//! assert_eq!(report.findings[0].rule.id, "HS005"); // content on a 204
//! ```
//!
//! The document is read once into a tree that keeps line numbers ([`doc`]); `$ref`s are followed
//! inside the document and into relative files; every rule is in [`rules::RULES`].
#![warn(missing_docs)]

mod check;
pub mod doc;
mod output;
pub mod rules;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub use crate::check::IGNORE_KEY;
pub use crate::output::{json_report, sarif_report};
pub use crate::rules::{rule, Rule, Severity, RULES};

/// One problem found in a document.
#[derive(Clone, Debug)]
pub struct Finding {
    /// The rule.
    pub rule: &'static Rule,
    /// The level after configuration.
    pub level: Severity,
    /// The message in English.
    pub message_en: String,
    /// The message in Thai.
    pub message_th: String,
    /// The path key (`/pets/{id}`), when the finding is about a path.
    pub path: Option<String>,
    /// The method, upper-case, when it is about an operation.
    pub method: Option<String>,
    /// The response key (`204`, `4XX`), when it is about a response.
    pub response: Option<String>,
    /// 1-based line in the file.
    pub line: u32,
}

impl Finding {
    /// The message in `lang`.
    pub fn message(&self, lang: httpstatus_codes::Lang) -> &str {
        match lang {
            httpstatus_codes::Lang::En => &self.message_en,
            httpstatus_codes::Lang::Th => &self.message_th,
        }
    }
}

/// The outcome for one file.
#[derive(Clone, Debug)]
pub struct FileReport {
    /// The file as named by the caller.
    pub file: PathBuf,
    /// The `openapi` version it declares.
    pub openapi: String,
    /// Findings, by line.
    pub findings: Vec<Finding>,
}

/// Why a file was not linted: it cannot be read, or it is not an OpenAPI 3 document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The file.
    pub file: PathBuf,
    /// One line.
    pub reason: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.reason)
    }
}

impl std::error::Error for InputError {}

/// What to do with one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleSetting {
    /// Never report it.
    Off,
    /// Report it at this level.
    Level(Severity),
}

/// Rule settings, from `.httpstatus-lint.toml` or built in code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// The level at or above which findings fail the run (`None`: the caller's default).
    pub level: Option<Severity>,
    /// Per-rule settings, by rule id.
    pub rules: HashMap<&'static str, RuleSetting>,
}

impl Config {
    /// Reads a config file's text:
    ///
    /// ```toml
    /// level = "warning"           # fail on warnings and errors
    /// [rules]
    /// HS018 = "off"               # by id ...
    /// no-server-error = "warning" # ... or by name
    /// ```
    pub fn from_toml(text: &str) -> Result<Config, String> {
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| e.message().to_owned())?;
        let mut config = Config::default();
        for (key, value) in &table {
            match (key.as_str(), value) {
                ("level", toml::Value::String(s)) => {
                    config.level = Some(
                        Severity::from_token(s)
                            .ok_or_else(|| format!("level: unknown level `{s}`"))?,
                    );
                }
                ("rules", toml::Value::Table(rules)) => {
                    for (name, setting) in rules {
                        let r =
                            rule(name).ok_or_else(|| format!("rules: unknown rule `{name}`"))?;
                        let setting = match setting {
                            toml::Value::String(s) if s == "off" => RuleSetting::Off,
                            toml::Value::Boolean(false) => RuleSetting::Off,
                            toml::Value::String(s) => RuleSetting::Level(
                                Severity::from_token(s).ok_or_else(|| format!("rules.{name}: unknown level `{s}`"))?,
                            ),
                            _ => return Err(format!("rules.{name}: expected \"off\", \"info\", \"warning\" or \"error\"")),
                        };
                        config.rules.insert(r.id, setting);
                    }
                }
                _ => {
                    return Err(format!(
                        "unknown setting `{key}` (expected `level` or `[rules]`)"
                    ))
                }
            }
        }
        Ok(config)
    }

    /// The level a rule reports at, or `None` when it is off.
    pub fn level_of(&self, rule: &Rule) -> Option<Severity> {
        match self.rules.get(rule.id) {
            Some(RuleSetting::Off) => None,
            Some(RuleSetting::Level(l)) => Some(*l),
            None => Some(rule.level),
        }
    }
}

/// Lints a file, following its relative `$ref`s.
pub fn lint_file(file: &Path, config: &Config) -> Result<FileReport, InputError> {
    let text = std::fs::read(file).map_err(|e| InputError {
        file: file.to_path_buf(),
        reason: io_reason(&e),
    })?;
    let text = String::from_utf8(text).map_err(|_| InputError {
        file: file.to_path_buf(),
        reason: "not UTF-8 text".to_owned(),
    })?;
    lint_text(&text, file, config)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ if e.raw_os_error() == Some(21) => "is a directory".to_owned(),
        _ => e.to_string(),
    }
}

/// Lints a document's text; `file` names it and anchors its relative `$ref`s.
pub fn lint_text(text: &str, file: &Path, config: &Config) -> Result<FileReport, InputError> {
    let fail = |reason: String| InputError {
        file: file.to_path_buf(),
        reason,
    };
    let root = doc::parse(text)
        .map_err(|e| fail(format!("not YAML or JSON (line {}: {})", e.line, e.message)))?;
    if !root.is_map() {
        return Err(fail(
            "not an OpenAPI document (the top level is not a mapping)".to_owned(),
        ));
    }
    let version = match (
        root.get("openapi").and_then(doc::Node::as_str),
        root.get("swagger"),
    ) {
        (Some(v), _) if v.starts_with("3.0") || v.starts_with("3.1") => v.to_owned(),
        (Some(v), _) => {
            return Err(fail(format!(
                "OpenAPI {v} is not supported (3.0 and 3.1 are)"
            )))
        }
        (None, Some(_)) => {
            return Err(fail(
                "Swagger 2.0 is not supported (OpenAPI 3.0 and 3.1 are)".to_owned(),
            ))
        }
        (None, None) => {
            return Err(fail(
                "not an OpenAPI document (no `openapi` field)".to_owned(),
            ))
        }
    };
    let key = doc::normalize(file);
    let mut docs = doc::Documents::new(&key, root);
    docs.load_references();
    let root = docs
        .get(&key)
        .ok_or_else(|| fail("lost the document".to_owned()))?;
    let mut findings = check::run(&docs, &key, root, config);
    findings.sort_by(|a, b| a.line.cmp(&b.line).then(a.rule.id.cmp(b.rule.id)));
    Ok(FileReport {
        file: file.to_path_buf(),
        openapi: version,
        findings,
    })
}
