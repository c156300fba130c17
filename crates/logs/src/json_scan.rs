//! The fast path for JSON lines: one pass over the line's bytes that checks it is JSON and keeps
//! the few top-level values the record can read (spans of the line), without building a
//! `serde_json::Value` (a map, a `String` for every key and value, all freed again).
//!
//! The scanner only ever says "yes, and here are the values" or "I cannot tell"
//! ([`Fallback`]): on anything it does not read exactly as `serde_json` does — invalid JSON, a
//! `\u` surrogate, a number with an exponent or of more than 300 bytes, nesting deeper than 100,
//! a key with an escape, a kept key twice, a string the record reads with an escape, bytes that
//! are not UTF-8 — the caller parses the line into a `Value` as before, which gives the answer
//! (and the error message) by definition. So a line it accepts is one `serde_json::from_slice`
//! accepts, and the record read from the kept values is the one read from the `Value`
//! (`json.rs` reads both through the same code; tests compare them).

use serde_json::Number;

use crate::json::{lookup, Fallback, Field, Form, JsonFields, Names, Node};

/// The top-level keys whose values the record can read: every candidate name of
/// [`JsonFields`], of the origin status and of the vendor causes, and every part of a dotted
/// name before one of its dots (`httpRequest` for `httpRequest.status`, `a` and `a.b` for
/// `a.b.c`). A key not in the set is never looked at by the record, so its value is only
/// checked, not kept. Each key has a number (its index in `keys`; `""` has `keys.len()`).
#[derive(Debug, Clone)]
pub(crate) struct KeySet {
    /// The keys, numbered.
    top: Table,
    /// The keys read one level down, in the value of a top-level key: the part of each dotted
    /// name right after its first dot (`status` of `httpRequest.status`, `b` of `a.b.c`) and
    /// the key below each fixed key (`errorInfo` below `properties`). Of a kept object, only
    /// the members with such a key are kept; a look-up of another key there reads the object
    /// again.
    below: Table,
    /// For each [`Field`], its names in order, as keys: for a list, the name's own, and for a
    /// dotted name its first part's with the rest (what `json::get` finds); for fixed keys, the
    /// key's, with the key below it to read.
    plans: [Vec<Step>; 7],
    /// Per key number and [`Field`], the first step of the field's plan that names the key
    /// (`u16::MAX`: none): the steps before the least of these for a line's keys find nothing.
    first_step: Vec<[u16; 7]>,
}

/// A set of keys, each with a number (its index in `keys`; `""` has `keys.len()`); most keys
/// not in it are told apart by one bit test.
#[derive(Debug, Clone)]
struct Table {
    /// Per first byte, one bit per key length (63 and longer share bit 63).
    lens: Box<[u64; 256]>,
    /// The keys but `""`, sorted by first byte; those with first byte `b` are
    /// `keys[start[b]..start[b + 1]]`.
    keys: Vec<Box<[u8]>>,
    start: Box<[u16; 257]>,
    /// `""` is in the set (an empty name, or a name starting with a dot).
    empty: bool,
}

impl Table {
    /// The set of `keys` (each once), `None` when they are too many to number.
    fn new(mut keys: Vec<Box<[u8]>>, empty: bool) -> Option<Table> {
        if keys.len() >= MAX_KEYS {
            return None;
        }
        keys.sort_by_key(|k| k[0]);
        let mut lens = Box::new([0u64; 256]);
        let mut start = Box::new([0u16; 257]);
        for k in &keys {
            lens[usize::from(k[0])] |= 1 << k.len().min(63);
            start[usize::from(k[0]) + 1] += 1;
        }
        for b in 0..256 {
            start[b + 1] += start[b];
        }
        Some(Table {
            lens,
            keys,
            start,
            empty,
        })
    }

    /// How many numbers keys may have.
    fn ids(&self) -> usize {
        self.keys.len() + 1
    }

    /// The number of a key, `None` for a key not in the set.
    #[inline]
    fn id(&self, key: &[u8]) -> Option<u16> {
        let Some(&first) = key.first() else {
            return self.empty.then(|| at16(self.keys.len()));
        };
        let first = usize::from(first);
        if self.lens[first] & (1 << key.len().min(63)) == 0 {
            return None;
        }
        let from = usize::from(self.start[first]);
        self.keys[from..usize::from(self.start[first + 1])]
            .iter()
            .position(|k| **k == *key)
            .map(|i| at16(from + i))
    }
}

/// Adds `key` to `keys` (or notes `""` in `empty`) unless it is there.
fn add(keys: &mut Vec<Box<[u8]>>, empty: &mut bool, key: &[u8]) {
    if key.is_empty() {
        *empty = true;
    } else if !keys.iter().any(|k| **k == *key) {
        keys.push(key.into());
    }
}

#[derive(Debug, Clone)]
struct Step {
    /// The name as a key: its number.
    direct: Option<u16>,
    /// For `a.b.c`: `a`, then `b` and `c` below it.
    nested: Option<Nested>,
}

#[derive(Debug, Clone)]
struct Nested {
    /// The number of the top-level key (`a`).
    first: u16,
    /// The number of the key below it (`b`) in `KeySet::below`.
    below: u16,
    /// The keys below the top-level one (`b`, `c`).
    rest: Box<[Box<str>]>,
}

/// The most keys a set may have (numbers are `u16`, and a line keeps a slot for each).
const MAX_KEYS: usize = 4096;

impl KeySet {
    /// `None` when the names make too many keys for the fast path (thousands of
    /// `--json-*-field` names).
    pub(crate) fn new(fields: &JsonFields) -> Option<KeySet> {
        let (mut keys, mut empty) = (Vec::new(), false);
        let (mut below, mut below_empty) = (Vec::new(), false);
        let mut names = Vec::new();
        for field in Field::ALL {
            match field.names(fields) {
                Names::List(list) => names.extend(list.iter().map(String::as_str)),
                Names::Fixed(fixed) => {
                    for (key, under) in fixed {
                        names.push(key);
                        if let Some(under) = under {
                            add(&mut below, &mut below_empty, under.as_bytes());
                        }
                    }
                }
            }
        }
        for name in names {
            let dots = name.match_indices('.').map(|(i, _)| i);
            for end in dots.chain([name.len()]) {
                add(&mut keys, &mut empty, &name.as_bytes()[..end]);
            }
            if let Some((_, rest)) = name.split_once('.') {
                let second = rest.split('.').next().unwrap_or_default();
                add(&mut below, &mut below_empty, second.as_bytes());
            }
        }
        let mut set = KeySet {
            top: Table::new(keys, empty)?,
            below: Table::new(below, below_empty)?,
            plans: Default::default(),
            first_step: Vec::new(),
        };
        for field in Field::ALL {
            let mut plan = Vec::new();
            match field.names(fields) {
                Names::List(list) => {
                    for name in list {
                        // `json::get` (the `Value` path) never takes the key `""` as the first
                        // part of a name starting with a dot (`.t`): neither does this.
                        let nested = match name.split_once('.') {
                            Some((first, rest)) if !first.is_empty() => {
                                Some(set.nested(first, rest.split('.'))?)
                            }
                            _ => None,
                        };
                        plan.push(Step {
                            direct: Some(set.id(name.as_bytes())?),
                            nested,
                        });
                    }
                }
                Names::Fixed(keys) => {
                    for (key, below) in keys {
                        let id = set.id(key.as_bytes())?;
                        plan.push(match below {
                            Some(below) => Step {
                                direct: None,
                                nested: Some(set.nested(key, [*below].into_iter())?),
                            },
                            None => Step {
                                direct: Some(id),
                                nested: None,
                            },
                        });
                    }
                }
            }
            set.plans[field as usize] = plan;
        }
        set.first_step = vec![[u16::MAX; 7]; set.ids()];
        for field in Field::ALL {
            for (i, step) in set.plans[field as usize].iter().enumerate() {
                let i = u16::try_from(i).ok()?;
                for id in step
                    .direct
                    .into_iter()
                    .chain(step.nested.as_ref().map(|n| n.first))
                {
                    let first = &mut set.first_step[usize::from(id)][field as usize];
                    *first = (*first).min(i);
                }
            }
        }
        Some(set)
    }

    /// How many numbers keys may have.
    fn ids(&self) -> usize {
        self.top.ids()
    }

    /// The step for `first.rest...`; `None` if a key is not in the sets (never: they were made
    /// from the same names).
    fn nested<'n>(&self, first: &str, mut rest: impl Iterator<Item = &'n str>) -> Option<Nested> {
        let second = rest.next()?;
        Some(Nested {
            first: self.id(first.as_bytes())?,
            below: self.below.id(second.as_bytes())?,
            rest: [second].into_iter().chain(rest).map(Box::from).collect(),
        })
    }

    /// The number of a key, `None` for a key not in the set.
    #[inline]
    fn id(&self, key: &[u8]) -> Option<u16> {
        self.top.id(key)
    }
}

#[allow(clippy::cast_possible_truncation)] // below MAX_KEYS
const fn at16(i: usize) -> u16 {
    i as u16
}

/// A value of the line: what it is and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A string without escapes; the span is its text, without the quotes.
    Str,
    /// A string with escapes (the record cannot borrow it as it is).
    Escaped,
    /// A number; the span is its text.
    Num,
    /// An object; the span is from `{` to `}`.
    Obj,
    /// `true`, `false`, `null` or an array.
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Raw {
    kind: Kind,
    start: u32,
    end: u32,
}

/// A kept key and its value; for an object value, the range of its members in
/// [`Doc::children`].
#[derive(Debug, Clone, Copy)]
struct Entry {
    raw: Raw,
    children: Option<(u32, u32)>,
    /// For a member of a kept object, the number of its key in `KeySet::below`.
    below: u16,
}

/// What the scan of one line kept; reused from line to line.
#[derive(Debug, Default)]
pub(crate) struct Doc {
    /// The kept top-level keys and values, and each one's key number.
    root: Vec<(u16, Entry)>,
    /// Per key number, its index in `root` plus one; 0 when the line does not have it.
    slot: Vec<u16>,
    /// The members of kept values that are objects.
    children: Vec<Entry>,
    /// Per [`Field`], the least `KeySet::first_step` of the kept keys.
    from: [u16; 7],
}

/// The longest line the scanner reads (spans are `u32`); longer ones take the `Value` path.
const MAX_LEN: usize = u32::MAX as usize;
/// How deep arrays and objects may nest (`serde_json` refuses 128 levels).
const MAX_DEPTH: u32 = 100;
/// The longest number read (no number this long can overflow an `f64` without an exponent).
const MAX_NUMBER: usize = 300;
/// The key `serde_json` reads as a raw value when it is an object's first key (with its
/// `raw_value` feature, which another crate of the workspace turns on).
const MAGIC: &[u8] = b"$serde_json::private::";

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// A bit in the top of each byte of `w` that is `"`, `\` or a control character (below 0x20).
/// Bits above the lowest may be wrong (borrows), the lowest is exact.
#[inline]
fn special(w: u64) -> u64 {
    let control = w.wrapping_sub(ONES * 0x20) & !w;
    let q = w ^ (ONES * u64::from(b'"'));
    let quote = q.wrapping_sub(ONES) & !q;
    let s = w ^ (ONES * u64::from(b'\\'));
    let slash = s.wrapping_sub(ONES) & !s;
    (control | quote | slash) & HIGH
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    /// `HIGH` once a string had a non-ASCII byte: the line must be checked to be UTF-8.
    high: u64,
}

type Scan<T> = Result<T, Fallback>;

#[allow(clippy::cast_possible_truncation)] // lines are at most MAX_LEN bytes
const fn at(i: usize) -> u32 {
    i as u32
}

impl<'a> Scanner<'a> {
    /// The byte at the cursor, 0 past the end (a NUL in the line is never valid where it is
    /// checked, so the two need not be told apart).
    #[inline]
    fn peek(&self) -> u8 {
        self.b.get(self.i).copied().unwrap_or(0)
    }

    /// Skips JSON whitespace; the byte after it.
    #[inline]
    fn ws(&mut self) -> u8 {
        let c = self.peek();
        // Nearly always: no white space (every one is at most a space).
        if c > b' ' {
            return c;
        }
        self.white()
    }

    #[inline(never)]
    fn white(&mut self) -> u8 {
        loop {
            let c = self.peek();
            if !matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
                return c;
            }
            self.i += 1;
        }
    }

    #[inline]
    fn expect(&mut self, c: u8) -> Scan<()> {
        if self.ws() == c {
            self.i += 1;
            Ok(())
        } else {
            Err(Fallback)
        }
    }

    /// A string, the cursor after its opening quote: the span of its text and whether it has
    /// escapes. The cursor ends after the closing quote.
    #[inline(always)]
    fn string(&mut self) -> Scan<(usize, usize, bool)> {
        let b = self.b;
        let start = self.i;
        let mut i = start;
        let mut escaped = false;
        loop {
            // Eight bytes at a time up to the first `"`, `\`, control character or non-ASCII
            // byte.
            while let Some(chunk) = b.get(i..i + 8) {
                let mut word = [0; 8];
                word.copy_from_slice(chunk);
                let w = u64::from_le_bytes(word);
                let m = special(w) | (w & HIGH);
                if m != 0 {
                    i += (m.trailing_zeros() / 8) as usize;
                    break;
                }
                i += 8;
            }
            match b.get(i) {
                Some(b'"') => {
                    self.i = i + 1;
                    return Ok((start, i, escaped));
                }
                Some(b'\\') => {
                    escaped = true;
                    self.i = i;
                    self.escape()?;
                    i = self.i;
                }
                Some(&c) if c >= 0x80 => {
                    // Checked to be UTF-8 with the whole line, at the end.
                    self.high = HIGH;
                    i += 1;
                }
                Some(&c) if c >= 0x20 => i += 1,
                _ => return Err(Fallback),
            }
        }
    }

    /// An escape, the cursor at its `\`.
    fn escape(&mut self) -> Scan<()> {
        match self.b.get(self.i + 1) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                self.i += 2;
                Ok(())
            }
            Some(b'u') => {
                let hex = self.b.get(self.i + 2..self.i + 6).ok_or(Fallback)?;
                let mut n = 0;
                for &h in hex {
                    n = n * 16 + char::from(h).to_digit(16).ok_or(Fallback)?;
                }
                // A surrogate must pair with the next escape: left to serde_json.
                if (0xD800..=0xDFFF).contains(&n) {
                    return Err(Fallback);
                }
                self.i += 6;
                Ok(())
            }
            _ => Err(Fallback),
        }
    }

    #[inline(always)]
    fn digits(&mut self) {
        while self.peek().is_ascii_digit() {
            self.i += 1;
        }
    }

    /// A number, the cursor at its first byte: `-?(0|[1-9][0-9]*)(\.[0-9]+)?`.
    #[inline(always)]
    fn number(&mut self) -> Scan<()> {
        let start = self.i;
        if self.peek() == b'-' {
            self.i += 1;
        }
        match self.peek() {
            b'0' => self.i += 1,
            b'1'..=b'9' => self.digits(),
            _ => return Err(Fallback),
        }
        if self.peek() == b'.' {
            self.i += 1;
            if !self.peek().is_ascii_digit() {
                return Err(Fallback);
            }
            self.digits();
        }
        if matches!(self.peek(), b'e' | b'E') || self.i - start > MAX_NUMBER {
            return Err(Fallback);
        }
        Ok(())
    }

    fn literal(&mut self, word: &[u8]) -> Scan<()> {
        if self.b.get(self.i..).is_some_and(|b| b.starts_with(word)) {
            self.i += word.len();
            Ok(())
        } else {
            Err(Fallback)
        }
    }

    /// A key, the cursor at its opening quote (after whitespace), up to and past the colon.
    #[inline(always)]
    fn key(&mut self) -> Scan<(usize, usize, bool)> {
        if self.peek() != b'"' {
            return Err(Fallback);
        }
        self.i += 1;
        let key = self.string()?;
        if self.b[key.0..key.1].starts_with(MAGIC) {
            return Err(Fallback);
        }
        self.expect(b':')?;
        Ok(key)
    }

    /// A scalar (string, number, `true`, `false`, `null`), the cursor at its first byte.
    #[inline(always)]
    fn scalar(&mut self) -> Scan<Kind> {
        match self.peek() {
            b'"' => {
                self.i += 1;
                let (_, _, escaped) = self.string()?;
                Ok(if escaped { Kind::Escaped } else { Kind::Str })
            }
            b'-' | b'0'..=b'9' => self.number().map(|()| Kind::Num),
            b't' => self.literal(b"true").map(|()| Kind::Other),
            b'f' => self.literal(b"false").map(|()| Kind::Other),
            b'n' => self.literal(b"null").map(|()| Kind::Other),
            _ => Err(Fallback),
        }
    }

    /// An array or object with everything in it, the cursor at its `[` or `{`.
    fn nested(&mut self) -> Scan<()> {
        // One bit a level: set for an object.
        let mut stack = 0u128;
        let mut depth = 0;
        let mut c = self.peek();
        loop {
            // `c` starts a value (the cursor on it).
            if c == b'{' || c == b'[' {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Fallback);
                }
                let object = c == b'{';
                stack = stack << 1 | u128::from(object);
                self.i += 1;
                let close = if object { b'}' } else { b']' };
                let first = self.ws();
                if first != close {
                    if object {
                        self.key()?;
                        c = self.ws();
                    } else {
                        c = first;
                    }
                    continue;
                }
                // Empty.
                self.i += 1;
                depth -= 1;
                stack >>= 1;
            } else {
                self.scalar()?;
            }
            // A value ended: the next one in its container, or the container's end.
            loop {
                if depth == 0 {
                    return Ok(());
                }
                let object = stack & 1 == 1;
                match self.ws() {
                    b',' => {
                        self.i += 1;
                        if object {
                            self.ws();
                            self.key()?;
                        }
                        c = self.ws();
                        break;
                    }
                    b'}' if object => {}
                    b']' if !object => {}
                    _ => return Err(Fallback),
                }
                self.i += 1;
                depth -= 1;
                stack >>= 1;
            }
        }
    }

    /// Any value, the cursor at its first byte (after whitespace).
    fn value(&mut self) -> Scan<Raw> {
        let start = self.i;
        let kind = match self.peek() {
            b'{' => {
                self.nested()?;
                Kind::Obj
            }
            b'[' => {
                self.nested()?;
                Kind::Other
            }
            _ => self.scalar()?,
        };
        Ok(match kind {
            Kind::Str | Kind::Escaped => Raw {
                kind,
                start: at(start + 1),
                end: at(self.i - 1),
            },
            _ => Raw {
                kind,
                start: at(start),
                end: at(self.i),
            },
        })
    }

    /// The members of an object, the cursor at its `{`; `each` is called with each key and
    /// value. A key with an escape is not read (its text is not what is compared).
    fn members(&mut self, mut each: impl FnMut(&'a [u8], Raw)) -> Scan<()> {
        let start = self.i;
        self.i += 1;
        if self.ws() == b'}' {
            self.i += 1;
            return Ok(());
        }
        loop {
            let (ks, ke, escaped) = self.key()?;
            if escaped {
                return Err(Fallback);
            }
            self.ws();
            let raw = self.value()?;
            each(&self.b[ks..ke], raw);
            match self.ws() {
                b',' => {
                    self.i += 1;
                    self.ws();
                }
                b'}' => {
                    self.i += 1;
                    return Ok(());
                }
                _ => {
                    self.i = start;
                    return Err(Fallback);
                }
            }
        }
    }
}

/// Scans a line (starting with `{`) into `doc`: the kept top-level values, and the members of
/// those that are objects. `Err` when the line must take the `Value` path.
pub(crate) fn scan(line: &[u8], keys: &KeySet, doc: &mut Doc) -> Result<(), Fallback> {
    for (id, _) in doc.root.drain(..) {
        doc.slot[usize::from(id)] = 0;
    }
    doc.children.clear();
    doc.from = [u16::MAX; 7];
    if doc.slot.len() < keys.ids() {
        doc.slot.resize(keys.ids(), 0);
    }
    if line.len() > MAX_LEN || line.first() != Some(&b'{') {
        return Err(Fallback);
    }
    let mut s = Scanner {
        b: line,
        i: 1,
        high: 0,
    };
    if s.ws() == b'}' {
        s.i += 1;
    } else {
        loop {
            let (ks, ke, escaped) = s.key()?;
            // An escaped key may be any name once decoded.
            if escaped {
                return Err(Fallback);
            }
            let c = s.ws();
            if let Some(id) = keys.id(&line[ks..ke]) {
                // `Value` keeps the last of two equal keys: left to it.
                if doc.slot[usize::from(id)] != 0 {
                    return Err(Fallback);
                }
                let (raw, children) = if c == b'{' {
                    let first = doc.children.len();
                    let start = s.i;
                    let children = &mut doc.children;
                    s.members(|k, raw| {
                        if let Some(below) = keys.below.id(k) {
                            children.push(Entry {
                                raw,
                                children: None,
                                below,
                            });
                        }
                    })?;
                    let raw = Raw {
                        kind: Kind::Obj,
                        start: at(start),
                        end: at(s.i),
                    };
                    (raw, Some((at(first), at(doc.children.len()))))
                } else {
                    (s.value()?, None)
                };
                // The slot is set with the entry, never without it: the next scan clears the
                // slots of the entries (also after a scan that failed half-way).
                doc.root.push((
                    id,
                    Entry {
                        raw,
                        children,
                        below: u16::MAX,
                    },
                ));
                doc.slot[usize::from(id)] = at16(doc.root.len());
                for (from, first) in doc.from.iter_mut().zip(keys.first_step[usize::from(id)]) {
                    *from = (*from).min(first);
                }
            } else if c == b'{' || c == b'[' {
                s.nested()?;
            } else {
                s.scalar()?;
            }
            match s.ws() {
                b',' => {
                    s.i += 1;
                    s.ws();
                }
                b'}' => {
                    s.i += 1;
                    break;
                }
                _ => return Err(Fallback),
            }
        }
    }
    s.ws();
    if s.i != line.len() {
        return Err(Fallback);
    }
    if s.high & HIGH != 0 && std::str::from_utf8(line).is_err() {
        return Err(Fallback);
    }
    Ok(())
}

/// A value of a scanned line, for the record (`json::Node`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scanned<'s, 'a> {
    line: &'a [u8],
    keys: &'s KeySet,
    doc: &'s Doc,
    at: At,
}

#[derive(Debug, Clone, Copy)]
enum At {
    Root,
    Value(Raw, Option<(u32, u32)>),
}

impl<'s, 'a> Scanned<'s, 'a> {
    /// The top-level object of a line [`scan`] accepted into `doc`.
    pub(crate) fn root(line: &'a [u8], keys: &'s KeySet, doc: &'s Doc) -> Self {
        Scanned {
            line,
            keys,
            doc,
            at: At::Root,
        }
    }

    fn value(self, raw: Raw, children: Option<(u32, u32)>) -> Self {
        Scanned {
            at: At::Value(raw, children),
            ..self
        }
    }

    fn text(self, raw: Raw) -> &'a [u8] {
        &self.line[raw.start as usize..raw.end as usize]
    }

    /// The kept member of this kept object with the key numbered `below` in `KeySet::below`
    /// (the last of equal keys, as `Value` keeps).
    fn child(self, below: u16) -> Option<Self> {
        let At::Value(_, Some((first, end))) = self.at else {
            return None;
        };
        self.doc.children[first as usize..end as usize]
            .iter()
            .rev()
            .find(|e| e.below == below)
            .map(|e| self.value(e.raw, None))
    }

    /// The value of `key` in an object whose members were not kept, or not for this key: the
    /// object is read again (the last of equal keys, as `Value` keeps).
    fn reread(self, raw: Raw, key: &[u8]) -> Result<Option<Self>, Fallback> {
        let mut s = Scanner {
            b: &self.line[..raw.end as usize],
            i: raw.start as usize,
            high: 0,
        };
        let mut found = None;
        s.members(|k, raw| {
            if k == key {
                found = Some(raw);
            }
        })?;
        Ok(found.map(|raw| self.value(raw, None)))
    }

    /// The kept top-level value of a key number.
    fn kept(self, id: u16) -> Option<Self> {
        let i = usize::from(*self.doc.slot.get(usize::from(id))?).checked_sub(1)?;
        let (_, e) = *self.doc.root.get(i)?;
        Some(self.value(e.raw, e.children))
    }
}

/// A number's value as `serde_json` reads it.
fn number(text: &[u8]) -> Result<Number, Fallback> {
    if text.len() <= 19 && text.iter().all(u8::is_ascii_digit) {
        // At most 19 digits always fit a u64, which serde_json keeps as such.
        let n = text.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
        return Ok(Number::from(n));
    }
    serde_json::from_slice::<Number>(text).map_err(|_| Fallback)
}

impl<'a> Node<'a> for Scanned<'_, 'a> {
    type Err = Fallback;

    #[inline]
    fn form(self) -> Result<Form<'a>, Fallback> {
        let At::Value(raw, _) = self.at else {
            return Ok(Form::Object);
        };
        Ok(match raw.kind {
            // The line is UTF-8 (checked when it is not ASCII).
            Kind::Str => Form::Str(self.text(raw)),
            Kind::Escaped => return Err(Fallback),
            Kind::Num => Form::Num(number(self.text(raw))?),
            Kind::Obj => Form::Object,
            Kind::Other => Form::Other,
        })
    }

    fn member(self, key: &str) -> Result<Option<Self>, Fallback> {
        let key = key.as_bytes();
        match self.at {
            // Every key the record looks up at the top level is in the set.
            At::Root => Ok(self.keys.id(key).and_then(|id| self.kept(id))),
            // The kept members: those with a key of `KeySet::below`, every one of them.
            At::Value(raw, Some(_)) if raw.kind == Kind::Obj => match self.keys.below.id(key) {
                Some(below) => Ok(self.child(below)),
                None => self.reread(raw, key),
            },
            At::Value(raw, None) if raw.kind == Kind::Obj => self.reread(raw, key),
            At::Value(..) => Ok(None),
        }
    }

    fn first_of(self, field: Field, fields: &JsonFields) -> Result<Option<Self>, Fallback> {
        if !matches!(self.at, At::Root) {
            return lookup(self, field, fields);
        }
        // What `json::get` (a list of names) or `json::fixed` (fixed keys) finds, through the
        // names' key numbers found once per block, from the first step that names a key of the
        // line. (Below the top level, `lookup`.)
        let from = self.doc.from[field as usize];
        let plan = &self.keys.plans[field as usize];
        for step in plan.get(usize::from(from)..).unwrap_or_default() {
            if let Some(direct) = step.direct.and_then(|id| self.kept(id)) {
                return Ok(Some(direct));
            }
            if let Some(n) = &step.nested {
                // `json::path`, with the name split once and the key below the top-level one
                // found by its number.
                let mut found = match self.kept(n.first) {
                    Some(
                        v @ Scanned {
                            at: At::Value(raw, Some(_)),
                            ..
                        },
                    ) if raw.kind == Kind::Obj => v.child(n.below),
                    Some(v) => v.member(&n.rest[0])?,
                    None => None,
                };
                for key in &n.rest[1..] {
                    match found {
                        Some(v) => found = v.member(key)?,
                        None => break,
                    }
                }
                if found.is_some() {
                    return Ok(found);
                }
            }
        }
        Ok(None)
    }
}
