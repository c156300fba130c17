//! Shared harnesses of the fuzz targets: each target is a thin `fuzz_target!` over one of these,
//! so that a crash found by one target can be replayed from a test or by hand.
//!
//! Every harness checks invariants as well as "does not panic": an input that makes the code
//! disagree with itself is a finding too.

use std::sync::{Once, OnceLock};

use httpstatus_codes::{Lang, Query};
use httpstatus_logs::{render, Analyzer, Format, Options, Report, ReportOptions};

/// `Query::parse` and what a parsed query names.
pub fn query(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(q) = Query::parse(s) else {
        return;
    };
    let entries = q.entries();
    match q {
        Query::Code { code, sub, .. } => {
            // A code is exactly three digits (000 to 999), as typed.
            assert!(
                code <= 999 && s.contains(&format!("{code:03}")),
                "{s:?} parsed to code {code}"
            );
            for e in &entries {
                assert_eq!(e.code, code, "{s:?} named {}", e.id);
                if sub.is_some() {
                    assert_eq!(e.sub, sub, "{s:?} named {}", e.id);
                }
            }
        }
        Query::Mask { mask, .. } => {
            assert!(mask.first() <= mask.last(), "{s:?}: {mask}");
            for e in &entries {
                assert!(
                    (mask.first()..=mask.last()).contains(&e.code),
                    "{s:?} named {}",
                    e.id
                );
            }
        }
        Query::Range { first, last, .. } => {
            assert!(first <= last, "{s:?}");
            for e in &entries {
                assert!((first..=last).contains(&e.code), "{s:?} named {}", e.id);
            }
        }
    }
}

/// Full-text search: never panics, results best first.
pub fn search(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let hits = httpstatus_codes::search(s);
    for pair in hits.windows(2) {
        assert!(
            pair[0].score >= pair[1].score,
            "{s:?}: results out of order"
        );
    }
}

fn one_thread() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build_global();
    });
}

fn two_threads() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .expect("a thread pool")
    })
}

fn report(data: &[u8], format: Option<Format>, lang: Lang) -> Report {
    let options = Options {
        format,
        ..Options::default()
    };
    let mut analyzer = Analyzer::new(&options);
    analyzer.add_reader("fuzz.log", data);
    let analysis = analyzer.finish();
    Report::build(
        &analysis,
        &ReportOptions {
            lang,
            ..ReportOptions::default()
        },
    )
}

/// One input through the whole log pipeline: format detection (or `format`), the line parsers,
/// the report and every renderer. Under `cfg(fuzzing)` the reader's blocks are 64 bytes and lines
/// at most 256, so block cutting, long lines and `#Fields` changes across blocks are fuzzed too,
/// and the parallel reader (2 threads) must give the same report as the sequential one.
pub fn logs(data: &[u8], format: Option<Format>) {
    one_thread();
    let lang = if data.len().is_multiple_of(2) {
        Lang::En
    } else {
        Lang::Th
    };
    let report = self::report(data, format, lang);
    let parallel = two_threads().install(|| self::report(data, format, lang));
    assert_eq!(
        serde_json::to_value(&parallel).expect("a JSON report"),
        serde_json::to_value(&report).expect("a JSON report"),
        "2 threads and 1 thread disagree"
    );
    // Every line read is one of these, exactly.
    let other = |o: &Option<httpstatus_logs::OtherLog>| o.as_ref().map_or(0, |o| o.entries);
    let r = &report;
    let classified = r.records
        + r.filtered
        + r.malformed
        + r.directives
        + r.blank
        + other(&r.httperr)
        + other(&r.ftp)
        + other(&r.connections);
    assert_eq!(
        classified,
        r.lines,
        "lines classified ({} records, {} filtered, {} malformed, {} directives, {} blank, \
         {} HTTPERR, {} FTP, {} connections) differ from lines read",
        r.records,
        r.filtered,
        r.malformed,
        r.directives,
        r.blank,
        other(&r.httperr),
        other(&r.ftp),
        other(&r.connections)
    );
    let classes: u64 = report.classes.iter().map(|c| c.count).sum();
    assert_eq!(
        classes, report.records,
        "class counts disagree with the record count"
    );

    let mut out = Vec::new();
    render::json(&report, &mut out).expect("JSON into a Vec");
    let back: serde_json::Value = serde_json::from_slice(&out).expect("the JSON report parses");
    assert_eq!(back["records"].as_u64(), Some(report.records));
    out.clear();
    let width = 40 + data.len() % 120;
    let text = render::TextOptions {
        width,
        color: data.len().is_multiple_of(3),
        brief: false,
    };
    render::text(&report, &mut out, &text).expect("text into a Vec");
    assert!(
        std::str::from_utf8(&out).is_ok(),
        "the text report is not UTF-8"
    );
    out.clear();
    render::csv(&report, &mut out).expect("CSV into a Vec");
    out.clear();
    render::html(&report, &mut out).expect("HTML into a Vec");
    assert!(
        std::str::from_utf8(&out).is_ok(),
        "the HTML report is not UTF-8"
    );
}

pub mod server;
