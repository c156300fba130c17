//! The report: the merged [`Summary`] turned into plain data, every code explained from the
//! registry in one language, the known patterns named. It is what `--json` prints (a stable,
//! documented schema: `crates/logs/schema/report.schema.json`), and what the other renderers read.

use std::collections::BTreeMap;

use httpstatus_codes::{Class, Entry, Lang, Namespace, Text};
use serde::Serialize;

use crate::analyze::{Analysis, InputError, InputSummary};
use crate::explain;
use crate::format::Format;
use crate::record::CauseKind;
use crate::summary::class_index;
use crate::time::format_rfc3339;
use crate::timeline::width_for;

/// The schema identifier in every JSON report.
pub const SCHEMA: &str = "httpstatus-logs/1";

/// How to build a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportOptions {
    /// The language of the explanations.
    pub lang: Lang,
    /// How many top paths and clients per error code.
    pub top: usize,
    /// The bucket width of the timelines in seconds; `None` picks one for about 60 buckets.
    pub bucket: Option<i64>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            lang: Lang::En,
            top: 10,
            bucket: None,
        }
    }
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// `httpstatus-logs/1`.
    pub schema: &'static str,
    /// `en` or `th`.
    pub lang: &'static str,
    /// What was read from each input.
    pub inputs: Vec<InputSummary>,
    /// Inputs that could not be read, or not to the end.
    pub errors: Vec<InputError>,
    /// Every line read.
    pub lines: u64,
    /// HTTP requests counted (after filters).
    pub records: u64,
    /// Requests that the filters left out.
    pub filtered: u64,
    /// Lines that could not be read.
    pub malformed: u64,
    /// W3C directives and other `#` lines.
    pub directives: u64,
    /// Empty lines.
    pub blank: u64,
    /// Lines read in each format.
    pub formats: BTreeMap<Format, u64>,
    /// The earliest and latest times seen (RFC 3339, UTC), if any.
    pub first_time: Option<String>,
    /// See `first_time`.
    pub last_time: Option<String>,
    /// Requests without a readable time (not in the timelines).
    pub untimed: u64,
    /// The filters applied.
    pub filters: FilterRow,
    /// Requests by class.
    pub classes: Vec<ClassRow>,
    /// Requests by status and IIS sub-status, most frequent first.
    pub codes: Vec<CodeRow>,
    /// Requests whose (status, sub-status, Win32) key was past the cap of distinct keys.
    pub lumped: u64,
    /// Requests over time, by class.
    pub timeline: TimeSeries,
    /// The paths with the most 4xx and 5xx responses, over every error code.
    pub top_failing_paths: Vec<Count>,
    /// Known patterns found.
    pub patterns: Vec<PatternRow>,
    /// IIS HTTPERR (http.sys) entries: not HTTP statuses of served requests.
    pub httperr: Option<OtherLog>,
    /// IIS FTP entries: FTP reply codes, not HTTP statuses.
    pub ftp: Option<OtherLog>,
    /// Failures by status and the cause the log gives (ALB `error_reason`, HAProxy termination
    /// state, Envoy response flags, upstream status ...), most frequent first within a status.
    pub causes: Vec<CauseRow>,
    /// Connections logged by TCP/TLS listeners (AWS NLB TLS, Classic ELB TCP): not HTTP.
    pub connections: Option<OtherLog>,
    /// Things to know about how the logs were read (W3C lines without `#Fields` ...).
    pub notes: Vec<NoteRow>,
    /// The first malformed lines of each input.
    pub malformed_examples: Vec<MalformedRow>,
}

/// The filters, as given.
#[derive(Debug, Clone, Serialize)]
pub struct FilterRow {
    /// `--status`.
    pub status: Option<String>,
    /// `--since`, RFC 3339.
    pub since: Option<String>,
    /// `--until`, RFC 3339.
    pub until: Option<String>,
    /// `--path` prefixes.
    pub paths: Vec<String>,
}

/// One class.
#[derive(Debug, Clone, Serialize)]
pub struct ClassRow {
    /// `1xx` .. `5xx`, or `non-standard`.
    pub class: &'static str,
    /// The class's name.
    pub name: &'static str,
    /// Requests.
    pub count: u64,
    /// Share of all requests counted, 0–100.
    pub percent: f64,
}

/// One status (with its IIS sub-status, if any).
#[derive(Debug, Clone, Serialize)]
pub struct CodeRow {
    /// The HTTP status.
    pub status: u16,
    /// The IIS sub-status, or null.
    pub sub: Option<u16>,
    /// `404`, `404.2`.
    pub code: String,
    /// `1xx` .. `5xx`, or `non-standard`.
    pub class: &'static str,
    /// Requests.
    pub count: u64,
    /// Share of all requests counted, 0–100.
    pub percent: f64,
    /// The registry entry that explains it (`404`, `403.14`, `nginx:499`), if one does.
    pub id: Option<&'static str>,
    /// The namespace of that entry (`iana`, `iis`, `nginx` ...).
    pub namespace: Option<&'static str>,
    /// A short title.
    pub title: String,
    /// One line: what it means.
    pub explanation: String,
    /// IIS Win32 status codes seen with it, most frequent first.
    pub win32: Vec<Win32Row>,
    /// For errors: the paths that got it, most frequent first.
    pub top_paths: Vec<Count>,
    /// For errors: the clients that got it.
    pub top_clients: Vec<Count>,
    /// For errors: when it happened, in the report's bucket width.
    pub timeline: Vec<Point>,
    /// For errors: the busiest bucket.
    pub peak: Option<Point>,
    /// Whether the top lists are approximate (too many distinct paths or clients to keep all).
    pub approximate: bool,
}

/// A Win32 status with its count.
#[derive(Debug, Clone, Serialize)]
pub struct Win32Row {
    /// The Win32 code (unsigned 32-bit, as IIS logs it).
    pub code: u32,
    /// The constant's name, when known (`ERROR_FILE_NOT_FOUND`).
    pub name: Option<&'static str>,
    /// What it means, when known.
    pub explanation: Option<&'static str>,
    /// Requests.
    pub count: u64,
}

/// A value with a count.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Count {
    /// The value (a path, a client address, a reason ...).
    pub value: String,
    /// How many.
    pub count: u64,
}

/// A bucket of one error code's timeline.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Point {
    /// Bucket start, RFC 3339.
    pub start: String,
    /// Requests in the bucket.
    pub count: u64,
}

/// Requests over time, by class.
#[derive(Debug, Clone, Serialize)]
pub struct TimeSeries {
    /// The bucket width, in seconds.
    pub bucket_seconds: i64,
    /// The buckets that have requests, in time order.
    pub buckets: Vec<ClassBucket>,
}

/// One bucket of the class timeline.
#[derive(Debug, Clone, Serialize)]
pub struct ClassBucket {
    /// Bucket start, RFC 3339.
    pub start: String,
    /// Bucket start, Unix seconds.
    #[serde(skip)]
    pub t: i64,
    /// 1xx requests.
    #[serde(rename = "1xx")]
    pub c1: u64,
    /// 2xx requests.
    #[serde(rename = "2xx")]
    pub c2: u64,
    /// 3xx requests.
    #[serde(rename = "3xx")]
    pub c3: u64,
    /// 4xx requests.
    #[serde(rename = "4xx")]
    pub c4: u64,
    /// 5xx requests.
    #[serde(rename = "5xx")]
    pub c5: u64,
    /// Non-standard codes.
    #[serde(rename = "non-standard")]
    pub other: u64,
}

impl ClassBucket {
    /// The counts, 1xx to non-standard.
    pub fn counts(&self) -> [u64; 6] {
        [self.c1, self.c2, self.c3, self.c4, self.c5, self.other]
    }
}

/// A known pattern found in the logs.
#[derive(Debug, Clone, Serialize)]
pub struct PatternRow {
    /// A stable identifier: `windows-auth-handshake`, `client-gave-up` ...
    pub id: &'static str,
    /// `normal` (nothing to fix), `notice` (worth a look) or `warning`.
    pub level: &'static str,
    /// A short title.
    pub title: &'static str,
    /// How many requests it concerns.
    pub count: u64,
    /// One or two sentences.
    pub detail: String,
}

/// HTTPERR or FTP entries.
#[derive(Debug, Clone, Serialize)]
pub struct OtherLog {
    /// Entries counted.
    pub entries: u64,
    /// What these logs are.
    pub note: &'static str,
    /// HTTPERR: by `s-reason`; FTP: by reply code. Most frequent first.
    pub rows: Vec<OtherRow>,
    /// FTP: by command.
    pub commands: Vec<Count>,
}

/// A row of an HTTPERR or FTP table.
#[derive(Debug, Clone, Serialize)]
pub struct OtherRow {
    /// The reason (HTTPERR) or the reply code (FTP).
    pub value: String,
    /// Entries.
    pub count: u64,
    /// What it means, when known.
    pub explanation: Option<&'static str>,
}

/// A failure's cause, as the log gives it.
#[derive(Debug, Clone, Serialize)]
pub struct CauseRow {
    /// The HTTP status (0 for none).
    pub status: u16,
    /// `502`, `000`.
    pub code: String,
    /// The log field: `alb-error-reason`, `alb-target`, `cloudfront-result`,
    /// `haproxy-termination`, `envoy-flags`, `upstream-status`, `origin-status`, `s3-error`.
    pub kind: &'static str,
    /// The value as logged (`TargetConnectionError`, `sH`, `UF,URX`, `502, 200`).
    pub value: String,
    /// Requests.
    pub count: u64,
    /// What it means, from the registry; null when the registry does not know the value.
    pub explanation: Option<String>,
}

/// Something to know about how the logs were read.
#[derive(Debug, Clone, Serialize)]
pub struct NoteRow {
    /// A stable identifier: `w3c-without-fields`.
    pub id: &'static str,
    /// One or two sentences.
    pub text: String,
}

/// A malformed line.
#[derive(Debug, Clone, Serialize)]
pub struct MalformedRow {
    /// The input.
    pub input: String,
    /// Its line number (1-based).
    pub line: u64,
    /// Why it could not be read.
    pub reason: std::borrow::Cow<'static, str>,
    /// The line (cut to 200 bytes; invalid UTF-8 replaced).
    pub text: String,
}

fn percent(n: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        (n as f64 * 1000.0 / total as f64).round() / 10.0
    }
}

/// A value from the log as text. In IIS paths `+` may stand for a space or be a real `+`: it is
/// shown as logged.
fn lossy(b: &[u8], _plus: bool) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const CLASS_TOKENS: [&str; 6] = ["1xx", "2xx", "3xx", "4xx", "5xx", "non-standard"];

fn class_of(index: usize) -> Class {
    match index {
        0 => Class::Informational,
        1 => Class::Success,
        2 => Class::Redirection,
        3 => Class::ClientError,
        4 => Class::ServerError,
        _ => Class::NonStandard,
    }
}

impl Report {
    /// Builds the report of an analysis.
    pub fn build(a: &Analysis, o: &ReportOptions) -> Report {
        let s = &a.summary;
        let lang = o.lang;
        let total = s.records;
        let classes = (0..6)
            .filter(|i| s.classes[*i] > 0 || *i < 5)
            .map(|i| ClassRow {
                class: CLASS_TOKENS[i],
                name: class_of(i).name().get(lang),
                count: s.classes[i],
                percent: percent(s.classes[i], total),
            })
            .collect();
        let span = match (s.first, s.last_time) {
            (Some(f), Some(l)) => l - f,
            _ => 0,
        };
        let width = o.bucket.map_or_else(
            || width_for(span, 60, s.timeline.width()),
            |b| width_for(0, 1, b.max(60)),
        );
        let width = width.max(s.timeline.width());
        let prefer = preferred_namespace(s.formats);

        // Codes: (status, sub) with their Win32 breakdown.
        type Win32Counts = BTreeMap<u32, u64>;
        let mut by_code: BTreeMap<(u16, Option<u16>), (u64, Win32Counts)> = BTreeMap::new();
        // `200` (NCSA, JSON) and `200.0` (IIS) are one code when both are seen.
        let counts = s.code_counts();
        let fold: std::collections::BTreeSet<u16> = counts
            .iter()
            .filter(|(k, _)| k.sub.is_none())
            .map(|(k, _)| k.status)
            .filter(|st| {
                counts
                    .iter()
                    .any(|(k, _)| k.status == *st && k.sub == Some(0))
            })
            .collect();
        for (k, n) in counts {
            let sub = if k.sub == Some(0) && fold.contains(&k.status) {
                None
            } else {
                k.sub
            };
            let e = by_code.entry((k.status, sub)).or_default();
            e.0 += n;
            if let Some(w) = k.win32 {
                *e.1.entry(w).or_insert(0) += n;
            }
        }
        let mut codes: Vec<CodeRow> = by_code
            .into_iter()
            .map(|((status, sub), (count, win32))| {
                let (entry, title, explanation) = explain_code(status, sub, prefer, lang);
                let mut win32: Vec<Win32Row> = win32
                    .into_iter()
                    .map(|(code, count)| {
                        let known = explain::win32(code);
                        Win32Row {
                            code,
                            name: known.map(|k| k.0),
                            explanation: known.map(|k| k.1.get(lang)),
                            count,
                        }
                    })
                    .collect();
                win32.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
                let mut row = CodeRow {
                    status,
                    sub,
                    code: match sub {
                        Some(sub) => format!("{status:03}.{sub}"),
                        None => format!("{status:03}"),
                    },
                    class: CLASS_TOKENS[class_index(status)],
                    count,
                    percent: percent(count, total),
                    id: entry.map(|e| e.id),
                    namespace: entry.map(|e| e.namespace.token()),
                    title,
                    explanation,
                    win32,
                    top_paths: Vec::new(),
                    top_clients: Vec::new(),
                    timeline: Vec::new(),
                    peak: None,
                    approximate: false,
                };
                let folded = (sub.is_none() && fold.contains(&status)).then(|| {
                    let mut d = s.detail(status, None).cloned().unwrap_or_default();
                    if let Some(other) = s.detail(status, Some(0)) {
                        d.paths.merge(other.paths.clone());
                        d.clients.merge(other.clients.clone());
                        d.timeline.merge(other.timeline.clone());
                    }
                    d
                });
                if let Some(d) = folded.as_ref().or_else(|| s.detail(status, sub)) {
                    row.top_paths = d
                        .paths
                        .top(o.top)
                        .into_iter()
                        .map(|(k, n)| Count {
                            value: lossy(k, d.plus),
                            count: n,
                        })
                        .collect();
                    row.top_clients = d
                        .clients
                        .top(o.top)
                        .into_iter()
                        .map(|(k, n)| Count {
                            value: lossy(k, false),
                            count: n,
                        })
                        .collect();
                    row.timeline = d
                        .timeline
                        .series(width)
                        .into_iter()
                        .map(|(t, n)| Point {
                            start: format_rfc3339(t),
                            count: n,
                        })
                        .collect();
                    row.peak = row
                        .timeline
                        .iter()
                        .max_by(|a, b| a.count.cmp(&b.count).then(b.start.cmp(&a.start)))
                        .cloned();
                    row.approximate = d.paths.approximate() || d.clients.approximate();
                }
                row
            })
            .collect();
        codes.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(a.status.cmp(&b.status))
                .then(a.sub.cmp(&b.sub))
        });

        let buckets: Vec<ClassBucket> = s
            .timeline
            .series(width)
            .into_iter()
            .map(|(t, v)| ClassBucket {
                start: format_rfc3339(t),
                t,
                c1: v[0],
                c2: v[1],
                c3: v[2],
                c4: v[3],
                c5: v[4],
                other: v[5],
            })
            .collect();

        let mut failing: BTreeMap<String, u64> = BTreeMap::new();
        for ((status, _), d) in &s.details {
            if (400..600).contains(status) {
                for (k, n) in d.paths.top(50) {
                    *failing.entry(lossy(k, d.plus)).or_insert(0) += n;
                }
            }
        }
        let mut top_failing_paths: Vec<Count> = failing
            .into_iter()
            .map(|(value, count)| Count { value, count })
            .collect();
        top_failing_paths.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        top_failing_paths.truncate(o.top);

        let patterns = patterns(a, &buckets, lang);
        let httperr = (s.httperr > 0).then(|| {
            let mut rows: Vec<OtherRow> = s
                .httperr_reasons
                .iter()
                .map(|(k, n)| {
                    let value = lossy(k, false);
                    let explanation = explain::httperr(&value).map(|t| t.get(lang));
                    OtherRow {
                        value,
                        count: *n,
                        explanation,
                    }
                })
                .collect();
            rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            OtherLog {
                entries: s.httperr,
                note: HTTPERR_NOTE.get(lang),
                rows,
                commands: Vec::new(),
            }
        });
        let ftp = (s.ftp > 0).then(|| {
            let mut rows: Vec<OtherRow> = s
                .ftp_replies
                .iter()
                .map(|(code, n)| OtherRow {
                    value: if *code == 0 {
                        "-".to_string()
                    } else {
                        format!("{code:03}")
                    },
                    count: *n,
                    explanation: explain::ftp(*code).map(|t| t.get(lang)),
                })
                .collect();
            rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            let mut commands: Vec<Count> = s
                .ftp_commands
                .iter()
                .map(|(k, n)| Count {
                    value: lossy(k, false),
                    count: *n,
                })
                .collect();
            commands.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            commands.truncate(o.top);
            OtherLog {
                entries: s.ftp,
                note: FTP_NOTE.get(lang),
                rows,
                commands,
            }
        });

        Report {
            schema: SCHEMA,
            lang: lang.token(),
            inputs: a.inputs.clone(),
            errors: a.errors.clone(),
            lines: s.lines,
            records: s.records,
            filtered: s.filtered,
            malformed: s.malformed,
            directives: s.directives,
            blank: s.blank,
            formats: Format::ALL
                .iter()
                .filter(|f| s.formats[f.index()] > 0)
                .map(|f| (*f, s.formats[f.index()]))
                .collect(),
            first_time: s.first.map(format_rfc3339),
            last_time: s.last_time.map(format_rfc3339),
            untimed: s.untimed,
            filters: FilterRow {
                status: a.filters.status.as_ref().map(|s| s.text().to_string()),
                since: a.filters.since.as_ref().map(|b| format_rfc3339(b.at)),
                until: a.filters.until.as_ref().map(|b| format_rfc3339(b.at)),
                paths: a.filters.paths.clone(),
            },
            classes,
            codes,
            lumped: s.lumped,
            timeline: TimeSeries {
                bucket_seconds: width,
                buckets,
            },
            top_failing_paths,
            patterns,
            httperr,
            ftp,
            causes: causes(a, lang),
            connections: (s.connections > 0).then(|| {
                let mut rows: Vec<OtherRow> = s
                    .connection_kinds
                    .iter()
                    .map(|(k, n)| OtherRow {
                        value: lossy(k, false),
                        count: *n,
                        explanation: None,
                    })
                    .collect();
                rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
                OtherLog {
                    entries: s.connections,
                    note: CONNECTIONS_NOTE.get(lang),
                    rows,
                    commands: Vec::new(),
                }
            }),
            notes: notes(a, lang),
            malformed_examples: a
                .examples
                .iter()
                .map(|l| MalformedRow {
                    input: l.input.clone(),
                    line: l.example.line,
                    reason: l.example.reason.clone(),
                    text: l.example.text.clone(),
                })
                .collect(),
        }
    }

    /// HTTP requests, HTTPERR and FTP entries counted, together.
    pub fn counted(&self) -> u64 {
        self.records
            + self.httperr.as_ref().map_or(0, |h| h.entries)
            + self.ftp.as_ref().map_or(0, |f| f.entries)
            + self.connections.as_ref().map_or(0, |c| c.entries)
    }
}

const HTTPERR_NOTE: Text = Text {
    en: "IIS HTTPERR log: connections and requests that http.sys refused or dropped before any site saw them. These are not HTTP statuses of served requests; most Timer_ConnectionIdle entries are normal.",
    th: "log HTTPERR ของ IIS: การเชื่อมต่อและคำขอที่ http.sys ปฏิเสธหรือตัดทิ้งก่อนถึงไซต์ใด ไม่ใช่สถานะ HTTP ของคำขอที่ให้บริการ และ Timer_ConnectionIdle ส่วนใหญ่เป็นเรื่องปกติ",
};

const FTP_NOTE: Text = Text {
    en: "IIS FTP log: FTP reply codes (RFC 959), not HTTP statuses.",
    th: "log FTP ของ IIS: เป็นรหัสตอบกลับของ FTP (RFC 959) ไม่ใช่สถานะ HTTP",
};

const CONNECTIONS_NOTE: Text = Text {
    en: "Connections logged by TCP or TLS listeners (AWS NLB TLS logs, Classic ELB TCP listeners): no HTTP request was logged, so there is no HTTP status; counted apart, by TLS protocol or outcome.",
    th: "การเชื่อมต่อที่ listener แบบ TCP หรือ TLS บันทึกไว้ (log TLS ของ AWS NLB หรือ listener TCP ของ Classic ELB) ไม่มีการบันทึกคำขอ HTTP จึงไม่มี status ของ HTTP นับแยกไว้ตามโปรโตคอล TLS หรือผลลัพธ์",
};

const NO_FIELDS_NOTE: Text = Text {
    en: "{n} W3C lines came without any #Fields line: they were read with IIS's default fields, or by their shape (date and time first; status, sub-status and Win32 status together). Check the counts against the site's logging settings.",
    th: "มีบรรทัด W3C {n} บรรทัดที่ไม่มีบรรทัด #Fields นำหน้า จึงอ่านด้วยฟิลด์ค่าเริ่มต้นของ IIS หรืออ่านจากรูปร่างของบรรทัด (วันที่และเวลาอยู่หน้าสุด ส่วน status sub-status และ Win32 status อยู่ติดกัน) ควรตรวจจำนวนกับการตั้งค่า log ของเว็บไซต์",
};

fn notes(a: &Analysis, lang: Lang) -> Vec<NoteRow> {
    let mut out = Vec::new();
    if a.summary.no_fields > 0 {
        out.push(NoteRow {
            id: "w3c-without-fields",
            text: NO_FIELDS_NOTE
                .get(lang)
                .replace("{n}", &a.summary.no_fields.to_string()),
        });
    }
    out
}

const NO_EXPLANATION: Text = Text {
    en: "not in the registry",
    th: "ไม่มีในทะเบียน",
};

/// The registry's explanation of a cause; several for a list of flags.
fn explain_cause(kind: CauseKind, status: u16, value: &str, lang: Lang) -> Option<String> {
    let one = |k: &str, v: &str| httpstatus_codes::log_cause(k, v).map(|c| c.text.get(lang));
    let compare = |v: &str, none: &str| -> &'static str {
        let trimmed = v.trim();
        if trimmed == none || trimmed == "-" {
            "-"
        } else if trimmed.parse::<u16>().is_ok_and(|n| n == status) {
            "same"
        } else {
            "differs"
        }
    };
    match kind {
        CauseKind::AlbErrorReason => one("alb-error-reason", value).map(str::to_string),
        CauseKind::AlbTarget => one("alb-target", compare(value, "0")).map(str::to_string),
        CauseKind::CloudFrontResult => one("cloudfront-result", value).map(str::to_string),
        CauseKind::S3Error => one("s3-error", value).map(str::to_string),
        CauseKind::AzureErrorInfo => one("azure-error-info", value).map(str::to_string),
        CauseKind::GclbStatusDetails => one("gclb-status-details", value).map(str::to_string),
        CauseKind::OriginStatus => {
            let c = if value.trim().parse::<u16>() == Ok(0) {
                "0"
            } else {
                match compare(value, "-") {
                    "-" => "0",
                    c => c,
                }
            };
            one("origin-status", c).map(str::to_string)
        }
        CauseKind::UpstreamStatus => {
            let c = if value.contains(',') || value.contains(':') {
                "retried"
            } else {
                compare(value, "-")
            };
            one("upstream-status", c).map(str::to_string)
        }
        CauseKind::Haproxy => {
            let mut chars = value.chars();
            let parts: Vec<String> = [
                chars.next().map(|c| ("haproxy-end", c)),
                chars.next().map(|c| ("haproxy-state", c)),
            ]
            .into_iter()
            .flatten()
            .filter(|(_, c)| *c != '-')
            .map(|(k, c)| {
                let v = c.to_string();
                format!(
                    "{c}: {}",
                    one(k, &v).unwrap_or_else(|| NO_EXPLANATION.get(lang))
                )
            })
            .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        }
        CauseKind::EnvoyFlags => {
            let parts: Vec<String> = value
                .split(',')
                .filter(|f| !f.is_empty() && *f != "-")
                .map(|f| {
                    format!(
                        "{f}: {}",
                        one("envoy-flag", f).unwrap_or_else(|| NO_EXPLANATION.get(lang))
                    )
                })
                .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        }
    }
}

fn causes(a: &Analysis, lang: Lang) -> Vec<CauseRow> {
    let mut rows: Vec<CauseRow> = Vec::new();
    for ((status, kind), values) in &a.summary.causes {
        for (v, n) in values {
            let value = lossy(v, false);
            rows.push(CauseRow {
                status: *status,
                code: format!("{status:03}"),
                kind: kind.token(),
                explanation: explain_cause(*kind, *status, &value, lang),
                value,
                count: *n,
            });
        }
    }
    rows.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then(b.count.cmp(&a.count))
            .then(a.kind.cmp(b.kind))
            .then_with(|| a.value.cmp(&b.value))
    });
    rows
}

/// Which vendor's meaning to prefer for a code IANA does not assign, from the formats seen:
/// IIS logs → Microsoft namespaces; AWS load balancer logs → AWS; the others → nginx.
fn preferred_namespace(formats: [u64; Format::COUNT]) -> Namespace {
    let n = |f: Format| formats[f.index()];
    let iis = n(Format::W3c) + n(Format::IisNative);
    let aws = n(Format::Alb) + n(Format::Elb);
    let other: u64 = formats.iter().sum::<u64>() - iis - aws;
    if aws > iis && aws >= other {
        Namespace::Aws
    } else if iis > other {
        Namespace::Iis
    } else {
        Namespace::Nginx
    }
}

fn texts(e: &'static Entry, lang: Lang) -> (String, String) {
    let title = e.title.get(lang);
    let title = if title.is_empty() { e.phrase } else { title };
    let summary = e.summary.get(lang);
    (
        title.to_string(),
        if summary.is_empty() {
            e.phrase.to_string()
        } else {
            summary.to_string()
        },
    )
}

/// The entry, title and one-line explanation of a status (and IIS sub-status).
pub(crate) fn explain_code(
    status: u16,
    sub: Option<u16>,
    prefer: Namespace,
    lang: Lang,
) -> (Option<&'static Entry>, String, String) {
    if let Some(e) = sub.and_then(|sub| httpstatus_codes::lookup_sub(status, sub)) {
        let (t, x) = texts(e, lang);
        return (Some(e), t, x);
    }
    // `lookup` also finds an unassigned range by its first code (432 for 432–450).
    let parent = httpstatus_codes::lookup(status).filter(|e| !e.is_unassigned());
    if let Some(e) = parent {
        let (t, mut x) = texts(e, lang);
        if let Some(sub) = sub.filter(|s| *s != 0) {
            x = format!(
                "{x} {}",
                UNKNOWN_SUB.get(lang).replace("{sub}", &sub.to_string())
            );
        }
        return (Some(e), t, x);
    }
    if status == 0 && prefer == Namespace::Aws {
        if let Some(e) = httpstatus_codes::find(Namespace::Aws, 0, None) {
            let (t, x) = texts(e, lang);
            return (Some(e), format!("{} {}", e.namespace.display_name(), t), x);
        }
    }
    if status == 0 {
        return (
            None,
            NO_STATUS_TITLE.get(lang).to_string(),
            NO_STATUS.get(lang).to_string(),
        );
    }
    let meanings: Vec<&'static Entry> = httpstatus_codes::meanings(status)
        .iter()
        .filter(|e| !e.is_unassigned())
        .collect();
    let vendor = meanings
        .iter()
        .copied()
        .find(|e| {
            e.namespace == prefer
                || (prefer == Namespace::Iis && e.namespace == Namespace::Microsoft)
        })
        .or_else(|| {
            meanings
                .iter()
                .copied()
                .find(|e| e.namespace == Namespace::Nginx)
        })
        .or_else(|| meanings.first().copied());
    if let Some(e) = vendor {
        let (t, x) = texts(e, lang);
        return (Some(e), format!("{} {}", e.namespace.display_name(), t), x);
    }
    let treat_as = httpstatus_codes::unassigned_range(status)
        .and_then(|_| Class::of(status).fallback_code())
        .and_then(httpstatus_codes::lookup);
    match treat_as {
        Some(treat_as) => {
            let (t, _) = texts(treat_as, lang);
            (
                None,
                UNASSIGNED_TITLE.get(lang).to_string(),
                UNASSIGNED
                    .get(lang)
                    .replace("{code}", &format!("{:03}", treat_as.code))
                    .replace("{title}", &t),
            )
        }
        _ => (
            None,
            NON_STANDARD_TITLE.get(lang).to_string(),
            NON_STANDARD.get(lang).to_string(),
        ),
    }
}

const UNKNOWN_SUB: Text = Text {
    en: "(IIS sub-status {sub} is not in the registry.)",
    th: "(ไม่มี sub-status {sub} ของ IIS ในทะเบียน)",
};
const UNASSIGNED_TITLE: Text = Text {
    en: "Unassigned",
    th: "ยังไม่กำหนด",
};
const UNASSIGNED: Text = Text {
    en: "IANA has not assigned this code; RFC 9110 says a client treats it as {code} {title}.",
    th: "IANA ยังไม่ได้กำหนดรหัสนี้ ตาม RFC 9110 ไคลเอนต์จะถือว่าเป็น {code} {title}",
};
const NO_STATUS_TITLE: Text = Text {
    en: "No status",
    th: "ไม่มีสถานะ",
};
const NO_STATUS: Text = Text {
    en: "No HTTP status was sent: the connection ended before a response (the server logs 000 or 0).",
    th: "ไม่มีการส่งสถานะ HTTP การเชื่อมต่อจบลงก่อนมี response (เซิร์ฟเวอร์บันทึกเป็น 000 หรือ 0)",
};
const NON_STANDARD_TITLE: Text = Text {
    en: "Non-standard",
    th: "นอกมาตรฐาน",
};
const NON_STANDARD: Text = Text {
    en: "Outside 100–599: not an HTTP status code by RFC 9110; some software uses it for its own purposes.",
    th: "อยู่นอกช่วง 100–599 จึงไม่ใช่รหัสสถานะ HTTP ตาม RFC 9110 ซอฟต์แวร์บางตัวใช้เพื่อจุดประสงค์ของตัวเอง",
};

struct PatternText {
    id: &'static str,
    level: &'static str,
    title: Text,
    detail: Text,
}

const P_HANDSHAKE: PatternText = PatternText {
    id: "windows-auth-handshake",
    level: "normal",
    title: Text { en: "Windows authentication handshake (401.2 → 401.1 → 200)", th: "การจับมือยืนยันตัวตนของ Windows (401.2 → 401.1 → 200)" },
    detail: Text {
        en: "{a} responses were 401.2 and {b} were 401.1; {n} handshakes ended in success from the same client. This is how NTLM and Kerberos negotiate: the browser first asks without credentials. It is normal, not an attack.",
        th: "มี response 401.2 จำนวน {a} และ 401.1 จำนวน {b} โดย {n} ครั้งจบด้วยความสำเร็จจากไคลเอนต์เดิม นี่คือวิธีเจรจาของ NTLM และ Kerberos ที่เบราว์เซอร์ขอครั้งแรกโดยไม่มีข้อมูลยืนยันตัวตน เป็นเรื่องปกติ ไม่ใช่การโจมตี",
    },
};
const P_FAILED_LOGON: PatternText = PatternText {
    id: "windows-logon-failures",
    level: "notice",
    title: Text { en: "401.1 without a following success", th: "401.1 ที่ไม่ได้ตามด้วยความสำเร็จ" },
    detail: Text {
        en: "{n} 401.1 responses were not followed by success from the same client: real logon failures (wrong password, locked account, missing SPN).",
        th: "มี 401.1 จำนวน {n} ที่ไม่ตามด้วยความสำเร็จจากไคลเอนต์เดิม เป็นการล็อกออนล้มเหลวจริง (รหัสผ่านผิด บัญชีถูกล็อก หรือไม่มี SPN)",
    },
};
const P_CHALLENGE: PatternText = PatternText {
    id: "auth-challenge-answered",
    level: "normal",
    title: Text { en: "Authentication challenges answered", th: "คำขอยืนยันตัวตนที่ได้รับการตอบ" },
    detail: Text {
        en: "{n} 401 responses were followed by success from the same client: the client was asked for credentials and sent them. Normal.",
        th: "มี 401 จำนวน {n} ที่ตามด้วยความสำเร็จจากไคลเอนต์เดิม คือไคลเอนต์ถูกขอข้อมูลยืนยันตัวตนแล้วส่งมา เป็นเรื่องปกติ",
    },
};
const P_GAVE_UP: PatternText = PatternText {
    id: "client-gave-up",
    level: "notice",
    title: Text { en: "Clients gave up (nginx 499)", th: "ไคลเอนต์เลิกรอ (nginx 499)" },
    detail: Text {
        en: "{n} requests were closed by the client before nginx answered. A few are normal (users navigate away); many on the same paths point to a slow upstream.",
        th: "มี {n} คำขอที่ไคลเอนต์ปิดการเชื่อมต่อก่อน nginx ตอบ เล็กน้อยเป็นเรื่องปกติ (ผู้ใช้เปลี่ยนหน้า) แต่ถ้ามากที่ path เดิมแสดงว่า upstream ช้า",
    },
};
const P_CLOSED: PatternText = PatternText {
    id: "closed-without-response",
    level: "normal",
    title: Text { en: "Connections closed on purpose (nginx 444)", th: "ปิดการเชื่อมต่อโดยเจตนา (nginx 444)" },
    detail: Text {
        en: "{n} requests got no response because an nginx rule returned 444, usually to shut out bad bots.",
        th: "มี {n} คำขอที่ไม่ได้รับ response เพราะกฎของ nginx คืนค่า 444 ซึ่งมักใช้กันบอตที่ไม่ต้องการ",
    },
};
const P_PROBES: PatternText = PatternText {
    id: "scanner-probes",
    level: "normal",
    title: Text { en: "Vulnerability scanners probing", th: "สแกนเนอร์หาช่องโหว่" },
    detail: Text {
        en: "{n} 4xx responses went to paths that only scanners ask for (/.env, /wp-login.php, /.git/ ...): background noise of the internet, not broken links.",
        th: "มี response 4xx จำนวน {n} ที่ path ซึ่งมีแต่สแกนเนอร์เรียก (/.env, /wp-login.php, /.git/ ...) เป็นสัญญาณรบกวนปกติของอินเทอร์เน็ต ไม่ใช่ลิงก์เสีย",
    },
};
const P_TLS: PatternText = PatternText {
    id: "tls-on-plain-http",
    level: "notice",
    title: Text { en: "TLS spoken to a plain-HTTP port", th: "ส่ง TLS มายังพอร์ต HTTP ธรรมดา" },
    detail: Text {
        en: "{n} requests were TLS handshakes logged as garbage (usually 400): a client used https:// on an http:// port.",
        th: "มี {n} คำขอที่เป็น TLS handshake และถูกบันทึกเป็นข้อมูลขยะ (มักเป็น 400) คือไคลเอนต์ใช้ https:// กับพอร์ต http://",
    },
};
const P_DISCONNECTS: PatternText = PatternText {
    id: "client-disconnects",
    level: "normal",
    title: Text { en: "Responses cut short by the client (IIS Win32 64, 1236, 995, 10054)", th: "response ที่ถูกไคลเอนต์ตัดกลางคัน (IIS Win32 64, 1236, 995, 10054)" },
    detail: Text {
        en: "{n} responses ended early because the client went away: closed tabs, mobile networks, time-outs. A spike points to slow responses.",
        th: "มี {n} response ที่จบก่อนเวลาเพราะไคลเอนต์หายไป เช่น ปิดแท็บ เครือข่ายมือถือ หรือหมดเวลา ถ้าพุ่งสูงแสดงว่า response ช้า",
    },
};
const P_BURST: PatternText = PatternText {
    id: "server-error-burst",
    level: "warning",
    title: Text { en: "Server errors in a burst", th: "ข้อผิดพลาดฝั่งเซิร์ฟเวอร์เกิดเป็นช่วง" },
    detail: Text {
        en: "{p}% of the 5xx responses ({n}) happened in one bucket starting {t}: look at what changed or failed then (deploy, upstream, database).",
        th: "{p}% ของ response 5xx ({n}) เกิดในช่วงเดียวที่เริ่ม {t} ควรดูว่ามีอะไรเปลี่ยนหรือล้มเหลวในตอนนั้น (deploy, upstream, ฐานข้อมูล)",
    },
};

fn pattern(p: &PatternText, lang: Lang, count: u64, vars: &[(&str, String)]) -> PatternRow {
    let mut detail = p.detail.get(lang).replace("{n}", &count.to_string());
    for (k, v) in vars {
        detail = detail.replace(k, v);
    }
    PatternRow {
        id: p.id,
        level: p.level,
        title: p.title.get(lang),
        count,
        detail,
    }
}

fn patterns(a: &Analysis, buckets: &[ClassBucket], lang: Lang) -> Vec<PatternRow> {
    let p = &a.summary.patterns;
    let mut out = Vec::new();
    if p.auth_401_2 > 0 || p.handshakes > 0 {
        out.push(pattern(
            &P_HANDSHAKE,
            lang,
            p.handshakes,
            &[
                ("{a}", p.auth_401_2.to_string()),
                ("{b}", p.auth_401_1.to_string()),
            ],
        ));
    }
    // A handshake has at most one 401.1; the rest of the 401.1s were real failures (a lower
    // bound, since handshakes cut by a block boundary are not seen).
    let failed = p.auth_401_1.saturating_sub(p.handshakes);
    if failed > 0 {
        out.push(pattern(&P_FAILED_LOGON, lang, failed, &[]));
    }
    for (pt, n) in [
        (&P_CHALLENGE, p.challenges),
        (&P_GAVE_UP, p.gave_up),
        (&P_CLOSED, p.closed),
        (&P_PROBES, p.probes),
        (&P_TLS, p.tls),
        (&P_DISCONNECTS, p.disconnects),
    ] {
        if n > 0 {
            out.push(pattern(pt, lang, n, &[]));
        }
    }
    let total_5xx: u64 = buckets.iter().map(|b| b.c5).sum();
    if total_5xx >= 10 && buckets.len() >= 10 {
        if let Some(peak) = buckets
            .iter()
            .max_by(|x, y| x.c5.cmp(&y.c5).then(y.t.cmp(&x.t)))
        {
            if peak.c5 * 2 >= total_5xx {
                out.push(pattern(
                    &P_BURST,
                    lang,
                    peak.c5,
                    &[
                        ("{p}", format!("{:.0}", percent(peak.c5, total_5xx))),
                        ("{t}", peak.start.clone()),
                    ],
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explanations() {
        let (e, t, x) = explain_code(404, None, Namespace::Nginx, Lang::En);
        assert_eq!((e.map(|e| e.id), t.as_str()), (Some("404"), "Not Found"));
        assert!(!x.is_empty());
        let (e, _, _) = explain_code(403, Some(14), Namespace::Iis, Lang::En);
        assert_eq!(e.map(|e| e.id), Some("403.14"));
        let (e, t, _) = explain_code(499, None, Namespace::Nginx, Lang::En);
        assert_eq!(e.map(|e| e.id), Some("nginx:499"));
        assert!(t.contains("nginx"), "{t}");
        let (e, t, _) = explain_code(0, None, Namespace::Nginx, Lang::En);
        assert_eq!((e.map(|e| e.id), t.as_str()), (None, "No status"));
        let (e, _, x) = explain_code(432, None, Namespace::Nginx, Lang::En);
        assert!(e.is_none() && x.contains("400"), "{x}");
        let (_, _, x) = explain_code(777, None, Namespace::Nginx, Lang::Th);
        assert!(x.contains("RFC 9110"));
        // An unknown sub-status falls back to its parent, and says so.
        let (e, _, x) = explain_code(404, Some(777), Namespace::Iis, Lang::En);
        assert_eq!(e.map(|e| e.id), Some("404"));
        assert!(x.contains("777"));
    }
}
