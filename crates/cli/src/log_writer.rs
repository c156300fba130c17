//! The request log's writer for `httpstatus serve`. Two kinds of entries share one bounded
//! queue: request records (copied from the [`AccessRecord`] the server's [`AccessLog`] hook
//! lends) and the lines of other log events (formatted by `tracing-subscriber`). A request pays
//! for a lock, a small push and a copy of its path's bytes into a buffer the queue reuses: no
//! allocation, no formatting, no system call. A thread formats what has come in and writes it
//! to stderr every few milliseconds, or sooner when the queue fills. When the queue is full an
//! entry is dropped and counted, so a slow stderr never holds up a request. Dropping the
//! [`Guard`] writes what is left.
//!
//! One queue for all threads, appended to under one lock: lines come out in the order they were
//! logged, whole. Request lines look exactly like the `tracing` events they replace (text with
//! the same fields, or the same JSON object). The writer keeps the queue's buffers between
//! rounds (it swaps them with empty ones that kept their capacity), so a steady load allocates
//! nothing on either side.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use httpstatus_server::{AccessLog, AccessRecord};

/// Bytes (about) waiting to be written before new entries are dropped: some 10,000 request lines.
const CAPACITY: usize = 2 * 1024 * 1024;
/// Past this many waiting bytes the writer thread is woken at once instead of at its next tick.
const WAKE_AT: usize = 256 * 1024;
/// How often the writer thread writes out what has come in.
const TICK: Duration = Duration::from_millis(20);
/// What a request line costs in the queue beyond its path (its formatted size, about).
const RECORD_COST: usize = 120;

/// How request lines are written: as `tracing-subscriber`'s text or JSON formatter would.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Style {
    /// `2026-12-02T22:22:41.863859Z  INFO httpstatus::access: method="GET" ...`
    #[default]
    Text,
    /// The same, coloured as on a terminal.
    TextAnsi,
    /// `{"timestamp":...,"level":"INFO","method":"GET",...,"target":"httpstatus::access"}`
    Json,
}

#[derive(Debug)]
enum Entry {
    /// A formatted line of another event.
    Line(Vec<u8>),
    /// A request, formatted by the writer thread.
    Access(Request),
}

/// An [`AccessRecord`] in the queue: its path is a range of [`Queue::paths`].
#[derive(Debug)]
struct Request {
    at: SystemTime,
    method: &'static str,
    path: Range<usize>,
    route: &'static str,
    status: u16,
    micros: u64,
}

/// What is waiting to be written.
#[derive(Debug, Default)]
struct Queue {
    entries: Vec<Entry>,
    /// The paths of the requests in `entries`, one after another.
    paths: Vec<u8>,
}

#[derive(Debug, Default)]
struct State {
    queue: Queue,
    /// The queue's size in bytes, about.
    bytes: usize,
    closed: bool,
}

/// What requests and the log subscriber write to (`Arc<Shared>` is a `MakeWriter` and, through
/// [`Hook`], the server's [`AccessLog`]).
#[derive(Debug, Default)]
pub(crate) struct Shared {
    state: Mutex<State>,
    wake: Condvar,
    dropped: AtomicU64,
    style: Style,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Entries dropped because the queue was full.
    pub(crate) fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }

    /// Queues what `add` adds, of about `cost` bytes, or drops and counts it.
    fn push(&self, cost: usize, add: impl FnOnce(&mut Queue)) {
        let mut state = self.lock();
        let before = state.bytes;
        if state.closed || before + cost > CAPACITY {
            drop(state);
            self.dropped.fetch_add(1, Ordering::Relaxed);
            return;
        }
        add(&mut state.queue);
        state.bytes += cost;
        drop(state);
        if before < WAKE_AT && before + cost >= WAKE_AT {
            self.wake.notify_one();
        }
    }
}

impl Write for &Shared {
    /// Takes a whole line (the subscriber writes each event with one call) or drops it.
    fn write(&mut self, line: &[u8]) -> io::Result<usize> {
        self.push(line.len(), |q| q.entries.push(Entry::Line(line.to_vec())));
        Ok(line.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The server's request-log hook, queueing records on [`Shared`].
#[derive(Debug)]
pub(crate) struct Hook(pub(crate) Arc<Shared>);

impl AccessLog for Hook {
    fn log(&self, r: &AccessRecord<'_>) {
        self.0.push(RECORD_COST + r.path.len(), |q| {
            let start = q.paths.len();
            q.paths.extend_from_slice(r.path.as_bytes());
            q.entries.push(Entry::Access(Request {
                at: r.at,
                method: r.method,
                path: start..q.paths.len(),
                route: r.route,
                status: r.status,
                micros: r.micros,
            }));
        });
    }
}

/// Stops the writer thread when dropped, after it has written every entry queued until then.
#[derive(Debug)]
pub(crate) struct Guard {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.wake.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts the writer thread on `out`, writing request lines in `style`.
pub(crate) fn start(
    out: impl Write + Send + 'static,
    style: Style,
) -> io::Result<(Arc<Shared>, Guard)> {
    let shared = Arc::new(Shared {
        style,
        ..Shared::default()
    });
    let thread = {
        let shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("httpstatus-log".into())
            .spawn(move || write_out(&shared, out))?
    };
    Ok((
        Arc::clone(&shared),
        Guard {
            shared,
            thread: Some(thread),
        },
    ))
}

fn write_out(shared: &Shared, mut out: impl Write) {
    let mut taken = Queue::default();
    let mut text = Vec::with_capacity(WAKE_AT);
    let mut clock = Clock::default();
    loop {
        let closed = {
            let mut state = shared.lock();
            if !state.closed && state.bytes < WAKE_AT {
                state = match shared.wake.wait_timeout(state, TICK) {
                    Ok((state, _)) => state,
                    Err(poisoned) => poisoned.into_inner().0,
                };
            }
            std::mem::swap(&mut state.queue, &mut taken);
            state.bytes = 0;
            state.closed
        };
        if !taken.entries.is_empty() {
            for entry in taken.entries.drain(..) {
                match entry {
                    Entry::Line(line) => text.extend_from_slice(&line),
                    Entry::Access(r) => {
                        // Paths come from `&str`s and are cut where they were joined.
                        let path = std::str::from_utf8(
                            taken.paths.get(r.path.clone()).unwrap_or_default(),
                        )
                        .unwrap_or_default();
                        format_record(&mut text, &mut clock, &r, path, shared.style);
                    }
                }
            }
            taken.paths.clear();
            // A closed or broken stderr loses the log, not the server.
            let _ = out.write_all(&text);
            let _ = out.flush();
            text.clear();
        }
        if closed {
            // Nothing is queued once closed: the entries taken above were the last.
            return;
        }
    }
}

/// The literal text of a log line around its values, in one style: before the time, after it
/// up to the method, then before the path, the route, the status and the micros, and at the end;
/// and how the strings are quoted.
struct Layout {
    pieces: [&'static [u8]; 7],
    quote: fn(&mut Vec<u8>, &str),
}

/// As `tracing-subscriber`'s plain text format writes the event.
const TEXT: Layout = Layout {
    pieces: [
        b"",
        b"  INFO httpstatus::access: method=",
        b" path=",
        b" route=",
        b" status=",
        b" micros=",
        b"",
    ],
    quote: push_debug,
};

/// As its text format writes the event on a terminal, in colour.
const TEXT_ANSI: Layout = Layout {
    pieces: [
        b"\x1b[2m",
        b"\x1b[0m \x1b[32m INFO\x1b[0m \x1b[2mhttpstatus::access\x1b[0m\x1b[2m:\x1b[0m \
          \x1b[3mmethod\x1b[0m\x1b[2m=\x1b[0m",
        b" \x1b[3mpath\x1b[0m\x1b[2m=\x1b[0m",
        b" \x1b[3mroute\x1b[0m\x1b[2m=\x1b[0m",
        b" \x1b[3mstatus\x1b[0m\x1b[2m=\x1b[0m",
        b" \x1b[3mmicros\x1b[0m\x1b[2m=\x1b[0m",
        b"",
    ],
    quote: push_debug,
};

/// As its JSON format writes the event (`flatten_event`).
const JSON: Layout = Layout {
    pieces: [
        b"{\"timestamp\":\"",
        b"\",\"level\":\"INFO\",\"method\":",
        b",\"path\":",
        b",\"route\":",
        b",\"status\":",
        b",\"micros\":",
        b",\"target\":\"httpstatus::access\"}",
    ],
    quote: push_json,
};

/// Appends `r` (whose path is `path`) as one line in `style`.
fn format_record(out: &mut Vec<u8>, clock: &mut Clock, r: &Request, path: &str, style: Style) {
    let layout = match style {
        Style::Text => &TEXT,
        Style::TextAnsi => &TEXT_ANSI,
        Style::Json => &JSON,
    };
    let [start, method, before_path, before_route, before_status, before_micros, end] =
        layout.pieces;
    let mut n = itoa::Buffer::new();
    out.extend_from_slice(start);
    clock.push(out, r.at);
    out.extend_from_slice(method);
    (layout.quote)(out, r.method);
    out.extend_from_slice(before_path);
    (layout.quote)(out, path);
    out.extend_from_slice(before_route);
    (layout.quote)(out, r.route);
    out.extend_from_slice(before_status);
    out.extend_from_slice(n.format(r.status).as_bytes());
    out.extend_from_slice(before_micros);
    out.extend_from_slice(n.format(r.micros).as_bytes());
    out.extend_from_slice(end);
    out.push(b'\n');
}

/// Printable ASCII but `"` and `\\`: what both `{:?}` and JSON write as it is, between quotes.
fn plain(s: &str) -> bool {
    s.bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')
}

/// `s` as `{:?}` writes it (a request path almost always needs no escaping: copied as it is).
fn push_debug(out: &mut Vec<u8>, s: &str) {
    if plain(s) {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        let mut quoted = String::with_capacity(s.len() + 8);
        let _ = write!(quoted, "{s:?}");
        out.extend_from_slice(quoted.as_bytes());
    }
}

/// `s` as a JSON string.
fn push_json(out: &mut Vec<u8>, s: &str) {
    if plain(s) {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else if serde_json::to_writer(&mut *out, s).is_err() {
        out.extend_from_slice(b"\"\"");
    }
}

/// Writes timestamps as RFC 3339 in UTC with microseconds, `2026-12-02T22:22:41.863859Z`, as
/// `tracing-subscriber` writes them; the date and time of day are formatted once a second.
#[derive(Debug, Default)]
struct Clock {
    /// The second `prefix` is for (Unix time).
    secs: Option<u64>,
    /// `2026-12-02T22:22:41`.
    prefix: String,
}

impl Clock {
    fn push(&mut self, out: &mut Vec<u8>, at: SystemTime) {
        let since = at.duration_since(UNIX_EPOCH).unwrap_or_default();
        let secs = since.as_secs();
        if self.secs != Some(secs) {
            self.secs = Some(secs);
            self.prefix.clear();
            let (days, rest) = (secs / 86_400, secs % 86_400);
            let (y, m, d) = civil_from_days(i64::try_from(days).unwrap_or(i64::MAX));
            let _ = write!(
                self.prefix,
                "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
                rest / 3600,
                rest / 60 % 60,
                rest % 60
            );
        }
        out.extend_from_slice(self.prefix.as_bytes());
        let micros = since.subsec_micros();
        let mut digits = *b".000000Z";
        let mut rest = micros;
        for slot in digits[1..7].iter_mut().rev() {
            *slot = b'0' + u8::try_from(rest % 10).unwrap_or(0);
            rest /= 10;
        }
        out.extend_from_slice(&digits);
    }
}

/// The proleptic Gregorian date of a count of days since 1970-01-01 (the 400-year-cycle method).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // day of era, 0..=146096
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // 0..=399
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // 0..=365
    let mp = (5 * doy + 2) / 153; // March-based month, 0..=11
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);
    impl Write for Sink {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn every_line_in_order_after_the_guard_drops() {
        let sink = Sink::default();
        let (shared, guard) = start(sink.clone(), Style::Text).unwrap_or_else(|e| panic!("{e}"));
        let mut expected = String::new();
        for i in 0..5000 {
            let line = format!("line {i}\n");
            (&*shared)
                .write_all(line.as_bytes())
                .unwrap_or_else(|e| panic!("{e}"));
            expected.push_str(&line);
        }
        drop(guard);
        let got = sink.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
        assert_eq!(String::from_utf8_lossy(&got), expected);
        assert_eq!(shared.dropped(), 0);
    }

    /// A writer that never finishes: the buffer fills, further lines are dropped and counted,
    /// and writing a line still returns at once.
    #[test]
    fn a_stuck_stderr_drops_and_counts_lines() {
        struct Stuck(std::sync::mpsc::Receiver<()>);
        impl Write for Stuck {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                let _ = self.0.recv();
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let (release, rx) = std::sync::mpsc::channel();
        let (shared, guard) = start(Stuck(rx), Style::Text).unwrap_or_else(|e| panic!("{e}"));
        let line = [b'x'; 1000];
        let lines = 3 * CAPACITY / line.len();
        for _ in 0..lines {
            (&*shared)
                .write_all(&line)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let dropped = shared.dropped();
        // At most one buffer is with the stuck writer and one waits: the rest is dropped.
        assert!(dropped > 0, "no line dropped");
        assert!(
            usize::try_from(dropped).unwrap_or(usize::MAX) >= lines - 2 * CAPACITY / line.len(),
            "{dropped} of {lines} dropped"
        );
        drop(release);
        drop(guard);
    }

    fn record(path: &str) -> AccessRecord<'_> {
        AccessRecord {
            at: UNIX_EPOCH + Duration::from_micros(1_764_714_161_863_859),
            method: "GET",
            path,
            route: "/status/{codes}",
            status: 418,
            micros: 459,
        }
    }

    fn written(style: Style, entries: impl FnOnce(&Arc<Shared>)) -> String {
        let sink = Sink::default();
        let (shared, guard) = start(sink.clone(), style).unwrap_or_else(|e| panic!("{e}"));
        entries(&shared);
        drop(guard);
        let got = sink.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
        String::from_utf8(got).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn request_lines_are_formatted_as_the_tracing_events_were() {
        let text = written(Style::Text, |s| {
            (&**s)
                .write_all(b"before\n")
                .unwrap_or_else(|e| panic!("{e}"));
            Hook(Arc::clone(s)).log(&record("/status/418"));
            Hook(Arc::clone(s)).log(&record("/a \"quoted\" path"));
            (&**s)
                .write_all(b"after\n")
                .unwrap_or_else(|e| panic!("{e}"));
        });
        assert_eq!(
            text,
            "before\n\
             2025-12-02T22:22:41.863859Z  INFO httpstatus::access: method=\"GET\" \
             path=\"/status/418\" route=\"/status/{codes}\" status=418 micros=459\n\
             2025-12-02T22:22:41.863859Z  INFO httpstatus::access: method=\"GET\" \
             path=\"/a \\\"quoted\\\" path\" route=\"/status/{codes}\" status=418 micros=459\n\
             after\n"
        );
        let json = written(Style::Json, |s| {
            Hook(Arc::clone(s)).log(&record("/a \"quoted\" path"));
        });
        let v: serde_json::Value =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
        assert_eq!(v["timestamp"], "2025-12-02T22:22:41.863859Z");
        assert_eq!(v["level"], "INFO");
        assert_eq!(v["method"], "GET");
        assert_eq!(v["path"], "/a \"quoted\" path");
        assert_eq!(v["route"], "/status/{codes}");
        assert_eq!(v["status"], 418);
        assert_eq!(v["micros"], 459);
        assert_eq!(v["target"], "httpstatus::access");
        let ansi = written(Style::TextAnsi, |s| Hook(Arc::clone(s)).log(&record("/x")));
        assert!(ansi.contains("\x1b[32m INFO\x1b[0m"), "{ansi:?}");
        assert!(
            ansi.ends_with("\x1b[3mmicros\x1b[0m\x1b[2m=\x1b[0m459\n"),
            "{ansi:?}"
        );
    }

    /// The fast paths write what `{:?}` and serde_json write, for plain and awkward strings.
    #[test]
    fn quoting_matches_debug_and_json() {
        for s in [
            "/status/418",
            "",
            "/a \"q\" b",
            "/back\\slash",
            "/tab\there",
            "/ไทย",
            "/\u{7f}\u{0}",
            "/é?x=1&y=%20",
        ] {
            let mut debug = Vec::new();
            push_debug(&mut debug, s);
            assert_eq!(String::from_utf8_lossy(&debug), format!("{s:?}"), "{s:?}");
            let mut json = Vec::new();
            push_json(&mut json, s);
            let expected = serde_json::to_string(s).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(String::from_utf8_lossy(&json), expected, "{s:?}");
        }
    }

    /// The cached date and time change with the second; the microseconds are padded.
    #[test]
    fn the_clock_follows_the_second() {
        let mut clock = Clock::default();
        let mut out = Vec::new();
        for micros in [
            1_764_714_161_000_007_u64,
            1_764_714_161_999_999,
            1_764_714_162_000_000,
        ] {
            clock.push(&mut out, UNIX_EPOCH + Duration::from_micros(micros));
            out.push(b' ');
        }
        assert_eq!(
            String::from_utf8_lossy(&out),
            "2025-12-02T22:22:41.000007Z 2025-12-02T22:22:41.999999Z 2025-12-02T22:22:42.000000Z "
        );
    }

    #[test]
    fn dates_are_gregorian() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_789), (2026, 12, 2));
        // Every day of four centuries, against a day-by-day count.
        let (mut y, mut m, mut d) = (1970_i64, 1_u32, 1_u32);
        for days in 0..146_097 {
            assert_eq!(civil_from_days(days), (y, m, d), "day {days}");
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let len = match m {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            d += 1;
            if d > len {
                d = 1;
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
        }
    }
}
