//! The checks: one walk over the paths and operations of a loaded document, asking the registry
//! what each declared code means and what must go with it.

use std::collections::HashSet;
use std::path::Path;

use httpstatus_codes::{Body, Class, Lang, Level, Namespace, RegistryStatus};

use crate::doc::{Documents, Node};
use crate::rules::{rule, Arg};
use crate::{Config, Finding};

/// The HTTP methods an OpenAPI Path Item can hold.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The extension that silences rules on the document, a path, an operation or a response.
pub const IGNORE_KEY: &str = "x-httpstatus-ignore";

/// A Responses Object key, classified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    Code(u16),
    /// `1XX` .. `5XX`: the class digit.
    Range(u16),
    Default,
    Invalid,
}

impl Key {
    fn parse(key: &str) -> (Key, bool) {
        if key == "default" {
            return (Key::Default, true);
        }
        let b = key.as_bytes();
        if b.len() == 3 && (b'1'..=b'5').contains(&b[0]) {
            if &key[1..] == "XX" {
                return (Key::Range(u16::from(b[0] - b'0')), true);
            }
            if key[1..].eq_ignore_ascii_case("xx") {
                // `2xx`: understood, but not what OpenAPI defines.
                return (Key::Range(u16::from(b[0] - b'0')), false);
            }
        }
        if b.len() == 3 && b.iter().all(u8::is_ascii_digit) {
            let code: u16 = key.parse().unwrap_or(0);
            return (Key::Code(code), (100..=599).contains(&code));
        }
        (Key::Invalid, false)
    }

    fn in_class(self, digit: u16) -> bool {
        match self {
            Key::Code(c) => c / 100 == digit,
            Key::Range(d) => d == digit,
            Key::Default | Key::Invalid => false,
        }
    }
}

/// What a declared response looks like after `$ref`s, for the operation-level rules.
#[derive(Debug)]
struct Declared {
    key: Key,
    has_content: bool,
}

struct Ctx<'a> {
    docs: &'a Documents,
    config: &'a Config,
    findings: Vec<Finding>,
}

/// Where a finding is.
#[derive(Clone, Copy, Default)]
struct At<'a> {
    path: Option<&'a str>,
    method: Option<&'a str>,
    response: Option<&'a str>,
    line: u32,
}

impl Ctx<'_> {
    fn report(&mut self, id: &str, at: At<'_>, ignored: &Ignored, args: &[(&str, Arg)]) {
        let Some(rule) = rule(id) else { return };
        if ignored.covers(rule.id, rule.name) {
            return;
        }
        let Some(level) = self.config.level_of(rule) else {
            return;
        };
        self.findings.push(Finding {
            rule,
            level,
            message_en: rule.render(Lang::En, args),
            message_th: rule.render(Lang::Th, args),
            path: at.path.map(str::to_owned),
            method: at.method.map(str::to_ascii_uppercase),
            response: at.response.map(str::to_owned),
            line: at.line,
        });
    }
}

/// Rules silenced at some level of the document.
#[derive(Clone, Debug, Default)]
struct Ignored {
    all: bool,
    rules: HashSet<String>,
}

impl Ignored {
    fn covers(&self, id: &str, name: &str) -> bool {
        self.all || self.rules.contains(&id.to_ascii_lowercase()) || self.rules.contains(name)
    }

    /// This level's silences plus those of `node`'s `x-httpstatus-ignore`.
    fn with(&self, node: &Node) -> Ignored {
        let Some(value) = node.get(IGNORE_KEY) else {
            return self.clone();
        };
        let mut out = self.clone();
        let mut add = |s: &str| {
            let s = s.trim().to_ascii_lowercase();
            if matches!(s.as_str(), "*" | "all" | "true") {
                out.all = true;
            } else if let Some(r) = rule(&s) {
                out.rules.insert(r.id.to_ascii_lowercase());
            }
        };
        match value.as_str() {
            Some(s) => s.split(',').for_each(&mut add),
            None => value.items().iter().filter_map(Node::as_str).for_each(add),
        }
        out
    }
}

pub(crate) fn run(docs: &Documents, file: &Path, root: &Node, config: &Config) -> Vec<Finding> {
    let mut ctx = Ctx {
        docs,
        config,
        findings: Vec::new(),
    };
    let top = Ignored::default().with(root);
    let mut any_server_error = false;
    // Operations with a request body: (declares 422, declares 400, path, method, line).
    let mut bodies: Vec<(bool, bool, String, String, u32)> = Vec::new();

    let paths = root.get("paths");
    for (path, _, item) in paths.map(Node::entries).unwrap_or_default() {
        if path.starts_with("x-") {
            continue;
        }
        let (item, item_file) = match docs.resolve(item, file) {
            Ok(r) => (r.node, r.file),
            Err(reference) => {
                let at = At {
                    path: Some(path),
                    line: item.line,
                    ..At::default()
                };
                ctx.report("HS023", at, &top, &[("code", Arg::Same(reference))]);
                continue;
            }
        };
        let path_ignored = top.with(item);
        let path_params = item.get("parameters").is_some_and(Node::is_non_empty);
        for (method, method_line, op) in item.entries() {
            if !METHODS.contains(&method.as_str()) || !op.is_map() {
                continue;
            }
            let ignored = path_ignored.with(op);
            let declared = check_operation(
                &mut ctx,
                item_file,
                path,
                method,
                *method_line,
                op,
                &ignored,
            );
            let keys: Vec<Key> = declared.iter().map(|d| d.key).collect();
            if keys.iter().any(|k| k.in_class(5) || *k == Key::Default) {
                any_server_error = true;
            }
            let has_input = path_params
                || op.get("parameters").is_some_and(Node::is_non_empty)
                || op.get("requestBody").is_some();
            let at = At {
                path: Some(path),
                method: Some(method),
                line: *method_line,
                ..At::default()
            };
            let upper = method.to_ascii_uppercase();
            let margs = [("method", Arg::Same(upper.clone()))];
            if has_input
                && op.get("responses").is_some()
                && !keys.iter().any(|k| k.in_class(4) || *k == Key::Default)
            {
                ctx.report("HS015", at, &ignored, &margs);
            }
            if op.get("responses").is_some()
                && !keys
                    .iter()
                    .any(|k| k.in_class(2) || k.in_class(3) || *k == Key::Default)
            {
                ctx.report("HS020", at, &ignored, &margs);
            }
            let success: Vec<Key> = keys.iter().copied().filter(|k| k.in_class(2)).collect();
            if method == "post" && success == [Key::Code(200)] && looks_like_create(path, op) {
                ctx.report("HS018", at, &ignored, &margs);
            }
            if method == "delete" {
                if let Some(d) = declared
                    .iter()
                    .find(|d| d.key == Key::Code(200) && !d.has_content)
                {
                    let _ = d;
                    ctx.report("HS019", at, &ignored, &margs);
                }
            }
            if op.get("requestBody").is_some()
                && !ignored.covers("HS017", "inconsistent-validation-code")
            {
                let has422 = keys.contains(&Key::Code(422));
                let has400 = keys.contains(&Key::Code(400));
                if has422 || has400 {
                    bodies.push((has422, has400, path.clone(), upper, *method_line));
                }
            }
        }
    }

    let doc_line = root
        .entries()
        .iter()
        .find(|(k, _, _)| k == "paths")
        .map_or(1, |(_, l, _)| *l);
    let has_operations =
        paths.is_some_and(|p| p.entries().iter().any(|(k, _, _)| !k.starts_with("x-")));
    if has_operations && !any_server_error {
        ctx.report(
            "HS016",
            At {
                line: doc_line,
                ..At::default()
            },
            &top,
            &[],
        );
    }
    let n422 = bodies.iter().filter(|b| b.0).count();
    let n400 = bodies.iter().filter(|b| !b.0 && b.1).count();
    if n422 > 0 && n400 > 0 {
        // Point at the first operation of the smaller group: that is the odd one out.
        let minority_is_400 = n400 <= n422;
        if let Some((_, _, path, method, line)) =
            bodies
                .iter()
                .find(|b| if minority_is_400 { !b.0 } else { b.0 })
        {
            let at = At {
                path: Some(path),
                method: Some(method),
                line: *line,
                ..At::default()
            };
            let args = [
                ("n422", Arg::Same(n422.to_string())),
                ("n400", Arg::Same(n400.to_string())),
            ];
            ctx.report("HS017", at, &top, &args);
        }
    }
    ctx.findings
}

fn check_operation(
    ctx: &mut Ctx<'_>,
    file: &Path,
    path: &str,
    method: &str,
    method_line: u32,
    op: &Node,
    ignored: &Ignored,
) -> Vec<Declared> {
    let mut declared = Vec::new();
    let Some(responses) = op.get("responses") else {
        return declared;
    };
    let upper = method.to_ascii_uppercase();
    for (key, key_line, response) in responses.entries() {
        if key.starts_with("x-") {
            continue;
        }
        let at = At {
            path: Some(path),
            method: Some(method),
            response: Some(key),
            line: *key_line,
        };
        let _ = method_line;
        let (response, ignored) = match ctx.docs.resolve(response, file) {
            Ok(r) => (r.node, ignored.with(response).with(r.node)),
            Err(reference) => {
                ctx.report(
                    "HS023",
                    at,
                    &ignored.with(response),
                    &[("code", Arg::Same(reference))],
                );
                continue;
            }
        };
        let code_arg = ("code", Arg::Same(key.clone()));
        let (parsed, valid) = Key::parse(key);
        if !valid {
            ctx.report("HS001", at, &ignored, std::slice::from_ref(&code_arg));
        }
        let has_content = response.get("content").is_some_and(Node::is_non_empty);
        declared.push(Declared {
            key: parsed,
            has_content,
        });
        if has_content && method == "head" {
            ctx.report("HS006", at, &ignored, std::slice::from_ref(&code_arg));
        }
        let Key::Code(code) = parsed else { continue };
        if !(100..=599).contains(&code) {
            continue;
        }
        let class_digit = Arg::Same((code / 100).to_string());
        let Some(entry) = httpstatus_codes::lookup(code).filter(|e| !e.is_unassigned()) else {
            let vendors: Vec<&str> = httpstatus_codes::meanings(code)
                .iter()
                .filter(|e| e.namespace != Namespace::Iana && e.namespace != Namespace::Unofficial)
                .map(|e| e.namespace.display_name())
                .collect();
            if vendors.is_empty() {
                ctx.report("HS002", at, &ignored, &[code_arg, ("class", class_digit)]);
            } else {
                let v = vendors.join(", ");
                ctx.report(
                    "HS003",
                    at,
                    &ignored,
                    &[code_arg, ("vendor", Arg::Same(v)), ("class", class_digit)],
                );
            }
            continue;
        };
        match entry.status {
            _ if code == 306 => ctx.report("HS014", at, &ignored, &[]),
            RegistryStatus::Deprecated | RegistryStatus::Reserved | RegistryStatus::Obsoleted => {
                let (status_en, status_th) = match entry.status {
                    RegistryStatus::Deprecated => ("deprecated", "เลิกใช้แล้ว"),
                    RegistryStatus::Reserved => ("reserved", "สงวนไว้"),
                    _ => ("obsoleted", "ล้าสมัยแล้ว"),
                };
                let (advice_en, advice_th) = match code {
                    305 => (
                        "clients ignore it; redirect with a 3xx and `Location`",
                        "ไคลเอนต์ไม่ทำตาม ให้ redirect ด้วย 3xx พร้อม `Location`",
                    ),
                    418 => (
                        "it is a joke code; use 400 or 403",
                        "เป็น code ที่ตั้งขึ้นเล่น ๆ ให้ใช้ 400 หรือ 403",
                    ),
                    _ => (
                        "use a current code of the same class",
                        "ให้ใช้ code ปัจจุบันในกลุ่มเดียวกัน",
                    ),
                };
                let args = [
                    code_arg.clone(),
                    ("status", Arg::Both(status_en.into(), status_th.into())),
                    ("advice", Arg::Both(advice_en.into(), advice_th.into())),
                ];
                ctx.report("HS021", at, &ignored, &args);
            }
            _ => {}
        }
        if entry.class() == Class::Informational {
            ctx.report("HS004", at, &ignored, std::slice::from_ref(&code_arg));
        } else if has_content && entry.semantics.body == Body::Forbidden {
            ctx.report("HS005", at, &ignored, std::slice::from_ref(&code_arg));
        }
        if code == 304 && method != "get" && method != "head" {
            ctx.report(
                "HS022",
                at,
                &ignored,
                &[("method", Arg::Same(upper.clone()))],
            );
        }
        let headers = response.get("headers");
        for hint in entry.semantics.headers {
            let id = match (hint.name, entry.class()) {
                ("Location", Class::Redirection) => "HS007",
                ("Location", _) if code == 201 => "HS008",
                ("WWW-Authenticate", _) => "HS009",
                ("Allow", _) => "HS010",
                ("Proxy-Authenticate", _) => "HS011",
                ("Content-Range", _) => "HS012",
                ("Retry-After", _) => "HS013",
                _ => continue,
            };
            // A MAY is no finding, except where a rule exists for it: 201's Location (RFC 9110
            // §15.3.2 lets the target URI stand for it, but clients want it) and Retry-After on
            // 429 and 503 (both MAY; the rule is info-level advice).
            if hint.level == Level::May && !matches!(id, "HS008" | "HS013") {
                continue;
            }
            let present = headers.is_some_and(|h| {
                h.entries()
                    .iter()
                    .any(|(k, _, _)| k.eq_ignore_ascii_case(hint.name))
            });
            if !present {
                ctx.report(
                    id,
                    at,
                    &ignored,
                    &[
                        code_arg.clone(),
                        ("header", Arg::Same(hint.name.to_owned())),
                    ],
                );
            }
        }
    }
    declared
}

/// Whether a POST reads as creating something: a word such as `create` or `add` in its
/// operationId or summary.
fn looks_like_create(_path: &str, op: &Node) -> bool {
    const VERBS: [&str; 4] = ["create", "add", "insert", "register"];
    ["operationId", "summary"]
        .iter()
        .filter_map(|k| op.get(k).and_then(Node::as_str))
        .any(|text| words(text).iter().any(|w| VERBS.contains(&w.as_str())))
}

/// Lower-case words of an identifier or a sentence: `createUser`, `repos/create-fork`, `Add a pet`.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in text.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_lowercase();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(Key::parse("404"), (Key::Code(404), true));
        assert_eq!(Key::parse("4XX"), (Key::Range(4), true));
        assert_eq!(Key::parse("4xx"), (Key::Range(4), false));
        assert_eq!(Key::parse("600"), (Key::Code(600), false));
        assert_eq!(Key::parse("099"), (Key::Code(99), false));
        assert_eq!(Key::parse("6XX"), (Key::Invalid, false));
        assert_eq!(Key::parse("ok"), (Key::Invalid, false));
        assert_eq!(Key::parse("default"), (Key::Default, true));
        assert_eq!(Key::parse("४०४"), (Key::Invalid, false));
    }

    #[test]
    fn word_split() {
        assert_eq!(words("createUser"), ["create", "user"]);
        assert_eq!(words("repos/create-fork"), ["repos", "create", "fork"]);
        assert_eq!(words("Add a pet"), ["add", "a", "pet"]);
        assert_eq!(words("HTMLParser"), ["htmlparser"]);
    }
}
