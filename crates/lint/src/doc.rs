//! The document tree: YAML or JSON read into [`Node`]s that keep their line numbers, and `$ref`
//! resolution across the document and the files it points to.
//!
//! One parser (saphyr's YAML 1.2 event parser) reads both formats: JSON is a subset of YAML 1.2.
//! Scalars stay text; the linter only ever compares keys and checks for presence.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use saphyr_parser::{Event, Parser, ScalarStyle, Span, SpannedEventReceiver};

/// A value in the document, with the line (1-based) where it starts.
#[derive(Debug, Clone)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// 1-based line of the value's first character.
    pub line: u32,
}

/// A YAML/JSON value. Mapping keys are kept as text, in document order, with their own lines.
#[derive(Debug, Clone)]
pub enum Value {
    /// A scalar: string, number, boolean or null, as written (`null`, `~` and empty are [`Value::Null`]).
    Scalar(String),
    /// `null`, `~` or nothing.
    Null,
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping: `(key, key line, value)`.
    Map(Vec<(String, u32, Node)>),
}

impl Node {
    /// The value under `key`, if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _, _)| k == key).map(|(_, _, v)| v),
            _ => None,
        }
    }

    /// The entries of a mapping (empty for anything else).
    pub fn entries(&self) -> &[(String, u32, Node)] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The text of a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// Whether this is a mapping.
    pub fn is_map(&self) -> bool {
        matches!(self.value, Value::Map(_))
    }

    /// The items of a sequence (empty for anything else).
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    /// A non-empty mapping or sequence.
    pub fn is_non_empty(&self) -> bool {
        match &self.value {
            Value::Map(m) => !m.is_empty(),
            Value::Seq(s) => !s.is_empty(),
            Value::Scalar(_) => true,
            Value::Null => false,
        }
    }

    /// Follows a JSON pointer (`/components/responses/NotFound`), unescaping `~1` and `~0`.
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        let mut node = self;
        for raw in rest.split('/') {
            let token = unescape_pointer(raw);
            node = match &node.value {
                Value::Map(_) => node.get(&token)?,
                Value::Seq(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }
}

fn unescape_pointer(raw: &str) -> Cow<'_, str> {
    let decoded = percent_decode(raw);
    if decoded.contains('~') {
        Cow::Owned(decoded.replace("~1", "/").replace("~0", "~"))
    } else {
        decoded
    }
}

/// `$ref` fragments may be percent-encoded (`%7B` for `{` in path keys).
fn percent_decode(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// Why a text could not be read as a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line.
    pub line: u32,
    /// What the parser said.
    pub message: String,
}

/// Reads YAML or JSON text into a tree. Only the first document of a YAML stream is read.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    parser.load(&mut builder, false).map_err(|e| ParseError {
        line: line_u32(e.marker().line()),
        message: e.info().to_owned(),
    })?;
    if let Some(line) = builder.too_deep {
        return Err(ParseError {
            line,
            message: format!(
                "nested more than {MAX_DEPTH} levels deep, or aliases that expand past {MAX_ALIAS_NODES} nodes"
            ),
        });
    }
    builder.root.ok_or_else(|| ParseError {
        line: 1,
        message: "the file is empty".to_owned(),
    })
}

fn line_u32(line: usize) -> u32 {
    u32::try_from(line).unwrap_or(u32::MAX)
}

/// A container being built: a sequence, or a mapping with the key waiting for its value.
#[derive(Debug)]
enum Frame {
    Seq(Vec<Node>, u32, usize),
    Map(Vec<(String, u32, Node)>, Option<(String, u32)>, u32, usize),
}

#[derive(Debug, Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
    /// Anchored nodes and their sizes (in nodes).
    anchors: HashMap<usize, (Node, usize)>,
    /// Nodes copied in by aliases so far, against [`MAX_ALIAS_NODES`].
    aliased: usize,
    done: bool,
    /// Set when nesting passes [`MAX_DEPTH`]; the rest of the input is ignored and `parse` fails.
    too_deep: Option<u32>,
}

/// Deeper nesting than this is refused: OpenAPI documents nest a few dozen levels, and the tree is
/// walked (and dropped) recursively.
const MAX_DEPTH: usize = 256;

/// Aliases are copied into the tree; past this many copied nodes the input is refused (a few
/// nested aliases can otherwise stand for billions of nodes).
const MAX_ALIAS_NODES: usize = 1_000_000;

fn size(node: &Node) -> usize {
    match &node.value {
        Value::Seq(items) => 1 + items.iter().map(size).sum::<usize>(),
        Value::Map(entries) => 1 + entries.iter().map(|(_, _, v)| size(v)).sum::<usize>(),
        _ => 1,
    }
}

impl Builder {
    fn push_value(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq(items, _, _)) => items.push(node),
            Some(Frame::Map(entries, pending, _, _)) => match pending.take() {
                Some((key, line)) => entries.push((key, line, node)),
                None => {
                    // A key: scalars as written; complex keys (rare in OpenAPI) as a placeholder.
                    let key = match node.value {
                        Value::Scalar(s) => s,
                        Value::Null => String::new(),
                        _ => "<complex key>".to_owned(),
                    };
                    *pending = Some((key, node.line));
                }
            },
        }
    }
}

impl<'input> SpannedEventReceiver<'input> for Builder {
    fn on_event(&mut self, ev: Event<'input>, span: Span) {
        if self.done || self.too_deep.is_some() {
            return;
        }
        let line = line_u32(span.start.line());
        if matches!(ev, Event::SequenceStart(..) | Event::MappingStart(..))
            && self.stack.len() >= MAX_DEPTH
        {
            self.too_deep = Some(line);
            return;
        }
        match ev {
            Event::Scalar(text, style, anchor, _) => {
                let value = if style == ScalarStyle::Plain
                    && matches!(&*text, "" | "~" | "null" | "Null" | "NULL")
                {
                    Value::Null
                } else {
                    Value::Scalar(text.into_owned())
                };
                let node = Node { value, line };
                if anchor > 0 {
                    self.anchors.insert(anchor, (node.clone(), 1));
                }
                self.push_value(node);
            }
            Event::Alias(id) => {
                let node = match self.anchors.get(&id) {
                    Some((node, n)) => {
                        self.aliased += n;
                        if self.aliased > MAX_ALIAS_NODES {
                            self.too_deep = Some(line);
                            return;
                        }
                        node.clone()
                    }
                    None => Node {
                        value: Value::Null,
                        line,
                    },
                };
                self.push_value(node);
            }
            Event::SequenceStart(anchor, _) => {
                self.stack.push(Frame::Seq(Vec::new(), line, anchor))
            }
            Event::MappingStart(anchor, _) => {
                self.stack.push(Frame::Map(Vec::new(), None, line, anchor))
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq(items, line, anchor)) => (
                        Node {
                            value: Value::Seq(items),
                            line,
                        },
                        anchor,
                    ),
                    Some(Frame::Map(entries, _, line, anchor)) => (
                        Node {
                            value: Value::Map(entries),
                            line,
                        },
                        anchor,
                    ),
                    None => return,
                };
                if anchor > 0 {
                    let n = size(&node);
                    self.anchors.insert(anchor, (node.clone(), n));
                }
                self.push_value(node);
            }
            Event::DocumentEnd => self.done = self.root.is_some(),
            _ => {}
        }
    }
}

/// A loaded document and the files its `$ref`s reach, each read once.
#[derive(Debug)]
pub struct Documents {
    files: HashMap<PathBuf, Result<Node, String>>,
}

/// Where a `$ref` led: the node, and the file it is in (for its own relative references).
#[derive(Debug, Clone, Copy)]
pub struct Resolved<'a> {
    /// The target.
    pub node: &'a Node,
    /// The file that holds the target.
    pub file: &'a Path,
}

impl Documents {
    /// A set holding the root document, already parsed.
    pub fn new(path: &Path, root: Node) -> Documents {
        let mut files = HashMap::new();
        files.insert(path.to_path_buf(), Ok(root));
        Documents { files }
    }

    /// The parsed file at `path`, if loaded.
    pub fn get(&self, path: &Path) -> Option<&Node> {
        self.files.get(path).and_then(|r| r.as_ref().ok())
    }

    /// Reads every file that `$ref`s in the loaded files point to, transitively.
    pub fn load_references(&mut self) {
        let mut queue: Vec<PathBuf> = self.files.keys().cloned().collect();
        while let Some(path) = queue.pop() {
            let mut targets = Vec::new();
            if let Some(Ok(node)) = self.files.get(&path) {
                collect_external(node, &path, &mut targets);
            }
            for target in targets {
                if self.files.contains_key(&target) {
                    continue;
                }
                let loaded = std::fs::read_to_string(&target)
                    .map_err(|e| e.to_string())
                    .and_then(|text| {
                        parse(&text).map_err(|e| format!("line {}: {}", e.line, e.message))
                    });
                self.files.insert(target.clone(), loaded);
                queue.push(target);
            }
        }
    }

    /// Follows `node`'s `$ref` chain (if any) from `file`. `Err` names the reference that fails.
    pub fn resolve<'a>(&'a self, node: &'a Node, file: &'a Path) -> Result<Resolved<'a>, String> {
        let mut current = Resolved { node, file };
        for _ in 0..32 {
            let Some(reference) = current.node.get("$ref").and_then(Node::as_str) else {
                return Ok(current);
            };
            current = self.follow(reference, current.file)?;
        }
        Err("a $ref cycle".to_owned())
    }

    fn follow<'a>(&'a self, reference: &str, from: &'a Path) -> Result<Resolved<'a>, String> {
        let (file_part, fragment) = match reference.split_once('#') {
            Some((f, frag)) => (f, frag),
            None => (reference, ""),
        };
        let (path, root) = if file_part.is_empty() {
            let (path, root) = self
                .files
                .get_key_value(from)
                .ok_or_else(|| reference.to_owned())?;
            (path.as_path(), root)
        } else {
            if is_remote(file_part) {
                return Err(format!("{reference} (remote references are not fetched)"));
            }
            let target = relative(from, file_part);
            let (path, root) = self
                .files
                .get_key_value(&target)
                .ok_or_else(|| reference.to_owned())?;
            (path.as_path(), root)
        };
        let root = root.as_ref().map_err(|e| format!("{reference}: {e}"))?;
        let node = root.pointer(fragment).ok_or_else(|| reference.to_owned())?;
        Ok(Resolved { node, file: path })
    }
}

fn is_remote(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

fn relative(from: &Path, file_part: &str) -> PathBuf {
    let joined = from
        .parent()
        .unwrap_or_else(|| Path::new(""))
        .join(&*percent_decode(file_part));
    normalize(&joined)
}

/// Removes `.` and `..` without touching the file system (so missing files still get one key).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn collect_external(node: &Node, from: &Path, out: &mut Vec<PathBuf>) {
    match &node.value {
        Value::Map(entries) => {
            for (key, _, value) in entries {
                if key == "$ref" {
                    if let Some(r) = value.as_str() {
                        let file_part = r.split_once('#').map_or(r, |(f, _)| f);
                        if !file_part.is_empty() && !is_remote(file_part) {
                            out.push(relative(from, file_part));
                        }
                    }
                } else {
                    collect_external(value, from, out);
                }
            }
        }
        Value::Seq(items) => items.iter().for_each(|i| collect_external(i, from, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_keeps_lines_and_keys() {
        let doc = parse("openapi: 3.1.0\npaths:\n  /a:\n    get:\n      responses:\n        '204':\n          description: x\n").unwrap();
        let r = doc.pointer("/paths/~1a/get/responses/204").unwrap();
        assert_eq!(r.line, 7);
        assert_eq!(doc.get("openapi").and_then(Node::as_str), Some("3.1.0"));
    }

    #[test]
    fn json_is_read_too() {
        let doc = parse("{\n \"openapi\": \"3.0.3\",\n \"paths\": {\"/x\": {}}\n}").unwrap();
        assert_eq!(doc.get("paths").unwrap().line, 3);
        assert!(doc.pointer("/paths/~1x").is_some());
    }

    #[test]
    fn bad_text_is_an_error_not_a_panic() {
        assert!(parse("a: [1, 2").is_err());
        assert!(parse("").is_err());
        assert_eq!(percent_decode("%7Bid%7D%"), "{id}%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse(&deep).is_err());
        let yaml = (0..300)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect::<String>();
        assert!(parse(&yaml).is_err());
        assert!(parse(&format!("a:{}", " [".repeat(100))).is_err());
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            yaml.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let err = parse(&yaml).unwrap_err();
        assert!(err.message.contains("aliases"), "{}", err.message);
    }

    #[test]
    fn anchors_are_copied() {
        let doc = parse("a: &x {b: 1}\nc: *x\n").unwrap();
        assert_eq!(doc.pointer("/c/b").and_then(Node::as_str), Some("1"));
    }
}
