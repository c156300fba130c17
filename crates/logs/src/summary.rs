//! The mergeable partial summary: what one block, one input or a whole run counted. Merging two
//! summaries gives the summary of both inputs, whatever the order (apart from approximate top
//! lists once they are capped), so blocks are counted in parallel and runs on several machines
//! could be combined the same way.

use std::borrow::Cow;

use crate::format::Format;
use crate::hash::FastMap;
use crate::patterns::Patterns;
use crate::record::{CauseKind, Kind, Record};
use crate::timeline::Timeline;
use crate::topk::TopK;

/// At most this many distinct (status, sub-status, Win32) keys are counted apart; more are lumped
/// together (their classes are still right).
const MAX_CODES: usize = 4096;
/// At most this many distinct (status, sub-status) error codes get top paths, clients and times.
const MAX_DETAILS: usize = 48;
/// Each top list keeps up to twice this many keys.
pub(crate) const TOP_CAP: usize = 1024;
/// HTTPERR reasons and FTP commands counted apart.
const MAX_OTHER: usize = 256;
/// Causes counted apart per (status, cause kind); more are lumped under `(other)`.
const MAX_CAUSES: usize = 256;
/// Malformed lines kept as examples, per input.
pub(crate) const MAX_EXAMPLES: usize = 5;
/// Example text is cut to this many bytes.
const EXAMPLE_BYTES: usize = 200;

/// A status as logged: HTTP status, IIS sub-status, IIS Win32 status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Key {
    pub status: u16,
    pub sub: Option<u16>,
    pub win32: Option<u32>,
}

/// Top paths, clients and times of one error code.
#[derive(Debug, Clone)]
pub(crate) struct Detail {
    pub paths: TopK,
    pub clients: TopK,
    pub timeline: Timeline<u64>,
    /// `+` stands for a space in the paths (W3C).
    pub plus: bool,
}

impl Default for Detail {
    fn default() -> Self {
        Detail {
            paths: TopK::new(TOP_CAP),
            clients: TopK::new(TOP_CAP),
            timeline: Timeline::default(),
            plus: false,
        }
    }
}

/// A malformed line kept as an example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Example {
    /// Block number, then line number within the block (1-based); made absolute per input.
    pub block: u64,
    pub line: u64,
    pub reason: Cow<'static, str>,
    pub text: String,
}

impl Example {
    /// An example of a malformed line, its text cut to `EXAMPLE_BYTES`.
    pub(crate) fn new(block: u64, line: u64, reason: &'static str, text: &[u8]) -> Example {
        let cut = &text[..text.len().min(EXAMPLE_BYTES)];
        let mut t = String::from_utf8_lossy(cut).into_owned();
        if text.len() > EXAMPLE_BYTES {
            t.push('…');
        }
        Example {
            block,
            line,
            reason: Cow::Borrowed(reason),
            text: t,
        }
    }
}

/// Counts by value (a cause, a reason ...).
pub(crate) type Counts = FastMap<Box<[u8]>, u64>;

/// Counts from a log, mergeable with others.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub(crate) lines: u64,
    pub(crate) blank: u64,
    pub(crate) directives: u64,
    pub(crate) records: u64,
    pub(crate) filtered: u64,
    pub(crate) malformed: u64,
    pub(crate) formats: [u64; Format::COUNT],
    pub(crate) codes: FastMap<Key, u64>,
    /// Records whose key did not fit under `MAX_CODES`.
    pub(crate) lumped: u64,
    last: Option<(Key, u64)>,
    /// Counts of keys without sub-status or Win32 status (NCSA, JSON), by status: an array
    /// beats hashing on every line. Empty until first used.
    plain: Vec<u64>,
    /// Counts of keys with sub-status 0 and Win32 status 0 (most IIS lines), by status: lines
    /// alternate between statuses, so the cached last key would miss and hash on most of them.
    /// Empty until first used.
    iis_ok: Vec<u64>,
    pub(crate) classes: [u64; 6],
    pub(crate) timeline: Timeline<[u64; 6]>,
    /// Few error codes are seen in practice, so a vector searched in order beats a map.
    pub(crate) details: Vec<((u16, Option<u16>), Detail)>,
    pub(crate) first: Option<i64>,
    pub(crate) last_time: Option<i64>,
    pub(crate) untimed: u64,
    pub(crate) patterns: Patterns,
    pub(crate) httperr: u64,
    pub(crate) httperr_reasons: FastMap<Box<[u8]>, u64>,
    pub(crate) ftp: u64,
    pub(crate) ftp_replies: FastMap<u16, u64>,
    pub(crate) ftp_commands: FastMap<Box<[u8]>, u64>,
    /// Connections logged by TCP/TLS listeners (NLB TLS, Classic ELB TCP): not HTTP requests.
    pub(crate) connections: u64,
    pub(crate) connection_kinds: FastMap<Box<[u8]>, u64>,
    /// Failures by status and the cause the log gives.
    pub(crate) causes: FastMap<(u16, CauseKind), Counts>,
    /// W3C lines read without any `#Fields` directive (IIS defaults or by shape).
    pub(crate) no_fields: u64,
}

/// 0..=4 for 1xx..5xx, 5 for anything else.
#[inline]
pub(crate) fn class_index(status: u16) -> usize {
    match status {
        100..=599 => usize::from(status / 100 - 1),
        _ => 5,
    }
}

/// Whether a code gets top paths, clients and times: errors and non-standard codes.
#[inline]
pub(crate) fn is_error(status: u16) -> bool {
    !(100..400).contains(&status)
}

impl Summary {
    /// The number of HTTP requests counted (after filters).
    pub fn records(&self) -> u64 {
        self.records
    }

    /// The number of lines that could not be read.
    pub fn malformed(&self) -> u64 {
        self.malformed
    }

    /// Every line read, including blank lines and directives.
    pub fn lines(&self) -> u64 {
        self.lines
    }

    /// HTTPERR and FTP entries counted (not HTTP requests).
    pub fn other_entries(&self) -> u64 {
        self.httperr + self.ftp + self.connections
    }

    /// How many records had this status (all sub-statuses and Win32 codes together).
    pub fn count(&self, status: u16) -> u64 {
        let mut n: u64 = self
            .codes
            .iter()
            .filter(|(k, _)| k.status == status)
            .map(|(_, c)| c)
            .sum();
        n += self.plain.get(usize::from(status)).copied().unwrap_or(0);
        n += self.iis_ok.get(usize::from(status)).copied().unwrap_or(0);
        if let Some((k, c)) = self.last {
            if k.status == status {
                n += c;
            }
        }
        n
    }

    pub(crate) fn format_seen(&mut self, f: Format) {
        self.formats[f.index()] += 1;
    }

    /// Counts one record that passed the filters.
    #[inline]
    pub(crate) fn observe(&mut self, r: &Record<'_>) {
        if let Some(t) = r.time {
            self.first = Some(self.first.map_or(t, |f| f.min(t)));
            self.last_time = Some(self.last_time.map_or(t, |l| l.max(t)));
        }
        match r.kind() {
            Kind::Http => {}
            Kind::HttpErr => {
                self.httperr += 1;
                bump(&mut self.httperr_reasons, r.reason.unwrap_or(b"-"));
                return;
            }
            Kind::Ftp => {
                self.ftp += 1;
                if self.ftp_replies.len() < MAX_OTHER || self.ftp_replies.contains_key(&r.status) {
                    *self.ftp_replies.entry(r.status).or_insert(0) += 1;
                }
                bump(&mut self.ftp_commands, r.reason.unwrap_or(b"-"));
                return;
            }
            Kind::Connection => {
                self.connections += 1;
                bump(&mut self.connection_kinds, r.reason.unwrap_or(b"-"));
                return;
            }
        }
        self.records += 1;
        let key = Key {
            status: r.status,
            sub: r.sub,
            win32: r.win32,
        };
        if key.sub.is_none() && key.win32.is_none() && key.status < 1000 {
            if self.plain.is_empty() {
                self.plain = vec![0; 1000];
            }
            self.plain[usize::from(key.status)] += 1;
        } else if key.sub == Some(0) && key.win32 == Some(0) && key.status < 1000 {
            if self.iis_ok.is_empty() {
                self.iis_ok = vec![0; 1000];
            }
            self.iis_ok[usize::from(key.status)] += 1;
        } else {
            match &mut self.last {
                Some((k, n)) if *k == key => *n += 1,
                _ => {
                    self.settle();
                    self.last = Some((key, 1));
                }
            }
        }
        let class = class_index(r.status);
        self.classes[class] += 1;
        match r.time {
            Some(t) => self.timeline.add(t, |v| v[class] += 1),
            None => self.untimed += 1,
        }
        if is_error(r.status) {
            self.observe_detail(r);
            if let Some(c) = r.cause {
                self.observe_cause(r.status, c.kind, c.value);
            }
        } else if let Some(c) = r.cause {
            // A success after nginx retried other upstreams: a failure the client never saw.
            if c.kind == CauseKind::UpstreamStatus
                && (c.value.contains(&b',') || c.value.contains(&b':'))
            {
                self.observe_cause(r.status, c.kind, c.value);
            }
        }
        self.patterns.observe(r);
    }

    fn observe_detail(&mut self, r: &Record<'_>) {
        let key = (r.status, r.sub);
        let i = match self.details.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None if self.details.len() < MAX_DETAILS => {
                self.details.push((key, Detail::default()));
                self.details.len() - 1
            }
            None => return,
        };
        let d = &mut self.details[i].1;
        d.paths.add(r.path.unwrap_or(b"-"), 1);
        d.plus |= r.plus;
        if let Some(c) = r.client {
            d.clients.add(c, 1);
        }
        if let Some(t) = r.time {
            d.timeline.add(t, |v| *v += 1);
        }
    }

    fn observe_cause(&mut self, status: u16, kind: CauseKind, value: &[u8]) {
        bump_n(
            self.causes.entry((status, kind)).or_default(),
            value,
            MAX_CAUSES,
        );
    }

    /// The details of an error code.
    pub(crate) fn detail(&self, status: u16, sub: Option<u16>) -> Option<&Detail> {
        self.details
            .iter()
            .find(|(k, _)| *k == (status, sub))
            .map(|(_, d)| d)
    }

    /// Moves the cached last key into the map.
    fn settle(&mut self) {
        if let Some((k, n)) = self.last.take() {
            self.add_code(k, n);
        }
    }

    /// Adds `n` requests of key `k` to the map, or to `lumped` past the cap on distinct keys.
    pub(crate) fn add_code(&mut self, k: Key, n: u64) {
        if self.codes.len() < MAX_CODES || self.codes.contains_key(&k) {
            *self.codes.entry(k).or_insert(0) += n;
        } else {
            self.lumped += n;
        }
    }

    /// Adds the details of an error code (merged with those already there), within the cap on
    /// error codes with details.
    pub(crate) fn add_detail(&mut self, k: (u16, Option<u16>), d: Detail) {
        if let Some((_, mine)) = self.details.iter_mut().find(|(key, _)| *key == k) {
            mine.paths.merge(d.paths);
            mine.clients.merge(d.clients);
            mine.timeline.merge(d.timeline);
            mine.plus |= d.plus;
        } else if self.details.len() < MAX_DETAILS {
            self.details.push((k, d));
        }
    }

    /// Adds `other` into `self`.
    pub fn merge(&mut self, mut other: Summary) {
        self.settle();
        other.settle();
        self.lines += other.lines;
        self.blank += other.blank;
        self.directives += other.directives;
        self.records += other.records;
        self.filtered += other.filtered;
        self.malformed += other.malformed;
        for (a, b) in self.formats.iter_mut().zip(other.formats) {
            *a += b;
        }
        for (k, n) in other.codes {
            self.add_code(k, n);
        }
        self.lumped += other.lumped;
        if self.plain.is_empty() {
            self.plain = other.plain;
        } else {
            for (a, b) in self.plain.iter_mut().zip(other.plain) {
                *a += b;
            }
        }
        if self.iis_ok.is_empty() {
            self.iis_ok = other.iis_ok;
        } else {
            for (a, b) in self.iis_ok.iter_mut().zip(other.iis_ok) {
                *a += b;
            }
        }
        for (a, b) in self.classes.iter_mut().zip(other.classes) {
            *a += b;
        }
        self.timeline.merge(other.timeline);
        for (k, d) in other.details {
            self.add_detail(k, d);
        }
        self.first = min_opt(self.first, other.first);
        self.last_time = match (self.last_time, other.last_time) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.untimed += other.untimed;
        self.patterns.merge(&other.patterns);
        self.httperr += other.httperr;
        self.ftp += other.ftp;
        for (k, n) in other.httperr_reasons {
            add_capped(&mut self.httperr_reasons, k, n);
        }
        for (k, n) in other.ftp_commands {
            add_capped(&mut self.ftp_commands, k, n);
        }
        for (k, n) in other.ftp_replies {
            *self.ftp_replies.entry(k).or_insert(0) += n;
        }
        self.connections += other.connections;
        for (k, n) in other.connection_kinds {
            add_capped(&mut self.connection_kinds, k, n);
        }
        for (k, values) in other.causes {
            let mine = self.causes.entry(k).or_default();
            for (v, n) in values {
                if mine.len() < MAX_CAUSES || mine.contains_key(&v) {
                    *mine.entry(v).or_insert(0) += n;
                } else {
                    *mine.entry(Box::from(&b"(other)"[..])).or_insert(0) += n;
                }
            }
        }
        self.no_fields += other.no_fields;
    }

    /// Every (key, count), the cached key included, sorted by key.
    pub(crate) fn code_counts(&self) -> Vec<(Key, u64)> {
        let mut map = self.codes.clone();
        if let Some((k, n)) = self.last {
            *map.entry(k).or_insert(0) += n;
        }
        let mut v: Vec<(Key, u64)> = map.into_iter().collect();
        for (status, n) in self.plain.iter().enumerate().filter(|(_, n)| **n > 0) {
            let status = u16::try_from(status).unwrap_or(u16::MAX);
            v.push((
                Key {
                    status,
                    sub: None,
                    win32: None,
                },
                *n,
            ));
        }
        for (status, n) in self.iis_ok.iter().enumerate().filter(|(_, n)| **n > 0) {
            let status = u16::try_from(status).unwrap_or(u16::MAX);
            v.push((
                Key {
                    status,
                    sub: Some(0),
                    win32: Some(0),
                },
                *n,
            ));
        }
        v.sort_unstable();
        v
    }
}

fn min_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn bump(map: &mut FastMap<Box<[u8]>, u64>, key: &[u8]) {
    bump_n(map, key, MAX_OTHER);
}

fn bump_n(map: &mut FastMap<Box<[u8]>, u64>, key: &[u8], max: usize) {
    let key = &key[..key.len().min(64)];
    if let Some(n) = map.get_mut(key) {
        *n += 1;
    } else if map.len() < max {
        map.insert(key.into(), 1);
    } else {
        *map.entry(Box::from(&b"(other)"[..])).or_insert(0) += 1;
    }
}

pub(crate) fn add_capped(map: &mut FastMap<Box<[u8]>, u64>, key: Box<[u8]>, n: u64) {
    if map.len() < MAX_OTHER || map.contains_key(&key) {
        *map.entry(key).or_insert(0) += n;
    } else {
        *map.entry(Box::from(&b"(other)"[..])).or_insert(0) += n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(status: u16, path: &'static str, t: i64) -> Record<'static> {
        Record {
            status,
            path: Some(path.as_bytes()),
            client: Some(b"c"),
            time: Some(t),
            ..Record::default()
        }
    }

    #[test]
    fn merge_equals_one_pass() {
        let recs = [
            rec(200, "/", 0),
            rec(404, "/a", 10),
            rec(404, "/b", 70),
            rec(200, "/", 80),
            rec(503, "/x", 5000),
        ];
        let mut whole = Summary::default();
        for r in &recs {
            whole.observe(r);
        }
        let mut a = Summary::default();
        let mut b = Summary::default();
        for r in &recs[..2] {
            a.observe(r);
        }
        for r in &recs[2..] {
            b.observe(r);
        }
        a.merge(b);
        assert_eq!(a.code_counts(), whole.code_counts());
        assert_eq!(a.classes, whole.classes);
        assert_eq!(a.timeline.series(60), whole.timeline.series(60));
        assert_eq!(a.count(404), 2);
        assert_eq!((a.first, a.last_time), (Some(0), Some(5000)));
        let d = a.detail(404, None).map(|d| d.paths.top(5).len());
        assert_eq!(d, Some(2));
    }

    #[test]
    fn iis_keys_counted_apart_and_merged() {
        let iis = |status: u16, sub: u16, win32: u32| Record {
            status,
            sub: Some(sub),
            win32: Some(win32),
            ..rec(status, "/", 0)
        };
        let recs = [
            iis(200, 0, 0),
            iis(304, 0, 0),
            iis(200, 0, 0),
            iis(404, 0, 2),
            iis(401, 2, 5),
            iis(200, 0, 64),
            iis(404, 0, 0),
            rec(200, "/", 0),
        ];
        let mut whole = Summary::default();
        for r in &recs {
            whole.observe(r);
        }
        let mut a = Summary::default();
        let mut b = Summary::default();
        for r in &recs[..3] {
            a.observe(r);
        }
        for r in &recs[3..] {
            b.observe(r);
        }
        a.merge(b);
        let key = |status, sub, win32| Key { status, sub, win32 };
        let expected = vec![
            (key(200, None, None), 1),
            (key(200, Some(0), Some(0)), 2),
            (key(200, Some(0), Some(64)), 1),
            (key(304, Some(0), Some(0)), 1),
            (key(401, Some(2), Some(5)), 1),
            (key(404, Some(0), Some(0)), 1),
            (key(404, Some(0), Some(2)), 1),
        ];
        assert_eq!(whole.code_counts(), expected);
        assert_eq!(a.code_counts(), expected);
        assert_eq!((a.count(200), a.count(404)), (4, 2));
    }

    #[test]
    fn classes() {
        assert_eq!(class_index(100), 0);
        assert_eq!(class_index(599), 4);
        assert_eq!(class_index(0), 5);
        assert_eq!(class_index(600), 5);
        assert!(is_error(404) && is_error(0) && !is_error(304));
    }
}
