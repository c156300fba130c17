//! W3C extended log format, as IIS (and Oracle Web Cache, IIS Advanced Logging) write it.
//!
//! Directives (`#Software`, `#Version`, `#Date`, `#Fields`) may appear anywhere: IIS writes a new
//! header block each time it restarts or the configuration changes, and the field list can change
//! between blocks. Every `#Fields` directive replaces the layout for the lines after it. A
//! [`State`] holds the layout in force; the reader pre-scans each block's directives so a block
//! parsed on another thread starts with the right layout.
//!
//! Values are separated by spaces (runs of spaces and tabs too, as Oracle writes them); a value in
//! double quotes may hold spaces, with `""` for a quote; `-` is an empty value and, in IIS, `+`
//! stands for a space. The number of values must match the number of fields.
//!
//! HTTPERR logs (http.sys: `s-reason`, `s-queuename`) and IIS FTP logs (`x-session`,
//! `x-fullpath`) share the format; their layouts are marked so their lines are counted apart.

use std::sync::Arc;

use memchr::{memchr, memchr2};

use crate::record::{decimal_u32, present, status3, strip_query, Kind, Malformed, Record};
use crate::time::{self, TimeCache};

/// The fields IIS 8.5+ logs by default, used when a log has no `#Fields` directive and the W3C
/// format is forced or detected from its first values.
pub(crate) const IIS_DEFAULT_FIELDS: &[u8] =
    b"date time s-ip cs-method cs-uri-stem cs-uri-query s-port \
cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken";

/// Where the fields the report needs sit in a line, for one `#Fields` directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout {
    pub kind: Kind,
    pub count: usize,
    status: Option<usize>,
    sub: Option<usize>,
    win32: Option<usize>,
    stem: Option<usize>,
    uri: Option<usize>,
    client: Option<usize>,
    date: Option<usize>,
    time: Option<usize>,
    reason: Option<usize>,
    method: Option<usize>,
}

impl Layout {
    /// Reads the value of a `#Fields:` directive.
    pub(crate) fn parse(fields: &[u8], software: Option<Kind>) -> Layout {
        let names: Vec<&[u8]> = fields
            .split(|c| *c == b' ' || *c == b'\t')
            .filter(|f| !f.is_empty())
            .collect();
        let find = |wanted: &[&[u8]]| {
            wanted
                .iter()
                .find_map(|w| names.iter().position(|n| n.eq_ignore_ascii_case(w)))
        };
        let kind = if find(&[b"s-reason", b"s-queuename"]).is_some()
            || software == Some(Kind::HttpErr)
        {
            Kind::HttpErr
        } else if find(&[b"x-session", b"x-fullpath"]).is_some() || software == Some(Kind::Ftp) {
            Kind::Ftp
        } else {
            Kind::Http
        };
        Layout {
            kind,
            count: names.len(),
            status: find(&[b"sc-status"]),
            sub: find(&[b"sc-substatus"]),
            win32: find(&[b"sc-win32-status"]),
            stem: find(&[b"cs-uri-stem"]),
            uri: find(&[b"cs-uri"]),
            client: find(&[b"c-ip", b"c-dns"]),
            date: find(&[b"date", b"date-local", b"date-utc"]),
            time: find(&[b"time", b"time-local", b"time-utc"]),
            reason: find(&[b"s-reason"]),
            method: find(&[b"cs-method"]),
        }
    }
}

/// The directives in force at a point of a file.
#[derive(Debug, Clone, Default)]
pub(crate) struct State {
    pub layout: Option<Arc<Layout>>,
    software: Option<Kind>,
    /// The day of the last `#Date` directive, for layouts without a `date` field.
    day: Option<i64>,
    /// No `#Fields` directive yet: IIS's default fields are assumed.
    pub assumed: bool,
}

impl State {
    /// The state of a log without directives: IIS's default fields.
    pub(crate) fn iis_default() -> State {
        State {
            layout: Some(Arc::new(Layout::parse(IIS_DEFAULT_FIELDS, None))),
            assumed: true,
            ..State::default()
        }
    }

    /// Applies a line that starts with `#`. Unknown directives and comments change nothing.
    pub(crate) fn directive(&mut self, line: &[u8]) {
        let Some(colon) = memchr(b':', line) else {
            return;
        };
        let name = &line[1..colon];
        let value = line[colon + 1..].trim_ascii();
        if name.eq_ignore_ascii_case(b"Fields") {
            self.layout = Some(Arc::new(Layout::parse(value, self.software)));
            self.assumed = false;
        } else if name.eq_ignore_ascii_case(b"Software") {
            self.software = if contains_ci(value, b"HTTP API") {
                Some(Kind::HttpErr)
            } else if contains_ci(value, b"FTP") {
                Some(Kind::Ftp)
            } else {
                None
            };
        } else if name.eq_ignore_ascii_case(b"Date") || name.eq_ignore_ascii_case(b"Start-Date") {
            self.day = time::w3c_day(value);
        }
    }

    /// Parses a data line with the layout in force.
    pub(crate) fn parse<'a>(
        &self,
        line: &'a [u8],
        tokens: &mut Vec<(usize, usize)>,
        cache: &mut TimeCache,
    ) -> Result<Record<'a>, Malformed> {
        let layout = self
            .layout
            .as_deref()
            .ok_or("W3C values before any #Fields directive")?;
        // Nearly every line has no `"` and a few dozen values at most: they are found into the
        // first `FAST` slots of `tokens`, without growing it; other lines take the full path.
        if tokens.len() < FAST {
            tokens.resize(FAST, (0, 0));
        }
        let found = match split_fast(line, &mut tokens[..FAST]) {
            Some(n) => n,
            None => {
                tokenize(line, tokens);
                tokens.len()
            }
        };
        if found != layout.count {
            return Err(if found > layout.count {
                "more values than #Fields names"
            } else {
                "fewer values than #Fields names"
            });
        }
        let get = |i: Option<usize>| i.map(|i| &line[tokens[i].0..tokens[i].1]);
        let status = match (layout.kind, get(layout.status).map(status3)) {
            (_, Some(Some(s))) => s,
            // HTTPERR and FTP lines without a status (a dropped connection, a channel opened).
            (Kind::HttpErr | Kind::Ftp, Some(None)) if get(layout.status) == Some(b"-") => 0,
            (Kind::HttpErr, None) => 0,
            (_, None) => return Err("no sc-status field in #Fields"),
            (_, Some(None)) => return Err("sc-status is not three digits"),
        };
        let time = match (get(layout.date), get(layout.time)) {
            (Some(d), Some(t)) => cache.get(d, t, time::parse_w3c),
            (None, Some(t)) => self
                .day
                .and_then(|day| time::w3c_clock(t).map(|s| day * 86_400 + s)),
            _ => None,
        };
        let path = match (get(layout.stem), get(layout.uri)) {
            (Some(stem), _) => present(stem),
            (None, Some(uri)) => present(strip_query(uri)),
            (None, None) => None,
        };
        let mut kind = layout.kind;
        let reason = match layout.kind {
            Kind::HttpErr => get(layout.reason).and_then(present),
            Kind::Ftp => get(layout.method).and_then(present),
            // IIS 4/5 FTP logs: no FTP fields, but the method is `[session]COMMAND`.
            Kind::Http => match get(layout.method).and_then(ftp_command) {
                Some(command) => {
                    kind = Kind::Ftp;
                    Some(command)
                }
                None => None,
            },
            Kind::Connection => None,
        };
        Ok(Record {
            kind: Some(kind),
            status,
            sub: get(layout.sub)
                .and_then(decimal_u32)
                .and_then(|s| u16::try_from(s).ok()),
            win32: get(layout.win32).and_then(decimal_u32),
            path,
            client: get(layout.client).and_then(present),
            time,
            reason,
            tls: false,
            plus: true,
            cause: None,
        })
    }
}

/// The command of an IIS 4/5 FTP log's method field: `[2]USER` → `USER`.
#[inline]
fn ftp_command(method: &[u8]) -> Option<&[u8]> {
    let rest = method.strip_prefix(b"[")?;
    let close = memchr(b']', rest)?;
    (close > 0 && rest[..close].iter().all(u8::is_ascii_digit))
        .then(|| &rest[close + 1..])
        .and_then(present)
}

fn contains_ci(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Splits a W3C line into values: separated by runs of spaces or tabs; a value that starts with
/// `"` runs to the matching `"` (`""` inside is a quote) and is returned without its quotes.
pub(crate) fn tokenize(line: &[u8], out: &mut Vec<(usize, usize)>) {
    out.clear();
    if split_unquoted(line, out) {
        return;
    }
    out.clear();
    let n = line.len();
    let mut i = 0;
    while i < n {
        let c = line[i];
        if c == b' ' || c == b'\t' {
            i += 1;
            continue;
        }
        if c == b'"' {
            let start = i + 1;
            let mut j = start;
            loop {
                match memchr(b'"', &line[j..]) {
                    Some(k) if line.get(j + k + 1) == Some(&b'"') => j += k + 2,
                    Some(k) => {
                        out.push((start, j + k));
                        i = j + k + 1;
                        break;
                    }
                    None => {
                        out.push((start, n));
                        i = n;
                        break;
                    }
                }
            }
        } else {
            // Most values are short: a plain loop first, a vector search for long ones.
            let mut end = i + 1;
            let short = (i + 16).min(n);
            while end < short && line[end] != b' ' && line[end] != b'\t' {
                end += 1;
            }
            if end == short && end < n {
                end = memchr2(b' ', b'\t', &line[end..]).map_or(n, |k| end + k);
            }
            out.push((i, end));
            i = end;
        }
    }
}

/// Values found by [`split_fast`] at most.
const FAST: usize = 64;

/// Eight bytes of `b` from `at` (which must leave eight), as a little-endian word.
#[inline]
fn word(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or([0; 8]))
}

/// [`split_unquoted`] into a slice, for the hot path: the values of a line go into `out[..n]` and
/// `n` is returned; `None` (with `out` partly written) at the first byte below `#` that is not a
/// space or a tab (a quote, a `!`, a control character), for a line shorter than eight bytes, or
/// for one with more values than `out` holds less sixteen (less eight without SSE2): [`tokenize`]
/// reads those.
///
/// On x86-64, lines of 16 bytes or more are read 16 bytes at a time with SSE2 compares (through
/// `safe_arch`: the workspace has no `unsafe`); otherwise eight bytes at a time in a `u64`.
#[inline]
fn split_fast(line: &[u8], out: &mut [(usize, usize)]) -> Option<usize> {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    if line.len() >= 16 {
        return split_sse2(line, out);
    }
    split_swar(line, out)
}

/// [`split_fast`] 16 bytes at a time: for each 16-byte chunk, one mask of its bytes below `#` and
/// one of its spaces and tabs (compares and a byte-mask move); when they differ the line has a byte
/// the fast path does not take. The last bytes are read as one chunk too (the line's last 16, with
/// the bytes already read masked off). `line` must be 16 bytes at least.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
fn split_sse2(line: &[u8], out: &mut [(usize, usize)]) -> Option<usize> {
    use safe_arch::{
        bitor_m128i, cmp_eq_mask_i8_m128i, load_unaligned_m128i, min_u8_m128i, move_mask_i8_m128i,
        set_splat_i8_m128i,
    };
    let len = line.len();
    // At most 16 separators in a chunk: room for all of them is checked once a chunk.
    let limit = out.len().checked_sub(16)?;
    let mut ends = Ends::default();
    let below = set_splat_i8_m128i(0x22);
    let space = set_splat_i8_m128i(0x20);
    let tab = set_splat_i8_m128i(0x09);
    // The chunk from `base`, of which only the bytes flagged in `keep` are new.
    let mut step = |chunk: &[u8; 16], keep: i32, base: usize| -> Option<()> {
        let v = load_unaligned_m128i(chunk);
        // min(v, 0x22) == v: the bytes at most 0x22, unsigned.
        let low = move_mask_i8_m128i(cmp_eq_mask_i8_m128i(min_u8_m128i(v, below), v)) & keep;
        if low == 0 {
            return Some(());
        }
        let seps = move_mask_i8_m128i(bitor_m128i(
            cmp_eq_mask_i8_m128i(v, space),
            cmp_eq_mask_i8_m128i(v, tab),
        )) & keep;
        if low != seps || ends.n > limit {
            return None;
        }
        let mut m = seps;
        while m != 0 {
            ends.at(out, base + m.trailing_zeros() as usize);
            m &= m - 1;
        }
        Some(())
    };
    let mut chunks = line.chunks_exact(16);
    let mut base = 0;
    for c in &mut chunks {
        step(c.try_into().ok()?, 0xffff, base)?;
        base += 16;
    }
    if base < len {
        let at = len - 16;
        step(
            line[at..].try_into().ok()?,
            (0xffff << (base - at)) & 0xffff,
            at,
        )?;
    }
    ends.finish(out, len)
}

/// The values a splitter has found so far: how many, and where the next one starts.
#[derive(Default)]
struct Ends {
    n: usize,
    start: usize,
}

impl Ends {
    /// A separator at `i`: it ends the value before it, if that is not empty (runs of separators
    /// count as one).
    #[inline(always)]
    fn at(&mut self, out: &mut [(usize, usize)], i: usize) {
        out[self.n] = (self.start, i);
        self.n += usize::from(i > self.start);
        self.start = i + 1;
    }

    /// The end of the line, at `len`: the number of values, or `None` when the last one does not
    /// fit in `out`.
    #[inline(always)]
    fn finish(mut self, out: &mut [(usize, usize)], len: usize) -> Option<usize> {
        if len > self.start {
            *out.get_mut(self.n)? = (self.start, len);
            self.n += 1;
        }
        Some(self.n)
    }
}

/// [`split_fast`] eight bytes at a time: each 8-byte word costs one mask of its bytes below `#`,
/// and each byte of the mask is checked to be a space or a tab. The last bytes are read as one word
/// too (the line's last eight, shifted).
#[inline]
fn split_swar(line: &[u8], out: &mut [(usize, usize)]) -> Option<usize> {
    let len = line.len();
    if len < 8 {
        return None;
    }
    let limit = out.len().checked_sub(8)?;
    let mut ends = Ends::default();
    // The flagged bytes of word `w` (its bytes from `base`), mask `m`: each must be a space or a
    // tab (read from the word, not the line), and each ends the value before it, if any.
    let mut step = |w: u64, mut m: u64, base: usize| -> Option<()> {
        if m != 0 {
            // At most eight separators in a word: room for all of them is checked once.
            if ends.n > limit {
                return None;
            }
            while m != 0 {
                let bit = m.trailing_zeros();
                if !matches!((w >> (bit - 7)).to_le_bytes()[0], b' ' | b'\t') {
                    return None;
                }
                ends.at(out, base + (bit / 8) as usize);
                m &= m - 1;
            }
        }
        Some(())
    };
    let mut chunks = line.chunks_exact(8);
    let mut base = 0;
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        step(w, below_hash(w), base)?;
        base += 8;
    }
    if base < len {
        // The last `len - base` bytes: the line's last word shifted down; the zero bytes shifted
        // in are masked off.
        let keep = 8 * (len - base);
        let w = word(line, len - 8) >> (64 - keep);
        step(w, below_hash(w) & ((1u64 << keep) - 1), base)?;
    }
    ends.finish(out, len)
}

/// [`tokenize`] for a line without any `"`: values are the runs between spaces and tabs, found
/// eight bytes at a time (SWAR: a mask of the separator bytes of each 8-byte word). Returns false,
/// with `out` partly filled, at the first `"`: the line needs the quote-aware path.
fn split_unquoted(line: &[u8], out: &mut Vec<(usize, usize)>) -> bool {
    let mut start = 0;
    let mut base = 0;
    let mut chunks = line.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let w = u64::from_le_bytes(w);
        // Most words hold no byte below `#` but spaces: one test settles tabs and quotes for all.
        let spaces = zero_bytes(w ^ 0x2020_2020_2020_2020);
        let mut m = if below_hash(w) == spaces {
            spaces
        } else {
            if quotes(w) != 0 {
                return false;
            }
            spaces | zero_bytes(w ^ 0x0909_0909_0909_0909)
        };
        while m != 0 {
            let i = base + (m.trailing_zeros() / 8) as usize;
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
            m &= m - 1;
        }
        base += 8;
    }
    for (k, &c) in chunks.remainder().iter().enumerate() {
        if c == b'"' {
            return false;
        }
        if c == b' ' || c == b'\t' {
            let i = base + k;
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
        }
    }
    if line.len() > start {
        out.push((start, line.len()));
    }
    true
}

/// The high bit of each zero byte of `x`, exactly (no carry crosses bytes); every other bit clear.
#[inline]
fn zero_bytes(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7)
}

/// The high bit of each byte of `w` below `#` (0x23): controls, tab, space, `!` and `"`. Exact: the
/// sum of a byte's low seven bits and 0x5d never carries into the next byte.
#[inline]
fn below_hash(w: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    !(((w & LOW7).wrapping_add(0x5d5d_5d5d_5d5d_5d5d)) | w) & !LOW7
}

/// The high bit of each byte of `w` that is a `"`.
#[inline]
fn quotes(w: u64) -> u64 {
    zero_bytes(w ^ 0x2222_2222_2222_2222)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(directives: &[&str]) -> State {
        let mut s = State::default();
        for d in directives {
            s.directive(d.as_bytes());
        }
        s
    }

    fn parse<'a>(s: &State, line: &'a str) -> Result<Record<'a>, Malformed> {
        s.parse(line.as_bytes(), &mut Vec::new(), &mut TimeCache::default())
    }

    #[test]
    fn fast_split_agrees_with_tokenize() {
        let mut lines: Vec<String> = vec![
            "2024-01-02 03:04:05 10.0.0.1 GET /a+b/c.aspx q=1 443 - 192.0.2.7 Mozilla/5.0+(X) - 401 2 2148074254 15".into(),
            "  a\tb  c\t\t d ".into(),
            "12345678".into(),
            "1234567 ".into(),
            " 1234567".into(),
            "a b c d e f g h i".into(),
            "x \"q\" y".into(),
            "\x01\x02 \x1f! z".into(),
            "abcdefgh ijklmno!".into(),
            "abcdefghijk\x7f lmn".into(),
            "2024-01-02 03:04:05 10.0.0.1 GET /a b".into(),
        ];
        // Every length from 1 to 40 with separators at every place, and more values than fit.
        for len in 1..40 {
            for at in 0..len {
                let mut l: Vec<u8> = b"abcdefghijklmnopqrstuvwxyz".repeat(2)[..len].to_vec();
                l[at] = if at % 3 == 0 { b'\t' } else { b' ' };
                lines.push(String::from_utf8(l).unwrap_or_default());
            }
        }
        lines.push("v ".repeat(FAST + 5));
        lines.push("v ".repeat(FAST - 8));
        lines.push("v ".repeat(FAST - 17));
        for line in &lines {
            check_fast_split(line.as_bytes());
        }
    }

    /// Every splitter of the hot path gives [`tokenize`]'s values, or `None` only where it may.
    fn check_fast_split(line: &[u8]) {
        let mut want = Vec::new();
        tokenize(line, &mut want);
        let may_refuse = line.len() < 8
            || line.iter().any(|c| *c < b'#' && *c != b' ' && *c != b'\t')
            || want.len() > FAST - 17;
        type Split = fn(&[u8], &mut [(usize, usize)]) -> Option<usize>;
        let mut splitters: Vec<(&str, Split)> = vec![("fast", split_fast), ("swar", split_swar)];
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        if line.len() >= 16 {
            splitters.push(("sse2", split_sse2));
        }
        for (name, split) in splitters {
            let mut out = vec![(0, 0); FAST];
            match split(line, &mut out) {
                Some(n) => assert_eq!(&out[..n], &want[..], "{name} {line:?}"),
                None => assert!(may_refuse, "{name} refused {line:?}"),
            }
        }
    }

    proptest::proptest! {
        /// Lines of separators, bytes the fast path refuses and bytes it takes, at any length.
        #[test]
        fn fast_splits_agree_with_tokenize_on_any_line(
            line in proptest::collection::vec(
                proptest::sample::select(vec![b' ', b'\t', b'"', b'!', 0x01, 0x1f, b'#', b'a', b'+', 0x7f, 0x80, 0xa2, 0xff]),
                0..120,
            )
        ) {
            check_fast_split(&line);
        }
    }

    const FIELDS: &str = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken";

    #[test]
    fn iis_line() {
        let s = state(&[
            "#Software: Microsoft Internet Information Services 10.0",
            FIELDS,
        ]);
        let r = parse(&s, "2024-01-02 03:04:05 10.0.0.1 GET /a+b/c.aspx q=1 443 - 192.0.2.7 Mozilla/5.0+(X) - 401 2 2148074254 15")
            .map_err(str::to_string);
        let r = r
            .as_ref()
            .map(|r| (r.kind, r.status, r.sub, r.win32, r.path, r.client, r.time));
        assert_eq!(
            r,
            Ok((
                Some(Kind::Http),
                401,
                Some(2),
                Some(2_148_074_254),
                Some(&b"/a+b/c.aspx"[..]),
                Some(&b"192.0.2.7"[..]),
                Some(1_704_164_645)
            ))
        );
        assert_eq!(
            parse(
                &s,
                "2024-01-02 03:04:05 10.0.0.1 GET / - 443 - 192.0.2.7 - - 200 0 0"
            )
            .err(),
            Some("fewer values than #Fields names")
        );
    }

    #[test]
    fn fields_change_mid_file() {
        let mut s = state(&[FIELDS]);
        s.directive(b"#Fields: time c-ip cs-method cs-uri-stem sc-status");
        assert_eq!(
            parse(&s, "03:04:05 1.2.3.4 GET /x 503").map(|r| (r.status, r.time)),
            Ok((503, None))
        );
        s.directive(b"#Date: 2024-01-02 00:00:00");
        assert_eq!(
            parse(&s, "03:04:05 1.2.3.4 GET /x 503").map(|r| r.time),
            Ok(Some(1_704_164_645))
        );
    }

    #[test]
    fn quoted_values_and_runs_of_spaces() {
        let s = state(&["#Fields:  c-ip  date  time  cs-uri  sc-status  cs(User-Agent)"]);
        let r = parse(
            &s,
            r#"64.103.37.2      2001-10-31     00:00:18      /a/b.gif?x    200     "Mozilla/4.5 [en] (WinNT; I)""#,
        );
        assert_eq!(
            r.map(|r| (r.status, r.path)),
            Ok((200, Some(&b"/a/b.gif"[..])))
        );
        let mut v = Vec::new();
        tokenize(br#"404 " ""garbage"" w/ spaces " 0"#, &mut v);
        assert_eq!(v.len(), 3);
    }

    /// Every byte value, in every lane, next to every kind of neighbour: the masks are exact.
    #[test]
    fn word_masks_are_exact() {
        for b in 0..=255u8 {
            for fill in [0x00u8, 0x20, 0x22, 0x23, 0x7f, 0x80, 0xdd, 0xff, b'a'] {
                for lane in 0..8 {
                    let mut bytes = [fill; 8];
                    bytes[lane] = b;
                    let w = u64::from_le_bytes(bytes);
                    let expect = |f: &dyn Fn(u8) -> bool| {
                        bytes
                            .iter()
                            .enumerate()
                            .filter(|(_, &x)| f(x))
                            .fold(0u64, |m, (i, _)| m | 0x80 << (8 * i))
                    };
                    assert_eq!(below_hash(w), expect(&|x| x < 0x23), "{bytes:?}");
                    assert_eq!(quotes(w), expect(&|x| x == b'"'), "{bytes:?}");
                    assert_eq!(
                        zero_bytes(w ^ 0x2020_2020_2020_2020),
                        expect(&|x| x == b' '),
                        "{bytes:?}"
                    );
                }
            }
        }
    }

    /// The fast split gives up at a `"` wherever it falls (in a word or in the tail), and the
    /// quote-aware path takes over from the start of the line.
    #[test]
    fn quotes_anywhere_take_the_quote_aware_path() {
        for pad in 0..24 {
            let line = format!("{}x \"q r\" y", "ab ".repeat(pad));
            let mut v = Vec::new();
            assert!(!split_unquoted(line.as_bytes(), &mut v), "{line:?}");
            tokenize(line.as_bytes(), &mut v);
            let values: Vec<&str> = v.iter().map(|&(a, b)| &line[a..b]).collect();
            let mut expected = vec!["ab"; pad];
            expected.extend(["x", "q r", "y"]);
            assert_eq!(values, expected, "{line:?}");
        }
    }

    #[test]
    fn unquoted_split_matches_general_tokenizer() {
        let lines: [&[u8]; 9] = [
            b"",
            b" ",
            b"a",
            b"  a  b\t\tc ",
            b"2024-01-01 00:00:00 10.0.0.1 GET /a+b - 443 - 1.2.3.4 Mozilla/5.0+(x) - 404 0 2 15",
            b"\t\t\t\t\t\t\t\t\t1234567 12345678 123456789 x",
            b"abcdefgh abcdefg\tabcdefghi",
            b"\xff\x80 \xa0\x89 \x20\x09",
            b"        ",
        ];
        for line in lines {
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            assert!(split_unquoted(line, &mut fast));
            // The general tokenizer, on the same line: a value never starts with `"` here.
            let mut i = 0;
            while i < line.len() {
                if line[i] == b' ' || line[i] == b'\t' {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < line.len() && line[i] != b' ' && line[i] != b'\t' {
                    i += 1;
                }
                general.push((start, i));
            }
            assert_eq!(fast, general, "{line:?}");
            let mut via = Vec::new();
            tokenize(line, &mut via);
            assert_eq!(via, general, "{line:?}");
        }
    }

    #[test]
    fn httperr_and_ftp() {
        let s = state(&[
            "#Software: Microsoft HTTP API 2.0",
            "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename",
        ]);
        let r = parse(
            &s,
            "2024-01-02 03:04:05 192.0.2.1 50000 10.0.0.1 80 - - - - - - Timer_ConnectionIdle -",
        );
        assert_eq!(
            r.map(|r| (r.kind, r.status, r.reason)),
            Ok((Some(Kind::HttpErr), 0, Some(&b"Timer_ConnectionIdle"[..])))
        );
        let s = state(&["#Fields: date time c-ip c-port cs-username s-ip s-port cs-method cs-uri-stem sc-status sc-win32-status sc-substatus x-session x-fullpath"]);
        let r = parse(
            &s,
            "2024-01-02 03:04:05 192.0.2.1 50000 bob 10.0.0.1 21 PASS *** 530 1326 41 abc -",
        );
        assert_eq!(
            r.map(|r| (r.kind, r.status, r.reason)),
            Ok((Some(Kind::Ftp), 530, Some(&b"PASS"[..])))
        );
    }

    #[test]
    fn no_fields_yet() {
        assert!(parse(&State::default(), "2024-01-02 03:04:05 x").is_err());
        let s = State::iis_default();
        assert!(parse(
            &s,
            "2024-01-02 03:04:05 10.0.0.1 GET / - 443 - 192.0.2.7 - - 200 0 0 5"
        )
        .is_ok());
    }
}
