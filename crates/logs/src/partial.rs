//! Partial reports: an [`Analysis`] written to a file (`httpstatus logs --partial FILE`) and read
//! back, so that logs counted on many machines are merged into one report
//! (`httpstatus logs merge PARTIAL...`).
//!
//! The file is one JSON object (documented in `crates/logs/DOCS.md`), versioned by
//! `"format": "httpstatus-logs-partial"` and `"version"`: a reader refuses any other version
//! rather than guess. It holds the merged [`crate::Summary`] (exact counts, capped top lists with
//! the sum of the counts they dropped, timelines at their own bucket width), the inputs, the input
//! errors, the first malformed lines and the filters. Byte strings from the logs (paths, clients,
//! HTTPERR reasons) are JSON strings when they are UTF-8, else arrays of byte values.
//!
//! Merging partials is the same operation as merging the blocks of one run, so a merged report
//! equals one run over all the inputs: every count exactly; top lists exactly while no list
//! passed its cap, else within the bound documented in `topk`; the Windows handshake and
//! challenge patterns are followed within a block, so they stay lower bounds.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};

use crate::analyze::{Analysis, InputError, InputSummary, Located};
use crate::filter::{Filters, StatusFilter, TimeBound};
use crate::format::Format;
use crate::input::Compression;
use crate::record::CauseKind;
use crate::summary::{add_capped, Detail, Example, Key, Summary, TOP_CAP};
use crate::timeline::{Bucket, Timeline};
use crate::topk::TopK;

/// The `format` of every partial report.
pub const PARTIAL_FORMAT: &str = "httpstatus-logs-partial";
/// The version this build writes and reads.
pub const PARTIAL_VERSION: u32 = 1;

/// A byte string from a log: text when it is UTF-8, else its bytes.
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum Bytes {
    Text(String),
    Raw(Vec<u8>),
}

impl Bytes {
    fn new(b: &[u8]) -> Bytes {
        match std::str::from_utf8(b) {
            Ok(s) => Bytes::Text(s.to_string()),
            Err(_) => Bytes::Raw(b.to_vec()),
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match self {
            Bytes::Text(s) => s.as_bytes(),
            Bytes::Raw(b) => b,
        }
    }
}

#[derive(Debug, Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    format: String,
    version: u32,
    filters: FiltersDoc,
    inputs: Vec<InputDoc>,
    errors: Vec<InputError>,
    malformed_examples: Vec<ExampleDoc>,
    summary: SummaryDoc,
}

#[derive(Debug, Serialize, Deserialize)]
struct FiltersDoc {
    status: Option<String>,
    since: Option<BoundDoc>,
    until: Option<BoundDoc>,
    paths: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct BoundDoc {
    at: i64,
    text: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct InputDoc {
    name: String,
    format: Option<String>,
    compression: Compression,
    lines: u64,
    records: u64,
    other: u64,
    malformed: u64,
    error: Option<String>,
    /// What was tried when nothing of the input could be read (absent when all was read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hint: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct ExampleDoc {
    input: String,
    line: u64,
    reason: String,
    text: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct SummaryDoc {
    lines: u64,
    blank: u64,
    directives: u64,
    records: u64,
    filtered: u64,
    malformed: u64,
    formats: BTreeMap<String, u64>,
    codes: Vec<CodeDoc>,
    lumped: u64,
    classes: [u64; 6],
    timeline: TimelineDoc<[u64; 6]>,
    details: Vec<DetailDoc>,
    first_time: Option<i64>,
    last_time: Option<i64>,
    untimed: u64,
    patterns: PatternsDoc,
    httperr: u64,
    httperr_reasons: Vec<(Bytes, u64)>,
    ftp: u64,
    ftp_replies: Vec<(u16, u64)>,
    ftp_commands: Vec<(Bytes, u64)>,
    /// Lines that are connections, not HTTP requests (NLB TLS, Classic ELB TCP), by kind.
    #[serde(default)]
    connections: u64,
    #[serde(default)]
    connection_kinds: Vec<(Bytes, u64)>,
    /// Causes the log gives for a status: (status, kind, [(value, count)]).
    #[serde(default)]
    causes: Vec<CauseDoc>,
    /// IIS W3C lines read by shape, without a `#Fields` line.
    #[serde(default)]
    no_fields: u64,
}

/// The causes a log gave for one status: (status, cause kind token, [(value, count)]).
type CauseDoc = (u16, String, Vec<(Bytes, u64)>);

#[derive(Debug, Serialize, Deserialize)]
struct CodeDoc {
    status: u16,
    sub: Option<u16>,
    win32: Option<u32>,
    count: u64,
}

#[derive(Debug, Serialize, Deserialize)]
struct TimelineDoc<V> {
    bucket_seconds: i64,
    buckets: Vec<(i64, V)>,
}

#[derive(Debug, Serialize, Deserialize)]
struct TopDoc {
    dropped: u64,
    keys: Vec<(Bytes, u64)>,
}

#[derive(Debug, Serialize, Deserialize)]
struct DetailDoc {
    status: u16,
    sub: Option<u16>,
    plus: bool,
    paths: TopDoc,
    clients: TopDoc,
    timeline: TimelineDoc<u64>,
}

#[derive(Debug, Serialize, Deserialize)]
struct PatternsDoc {
    auth_401_2: u64,
    auth_401_1: u64,
    handshakes: u64,
    challenges: u64,
    gave_up: u64,
    closed: u64,
    probes: u64,
    tls: u64,
    disconnects: u64,
}

fn top_doc(t: &TopK) -> TopDoc {
    let (keys, dropped) = t.to_parts();
    TopDoc {
        dropped,
        keys: keys.into_iter().map(|(k, n)| (Bytes::new(k), n)).collect(),
    }
}

fn top_from(d: &TopDoc) -> TopK {
    TopK::from_parts(
        TOP_CAP,
        d.keys.iter().map(|(k, n)| (k.as_bytes(), *n)),
        d.dropped,
    )
}

fn timeline_doc<V: Bucket>(t: &Timeline<V>) -> TimelineDoc<V> {
    let (bucket_seconds, buckets) = t.to_parts();
    TimelineDoc {
        bucket_seconds,
        buckets,
    }
}

fn timeline_from<V: Bucket>(d: &TimelineDoc<V>) -> Result<Timeline<V>, String> {
    Timeline::from_parts(d.bucket_seconds, &d.buckets).ok_or_else(|| {
        format!(
            "bucket_seconds {} is not one of the timeline widths",
            d.bucket_seconds
        )
    })
}

fn summary_doc(s: &Summary) -> SummaryDoc {
    SummaryDoc {
        lines: s.lines,
        blank: s.blank,
        directives: s.directives,
        records: s.records,
        filtered: s.filtered,
        malformed: s.malformed,
        formats: Format::ALL
            .iter()
            .filter_map(|f| {
                let n = s.formats.get(*f as usize).copied().unwrap_or(0);
                (n > 0).then(|| (f.token().to_string(), n))
            })
            .collect(),
        codes: s
            .code_counts()
            .into_iter()
            .map(|(k, count)| CodeDoc {
                status: k.status,
                sub: k.sub,
                win32: k.win32,
                count,
            })
            .collect(),
        lumped: s.lumped,
        classes: s.classes,
        timeline: timeline_doc(&s.timeline),
        details: {
            // In code order, not in the order first seen (which on several threads depends on
            // which block finished first): the same log gives the same partial.
            let mut v: Vec<DetailDoc> = s
                .details
                .iter()
                .map(|((status, sub), d)| DetailDoc {
                    status: *status,
                    sub: *sub,
                    plus: d.plus,
                    paths: top_doc(&d.paths),
                    clients: top_doc(&d.clients),
                    timeline: timeline_doc(&d.timeline),
                })
                .collect();
            v.sort_unstable_by_key(|d| (d.status, d.sub));
            v
        },
        first_time: s.first,
        last_time: s.last_time,
        untimed: s.untimed,
        patterns: PatternsDoc {
            auth_401_2: s.patterns.auth_401_2,
            auth_401_1: s.patterns.auth_401_1,
            handshakes: s.patterns.handshakes,
            challenges: s.patterns.challenges,
            gave_up: s.patterns.gave_up,
            closed: s.patterns.closed,
            probes: s.patterns.probes,
            tls: s.patterns.tls,
            disconnects: s.patterns.disconnects,
        },
        httperr: s.httperr,
        httperr_reasons: sorted_bytes(s.httperr_reasons.iter().map(|(k, n)| (&k[..], *n))),
        ftp: s.ftp,
        ftp_replies: {
            let mut v: Vec<(u16, u64)> = s.ftp_replies.iter().map(|(k, n)| (*k, *n)).collect();
            v.sort_unstable();
            v
        },
        ftp_commands: sorted_bytes(s.ftp_commands.iter().map(|(k, n)| (&k[..], *n))),
        connections: s.connections,
        connection_kinds: sorted_bytes(s.connection_kinds.iter().map(|(k, n)| (&k[..], *n))),
        causes: {
            let mut v: Vec<CauseDoc> = s
                .causes
                .iter()
                .map(|((status, kind), values)| {
                    (
                        *status,
                        kind.token().to_owned(),
                        sorted_bytes(values.iter().map(|(k, n)| (&k[..], *n))),
                    )
                })
                .collect();
            v.sort_unstable_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
            v
        },
        no_fields: s.no_fields,
    }
}

fn sorted_bytes<'k>(it: impl Iterator<Item = (&'k [u8], u64)>) -> Vec<(Bytes, u64)> {
    let mut v: Vec<(&[u8], u64)> = it.collect();
    v.sort_unstable();
    v.into_iter().map(|(k, n)| (Bytes::new(k), n)).collect()
}

/// More lines than this in one partial is not a real log (2^48: 280 trillion lines); with every
/// count bounded by it, merging up to 65,536 partials cannot overflow a counter.
const MAX_LINES: u64 = 1 << 48;

/// The counts of a partial add up as they do in a run: every line is a blank line, a directive,
/// a malformed line, a filtered one, a request, an HTTPERR or an FTP entry; the requests are
/// split exactly between codes, between classes, and between timeline buckets and untimed; no top
/// list holds more than its code's requests. A hand-edited or damaged file is refused, so a merge
/// never overflows or shows counts that contradict each other.
fn check_counts(d: &SummaryDoc) -> Result<(), String> {
    let bad = |what: &str| Err(format!("the counts do not add up ({what})"));
    if d.lines > MAX_LINES {
        return bad("more lines than any log has");
    }
    let parts = [
        d.blank,
        d.directives,
        d.malformed,
        d.filtered,
        d.records,
        d.httperr,
        d.ftp,
        d.connections,
    ];
    if checked_sum(parts) != Some(d.lines) {
        return bad("lines");
    }
    let codes = checked_sum(d.codes.iter().map(|c| c.count).chain([d.lumped]));
    if codes != Some(d.records) {
        return bad("codes");
    }
    if checked_sum(d.classes.iter().copied()) != Some(d.records) {
        return bad("classes");
    }
    let timed = checked_sum(
        d.timeline
            .buckets
            .iter()
            .flat_map(|(_, v)| v.iter().copied()),
    );
    if timed.and_then(|t| t.checked_add(d.untimed)) != Some(d.records) {
        return bad("timeline");
    }
    for dd in &d.details {
        for top in [&dd.paths, &dd.clients] {
            let n = checked_sum(top.keys.iter().map(|(_, n)| *n).chain([top.dropped]));
            if n.is_none_or(|n| n > d.records) {
                return bad("top lists");
            }
        }
        let n = checked_sum(dd.timeline.buckets.iter().map(|(_, n)| *n));
        if n.is_none_or(|n| n > d.records) {
            return bad("timelines");
        }
    }
    let other = [
        checked_sum(d.httperr_reasons.iter().map(|(_, n)| *n)).filter(|n| *n <= d.httperr),
        checked_sum(d.ftp_commands.iter().map(|(_, n)| *n)).filter(|n| *n <= d.ftp),
        checked_sum(d.ftp_replies.iter().map(|(_, n)| *n)).filter(|n| *n <= d.ftp),
        checked_sum(d.connection_kinds.iter().map(|(_, n)| *n)).filter(|n| *n <= d.connections),
        checked_sum(
            d.causes
                .iter()
                .flat_map(|(_, _, v)| v.iter().map(|(_, n)| *n)),
        )
        .filter(|n| *n <= d.records),
        Some(d.no_fields).filter(|n| *n <= d.lines),
    ];
    if other.iter().any(Option::is_none) {
        return bad("HTTPERR and FTP");
    }
    let p = &d.patterns;
    let patterns = [
        p.auth_401_2,
        p.auth_401_1,
        p.handshakes,
        p.challenges,
        p.gave_up,
        p.closed,
        p.probes,
        p.tls,
        p.disconnects,
    ];
    if patterns.iter().any(|n| *n > d.records) {
        return bad("patterns");
    }
    Ok(())
}

fn checked_sum(it: impl IntoIterator<Item = u64>) -> Option<u64> {
    it.into_iter().try_fold(0u64, u64::checked_add)
}

fn summary_from(d: &SummaryDoc) -> Result<Summary, String> {
    check_counts(d)?;
    let mut s = Summary::default();
    s.lines = d.lines;
    s.blank = d.blank;
    s.directives = d.directives;
    s.records = d.records;
    s.filtered = d.filtered;
    s.malformed = d.malformed;
    s.lumped = d.lumped;
    s.classes = d.classes;
    s.timeline = timeline_from(&d.timeline)?;
    s.first = d.first_time;
    s.last_time = d.last_time;
    s.untimed = d.untimed;
    s.httperr = d.httperr;
    s.ftp = d.ftp;
    for (name, n) in &d.formats {
        let f = Format::from_token(name)
            .filter(|f| f.token() == name)
            .ok_or_else(|| format!("unknown format {name:?}"))?;
        if let Some(slot) = s.formats.get_mut(f as usize) {
            *slot += n;
        }
    }
    for c in &d.codes {
        // Through the usual path, so the cap on distinct keys holds for any file.
        s.add_code(
            Key {
                status: c.status,
                sub: c.sub,
                win32: c.win32,
            },
            c.count,
        );
    }
    for dd in &d.details {
        s.add_detail(
            (dd.status, dd.sub),
            Detail {
                paths: top_from(&dd.paths),
                clients: top_from(&dd.clients),
                timeline: timeline_from(&dd.timeline)?,
                plus: dd.plus,
            },
        );
    }
    let p = &d.patterns;
    let patterns = &mut s.patterns;
    patterns.auth_401_2 = p.auth_401_2;
    patterns.auth_401_1 = p.auth_401_1;
    patterns.handshakes = p.handshakes;
    patterns.challenges = p.challenges;
    patterns.gave_up = p.gave_up;
    patterns.closed = p.closed;
    patterns.probes = p.probes;
    patterns.tls = p.tls;
    patterns.disconnects = p.disconnects;
    for (k, n) in &d.httperr_reasons {
        add_capped(&mut s.httperr_reasons, k.as_bytes().into(), *n);
    }
    for (k, n) in &d.ftp_commands {
        add_capped(&mut s.ftp_commands, k.as_bytes().into(), *n);
    }
    for (k, n) in &d.ftp_replies {
        *s.ftp_replies.entry(*k).or_insert(0) += n;
    }
    s.connections = d.connections;
    for (k, n) in &d.connection_kinds {
        add_capped(&mut s.connection_kinds, k.as_bytes().into(), *n);
    }
    for (status, kind, values) in &d.causes {
        let kind =
            CauseKind::from_token(kind).ok_or_else(|| format!("unknown cause kind {kind:?}"))?;
        let mine = s.causes.entry((*status, kind)).or_default();
        for (k, n) in values {
            add_capped(mine, k.as_bytes().into(), *n);
        }
    }
    s.no_fields = d.no_fields;
    Ok(s)
}

impl Analysis {
    /// Writes this analysis as a partial report (JSON, see the module documentation).
    pub fn write_partial(&self, w: &mut dyn Write) -> io::Result<()> {
        let f = &self.filters;
        let bound = |b: &Option<TimeBound>| {
            b.as_ref().map(|b| BoundDoc {
                at: b.at,
                text: b.text.clone(),
            })
        };
        let doc = Doc {
            format: PARTIAL_FORMAT.to_string(),
            version: PARTIAL_VERSION,
            filters: FiltersDoc {
                status: f.status.as_ref().map(|s| s.text().to_string()),
                since: bound(&f.since),
                until: bound(&f.until),
                paths: f.paths.clone(),
            },
            inputs: self
                .inputs
                .iter()
                .map(|i| InputDoc {
                    name: i.name.clone(),
                    format: i.format.map(|f| f.token().to_string()),
                    compression: i.compression,
                    lines: i.lines,
                    records: i.records,
                    other: i.other,
                    malformed: i.malformed,
                    error: i.error.clone(),
                    hint: i.hint.clone(),
                })
                .collect(),
            errors: self.errors.clone(),
            malformed_examples: self
                .examples
                .iter()
                .map(|l| ExampleDoc {
                    input: l.input.clone(),
                    line: l.example.line,
                    reason: l.example.reason.to_string(),
                    text: l.example.text.clone(),
                })
                .collect(),
            summary: summary_doc(&self.summary),
        };
        serde_json::to_writer(&mut *w, &doc).map_err(io::Error::other)?;
        w.write_all(b"\n")
    }

    /// Reads the partial reports in a file or stream (plain, gzip or zstd): one per line, as
    /// [`Analysis::write_partial`] writes them, so concatenated partials are read one by one.
    /// Each error is one line, in lower case, without the file name.
    pub fn read_partials(r: impl Read + Send) -> Vec<Result<Analysis, String>> {
        let text = match crate::input::decode(r).and_then(|(mut r, _)| {
            let mut text = Vec::new();
            r.read_to_end(&mut text).map(|_| text)
        }) {
            Ok(t) => t,
            Err(e) => return vec![Err(crate::input::io_message(&e))],
        };
        let mut parts: Vec<Result<Analysis, String>> = Vec::new();
        for line in text.split(|b| *b == b'\n') {
            if line.trim_ascii().is_empty() {
                continue;
            }
            let one = read_one(line);
            let stop = one.is_err();
            parts.push(one);
            // One error per file: the lines after a bad one are not read.
            if stop {
                break;
            }
        }
        if parts.is_empty() {
            return vec![Err("empty: no partial report in it".to_string())];
        }
        parts
    }

    /// Adds another analysis (of other inputs) into this one, as if both had been read in one
    /// run. Refused when the filters differ: the counts would not mean the same thing.
    pub fn merge(&mut self, other: Analysis) -> Result<(), String> {
        if self.filters != other.filters {
            return Err(format!(
                "made with other filters ({}) than the partials before it ({}): merge partials made with the same --status, --since, --until and --path",
                describe(&other.filters),
                describe(&self.filters)
            ));
        }
        self.summary.merge(other.summary);
        self.inputs.extend(other.inputs);
        self.errors.extend(other.errors);
        self.examples.extend(other.examples);
        Ok(())
    }
}

fn read_one(text: &[u8]) -> Result<Analysis, String> {
    let not_partial = || {
        format!(
            "not a partial report (write one with httpstatus logs --partial FILE; expected \"format\": \"{PARTIAL_FORMAT}\")"
        )
    };
    let header: Header = serde_json::from_slice(text).map_err(|_| not_partial())?;
    if header.format.as_deref() != Some(PARTIAL_FORMAT) {
        return Err(not_partial());
    }
    match header.version {
        Some(PARTIAL_VERSION) => {}
        Some(v) => {
            return Err(format!(
                "partial report version {v}, but this httpstatus reads version {PARTIAL_VERSION} only: merge with the release that wrote it"
            ))
        }
        None => {
            return Err(format!(
                "partial report without a version (this httpstatus reads version {PARTIAL_VERSION})"
            ))
        }
    }
    let doc: Doc = serde_json::from_slice(text)
        .map_err(|e| format!("damaged partial report (version {PARTIAL_VERSION}): {e}"))?;
    from_doc(doc).map_err(|e| format!("damaged partial report: {e}"))
}

fn describe(f: &Filters) -> String {
    let mut parts = Vec::new();
    if let Some(s) = &f.status {
        parts.push(format!("--status {}", s.text()));
    }
    if let Some(b) = &f.since {
        parts.push(format!("--since {}", b.text));
    }
    if let Some(b) = &f.until {
        parts.push(format!("--until {}", b.text));
    }
    for p in &f.paths {
        parts.push(format!("--path {p}"));
    }
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(" ")
    }
}

fn from_doc(doc: Doc) -> Result<Analysis, String> {
    let f = doc.filters;
    let bound = |b: Option<BoundDoc>| {
        b.map(|b| TimeBound {
            at: b.at,
            text: b.text,
        })
    };
    let filters = Filters {
        status: f
            .status
            .as_deref()
            .map(str::parse::<StatusFilter>)
            .transpose()
            .map_err(|e| format!("filters: {e}"))?,
        since: bound(f.since),
        until: bound(f.until),
        paths: f.paths,
    };
    let mut inputs = Vec::with_capacity(doc.inputs.len());
    for i in doc.inputs {
        let format = match &i.format {
            None => None,
            Some(name) => Some(
                Format::from_token(name)
                    .filter(|f| f.token() == name)
                    .ok_or_else(|| format!("unknown format {name:?}"))?,
            ),
        };
        inputs.push(InputSummary {
            name: i.name,
            format,
            compression: i.compression,
            lines: i.lines,
            records: i.records,
            other: i.other,
            malformed: i.malformed,
            error: i.error,
            hint: i.hint,
        });
    }
    let examples = doc
        .malformed_examples
        .into_iter()
        .map(|e| Located {
            input: e.input,
            example: Example {
                block: 0,
                line: e.line,
                reason: Cow::Owned(e.reason),
                text: e.text,
            },
        })
        .collect();
    Ok(Analysis {
        summary: summary_from(&doc.summary)?,
        inputs,
        errors: doc.errors,
        filters,
        examples,
    })
}
