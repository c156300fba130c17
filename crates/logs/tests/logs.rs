//! The analyzer end to end, in process: hand-counted fixtures for each format, the real samples,
//! a generated log checked against `awk | sort | uniq -c`, parallel against sequential, bad input,
//! and the HTML report in headless Chromium.
#![allow(
    clippy::cast_possible_truncation,
    reason = "test data: random bytes and small indexes"
)]

#[path = "support/gen.rs"]
mod gen;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use httpstatus_codes::Lang;
use httpstatus_logs::render::{self, TextOptions};
use httpstatus_logs::{
    expand, Analysis, Analyzer, Filters, Format, JsonFields, Options, Report, ReportOptions,
    Source, StatusFilter, TimeBound,
};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn analyze_with(paths: &[PathBuf], options: &Options) -> Analysis {
    let mut a = Analyzer::new(options);
    for p in paths {
        a.add_source(&Source::Path(p.clone()));
    }
    a.finish()
}

fn report_of(names: &[&str], options: &Options) -> Report {
    let paths: Vec<PathBuf> = names.iter().map(|n| data(n)).collect();
    Report::build(&analyze_with(&paths, options), &ReportOptions::default())
}

fn report(names: &[&str]) -> Report {
    report_of(names, &Options::default())
}

/// `(code, count)` with code as `404` or `404.2`.
fn codes(r: &Report) -> BTreeMap<String, u64> {
    r.codes.iter().map(|c| (c.code.clone(), c.count)).collect()
}

fn map(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(k, v)| ((*k).to_string(), *v)).collect()
}

fn pattern(r: &Report, id: &str) -> Option<u64> {
    r.patterns.iter().find(|p| p.id == id).map(|p| p.count)
}

fn bytes_report(bytes: &[u8], options: &Options) -> Report {
    let mut a = Analyzer::new(options);
    a.add_reader("bytes", bytes);
    Report::build(&a.finish(), &ReportOptions::default())
}

// ---------------------------------------------------------------------------------------------
// Hand-counted fixtures.

#[test]
fn combined_variants() {
    let r = report(&["combined.log"]);
    // 15 lines: 12 requests, 2 malformed (lines 10 and 11), 1 blank.
    assert_eq!((r.lines, r.records, r.malformed, r.blank), (15, 12, 2, 1));
    assert_eq!(
        codes(&r),
        map(&[
            ("200", 4),
            ("304", 1),
            ("400", 1),
            ("401", 1),
            ("404", 2),
            ("408", 1),
            ("499", 1),
            ("502", 1)
        ])
    );
    let lines: Vec<u64> = r.malformed_examples.iter().map(|m| m.line).collect();
    assert_eq!(lines, vec![10, 11]);
    assert_eq!(r.inputs[0].format, Some(Format::Ncsa));
    // Query strings are dropped from paths; the vhost prefix is skipped for the client.
    let c404 = r
        .codes
        .iter()
        .find(|c| c.status == 404)
        .map(|c| c.top_paths.clone())
        .unwrap_or_default();
    assert!(c404.iter().any(|p| p.value == "/missing"), "{c404:?}");
    let c502 = r
        .codes
        .iter()
        .find(|c| c.status == 502)
        .map(|c| c.top_clients.clone())
        .unwrap_or_default();
    assert_eq!(c502.first().map(|c| c.value.as_str()), Some("192.0.2.2"));
    assert_eq!(pattern(&r, "client-gave-up"), Some(1));
    assert_eq!(pattern(&r, "scanner-probes"), Some(1));
    assert_eq!(pattern(&r, "tls-on-plain-http"), Some(1));
    assert_eq!(pattern(&r, "auth-challenge-answered"), Some(1));
    // 499 is explained by nginx's meaning, not as an unassigned 4xx.
    let c499 = r.codes.iter().find(|c| c.status == 499);
    assert_eq!(c499.and_then(|c| c.id), Some("nginx:499"));
    assert_eq!(r.first_time.as_deref(), Some("2023-10-10T13:55:36Z"));
    assert_eq!(r.last_time.as_deref(), Some("2023-10-10T14:05:02Z"));
}

#[test]
fn iis_w3c_fields_change_and_handshake() {
    let r = report(&["iis_w3c.log"]);
    assert_eq!((r.records, r.malformed, r.directives), (10, 2, 8));
    assert_eq!(
        codes(&r),
        map(&[
            ("200.0", 3),
            ("401.1", 1),
            ("401.2", 1),
            ("403.14", 1),
            ("404.0", 1),
            ("500.19", 1),
            ("503.2", 2)
        ])
    );
    let ok = r
        .codes
        .iter()
        .find(|c| c.code == "200.0")
        .map(|c| c.win32.clone())
        .unwrap_or_default();
    let win: Vec<(u32, u64)> = ok.iter().map(|w| (w.code, w.count)).collect();
    assert_eq!(win, vec![(0, 2), (64, 1)]);
    assert_eq!(ok[1].name, Some("ERROR_NETNAME_DELETED"));
    // Win32 values above i32::MAX are kept whole.
    let c4011 = r.codes.iter().find(|c| c.code == "401.1");
    assert_eq!(c4011.map(|c| c.win32[0].code), Some(2_148_074_254));
    assert_eq!(c4011.and_then(|c| c.id), Some("401.1"));
    assert_eq!(pattern(&r, "windows-auth-handshake"), Some(1));
    assert_eq!(pattern(&r, "client-disconnects"), Some(1));
    // `+` in IIS paths is shown as logged (it may be a space or a real `+`).
    let c404 = r
        .codes
        .iter()
        .find(|c| c.status == 404)
        .map(|c| c.top_paths.clone())
        .unwrap_or_default();
    assert_eq!(c404[0].value, "/docs/My+File.pdf");
    let reasons: Vec<&str> = r.malformed_examples.iter().map(|m| &*m.reason).collect();
    assert_eq!(
        reasons,
        vec![
            "fewer values than #Fields names",
            "fewer values than #Fields names"
        ]
    );
    assert_eq!(r.malformed_examples[0].line, 19);
    assert_eq!(r.malformed_examples[1].line, 20);
}

#[test]
fn iis_native() {
    let r = report(&["iis_native.log"]);
    assert_eq!(r.inputs[0].format, Some(Format::IisNative));
    assert_eq!(codes(&r), map(&[("200", 1), ("404", 1), ("500", 1)]));
    assert_eq!(r.first_time.as_deref(), Some("2001-03-20T07:55:20Z"));
}

#[test]
fn httperr_is_not_explained_as_http() {
    let r = report(&["httperr.log"]);
    assert_eq!(r.records, 0, "no HTTP request in an HTTPERR log");
    let h = r.httperr.as_ref().map(|h| {
        (
            h.entries,
            h.rows
                .iter()
                .map(|x| (x.value.clone(), x.count))
                .collect::<Vec<_>>(),
        )
    });
    assert_eq!(
        h,
        Some((
            4,
            vec![
                ("Timer_ConnectionIdle".to_string(), 2),
                ("AppOffline".to_string(), 1),
                ("URL".to_string(), 1)
            ]
        ))
    );
    assert!(r.codes.is_empty());
    assert_eq!(r.counted(), 4);
}

#[test]
fn ftp_is_not_explained_as_http() {
    let r = report(&["ftp.log"]);
    assert_eq!(r.records, 0);
    let f = r.ftp.as_ref().map(|f| {
        f.rows
            .iter()
            .map(|x| (x.value.clone(), x.count))
            .collect::<Vec<_>>()
    });
    assert_eq!(
        f,
        Some(vec![
            ("-".to_string(), 2),
            ("331".to_string(), 1),
            ("530".to_string(), 1)
        ])
    );
    let cmds = r.ftp.as_ref().map(|f| f.commands.len());
    assert_eq!(cmds, Some(4));
}

#[test]
fn json_lines() {
    let r = report(&["json.log"]);
    assert_eq!(r.inputs[0].format, Some(Format::Json));
    assert_eq!((r.records, r.malformed), (4, 2));
    assert_eq!(
        codes(&r),
        map(&[("200", 1), ("401.2", 1), ("404", 1), ("502", 1)])
    );
    let custom = report(&["json_custom.log"]);
    assert_eq!((custom.records, custom.malformed), (0, 2));
    let options = Options {
        json: JsonFields {
            status: vec!["resp.code".into()],
            path: vec!["target".into()],
            time: vec!["when".into()],
            client: vec!["who".into()],
        },
        ..Options::default()
    };
    let custom = report_of(&["json_custom.log"], &options);
    assert_eq!(codes(&custom), map(&[("200", 1), ("503", 1)]));
    assert_eq!(custom.first_time.as_deref(), Some("2024-01-02T07:00:00Z"));
}

#[test]
fn crlf_and_mixed_formats_in_one_file() {
    let r = report(&["crlf.log"]);
    assert_eq!(
        (r.records, r.malformed, r.blank, r.directives),
        (3, 0, 1, 1)
    );
    assert_eq!(codes(&r), map(&[("200", 1), ("404", 1), ("500.0", 1)]));
    assert_eq!(r.formats.get(&Format::W3c), Some(&1));
    assert_eq!(r.formats.get(&Format::Ncsa), Some(&2));
}

#[test]
fn mixed_formats_in_one_run() {
    let r = report(&["combined.log", "iis_w3c.log", "json.log", "httperr.log"]);
    assert_eq!(r.records, 12 + 10 + 4);
    assert_eq!(r.malformed, 2 + 2 + 2);
    let formats: Vec<Option<Format>> = r.inputs.iter().map(|i| i.format).collect();
    assert_eq!(
        formats,
        vec![
            Some(Format::Ncsa),
            Some(Format::W3c),
            Some(Format::Json),
            Some(Format::W3c)
        ]
    );
    // Malformed examples name their input and line.
    let first: Vec<(String, u64)> = r
        .malformed_examples
        .iter()
        .map(|m| (m.input.rsplit('/').next().unwrap_or("").to_string(), m.line))
        .collect();
    assert_eq!(first[0], ("combined.log".to_string(), 10));
    assert!(first.contains(&("json.log".to_string(), 5)));
    assert_eq!(r.httperr.as_ref().map(|h| h.entries), Some(4));
}

#[test]
fn filters() {
    let only = |status: &str| Options {
        filters: Filters {
            status: status.parse::<StatusFilter>().ok(),
            ..Filters::default()
        },
        ..Options::default()
    };
    let r = report_of(&["combined.log"], &only("4xx"));
    assert_eq!((r.records, r.filtered), (6, 6));
    let r = report_of(&["iis_w3c.log"], &only("401.2,5xx"));
    assert_eq!(codes(&r), map(&[("401.2", 1), ("500.19", 1), ("503.2", 2)]));
    let since = Options {
        filters: Filters {
            since: Some(TimeBound {
                at: 1_696_946_400,
                text: "2023-10-10T14:00:00Z".into(),
            }),
            paths: vec!["/admin".into()],
            ..Filters::default()
        },
        ..Options::default()
    };
    let r = report_of(&["combined.log"], &since);
    assert_eq!(codes(&r), map(&[("200", 1), ("401", 1)]));
}

#[test]
fn report_in_thai() {
    let a = analyze_with(&[data("combined.log")], &Options::default());
    let r = Report::build(
        &a,
        &ReportOptions {
            lang: Lang::Th,
            ..ReportOptions::default()
        },
    );
    assert_eq!(r.lang, "th");
    let c404 = r
        .codes
        .iter()
        .find(|c| c.status == 404)
        .map(|c| c.title.clone())
        .unwrap_or_default();
    assert!(
        c404.chars().any(|c| ('\u{0e00}'..='\u{0e7f}').contains(&c)),
        "{c404}"
    );
}

// ---------------------------------------------------------------------------------------------
// The real samples (counts from shared/samples/SOURCES.md).

#[test]
fn elastic_apache_sample() {
    let path = data("elastic_examples_apache_logs.log.gz");
    // The stored file decompresses to the original, byte for byte.
    let mut raw = Vec::new();
    let gz = std::fs::read(&path).unwrap_or_default();
    flate2::read::MultiGzDecoder::new(&gz[..])
        .read_to_end(&mut raw)
        .ok();
    assert_eq!(raw.len(), 2_370_789);
    let r = Report::build(
        &analyze_with(&[path], &Options::default()),
        &ReportOptions::default(),
    );
    assert_eq!(r.inputs[0].compression, httpstatus_logs::Compression::Gzip);
    assert_eq!(
        codes(&r),
        map(&[
            ("200", 9126),
            ("206", 45),
            ("301", 164),
            ("304", 445),
            ("403", 2),
            ("404", 213),
            ("416", 2),
            ("500", 3)
        ])
    );
    assert_eq!((r.records, r.malformed), (10_000, 0));
}

#[test]
fn lnav_iis_repeated_headers() {
    let r = report(&["lnav_logfile_w3c_big.0.log"]);
    assert_eq!((r.records, r.malformed, r.directives), (210, 0, 44));
    assert_eq!(codes(&r), map(&[("200.0", 8), ("404.0", 202)]));
    let c404 = r.codes.iter().find(|c| c.code == "404.0").map(|c| {
        c.win32
            .iter()
            .map(|w| (w.code, w.count))
            .collect::<Vec<_>>()
    });
    assert_eq!(c404, Some(vec![(2, 200), (0, 2)]));
    let c200 = r.codes.iter().find(|c| c.code == "200.0").map(|c| {
        c.win32
            .iter()
            .map(|w| (w.code, w.count))
            .collect::<Vec<_>>()
    });
    assert_eq!(c200, Some(vec![(0, 7), (64, 1)]));
}

#[test]
fn lnav_variants() {
    // Oracle Web Cache: runs of spaces, quoted values, cs-uri instead of cs-uri-stem.
    let r = report(&["lnav_logfile_w3c.1.log"]);
    assert_eq!((r.records, r.malformed), (1, 0));
    assert_eq!(codes(&r), map(&[("200", 1)]));
    assert_eq!(r.codes[0].status, 200);
    // IIS Advanced Logging: date-local/time-local, quoted user agents, a garbage sub-status.
    let r = report(&["lnav_logfile_w3c.3.log"]);
    assert_eq!((r.records, r.malformed), (3, 0));
    assert_eq!(codes(&r), map(&[("200.0", 1), ("301.0", 1), ("404", 1)]));
    assert_eq!(r.first_time.as_deref(), Some("2012-08-15T17:00:00Z"));
    // More values than #Fields names.
    let r = report(&["lnav_logfile_w3c.5.log"]);
    assert_eq!((r.records, r.malformed), (0, 1));
    assert_eq!(
        r.malformed_examples[0].reason,
        "more values than #Fields names"
    );
    // Raw UTF-8 and a backslash in the user agent.
    let r = report(&["lnav_logfile_w3c.6.log"]);
    assert_eq!(codes(&r), map(&[("404.0", 1)]));
}

// ---------------------------------------------------------------------------------------------
// A generated log against awk, and parallel against sequential.

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("httpstatus-logs");
    std::fs::create_dir_all(&dir).ok();
    dir.join(name)
}

fn awk_counts(path: &Path, program: &str) -> BTreeMap<String, u64> {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("LC_ALL=C awk '{program}' \"$1\" | sort | uniq -c",))
        .arg("sh")
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("awk: {e}"));
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let n = it.next()?.parse().ok()?;
            Some((it.next()?.to_string(), n))
        })
        .collect()
}

fn status_counts(r: &Report) -> BTreeMap<String, u64> {
    let mut m = BTreeMap::new();
    for c in &r.codes {
        *m.entry(format!("{:03}", c.status)).or_insert(0) += c.count;
    }
    m
}

#[test]
fn generated_combined_matches_awk() {
    let path = tmp("generated-combined.log");
    let mut f =
        std::io::BufWriter::new(std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}")));
    let lines = gen::combined(&mut f, 7, 3_000_000).unwrap_or_default();
    f.flush().ok();
    drop(f);
    let r = Report::build(
        &analyze_with(std::slice::from_ref(&path), &Options::default()),
        &ReportOptions::default(),
    );
    assert_eq!(r.records, lines);
    assert_eq!(r.malformed, 0);
    assert_eq!(status_counts(&r), awk_counts(&path, "{print $9}"));
}

#[test]
fn generated_short_combined_matches_awk() {
    let path = tmp("generated-short.log");
    let mut f =
        std::io::BufWriter::new(std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}")));
    let lines = gen::combined_short(&mut f, 8, 3_000_000).unwrap_or_default();
    f.flush().ok();
    drop(f);
    let r = Report::build(
        &analyze_with(std::slice::from_ref(&path), &Options::default()),
        &ReportOptions::default(),
    );
    assert_eq!(r.records, lines);
    assert_eq!(r.malformed, 0);
    assert_eq!(status_counts(&r), awk_counts(&path, "{print $9}"));
    // Seven paths: every error code's top paths are among them, and add up to its count.
    for c in r.codes.iter().filter(|c| c.status >= 400) {
        assert!(c.top_paths.len() <= 7 && !c.approximate);
        assert_eq!(c.top_paths.iter().map(|p| p.count).sum::<u64>(), c.count);
    }
}

#[test]
fn generated_w3c_matches_awk() {
    let path = tmp("generated-w3c.log");
    let mut f =
        std::io::BufWriter::new(std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}")));
    gen::w3c(&mut f, 9, 2_000_000, 1000, true).unwrap_or_default();
    f.flush().ok();
    drop(f);
    let r = Report::build(
        &analyze_with(std::slice::from_ref(&path), &Options::default()),
        &ReportOptions::default(),
    );
    assert_eq!(r.malformed, 0);
    // Two layouts alternate: the status is field 12 in the long one and field 6 in the short one.
    let awk = awk_counts(
        &path,
        "/^#Fields/ {f = (NF == 16) ? 12 : 6} !/^#/ {print $f}",
    );
    assert_eq!(status_counts(&r), awk);
}

/// Many blocks, `#Fields` changing every 997 lines: the counts must not depend on the threads.
#[test]
fn parallel_equals_sequential() {
    let mut log = Vec::new();
    gen::w3c(
        &mut log,
        11,
        12 * httpstatus_logs::BLOCK_SIZE as u64,
        997,
        true,
    )
    .unwrap_or_default();
    gen::combined(&mut log, 12, 8 * httpstatus_logs::BLOCK_SIZE as u64).unwrap_or_default();
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        pool.install(|| {
            let r = bytes_report(&log, &Options::default());
            (
                r.records,
                r.malformed,
                r.lines,
                codes(&r),
                serde_json::to_value(&r.timeline).ok(),
            )
        })
    };
    let one = run(1);
    assert!(
        one.0 > 100_000 && one.1 == 0,
        "records {} malformed {}",
        one.0,
        one.1
    );
    assert_eq!(run(2), one);
    assert_eq!(run(4), one);
}

// ---------------------------------------------------------------------------------------------
// Bad input: never a panic, always a clear message, the rest still counted.

#[test]
fn bad_inputs() {
    let dir = tmp("bad");
    std::fs::create_dir_all(&dir).ok();
    let junk = dir.join("junk.bin");
    let mut rng = gen::Rng::new(3);
    std::fs::write(
        &junk,
        (0..100_000).map(|_| rng.next() as u8).collect::<Vec<u8>>(),
    )
    .ok();
    let empty = dir.join("empty.log");
    std::fs::write(&empty, b"").ok();
    let truncated = dir.join("truncated.log.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gen::combined(&mut gz, 5, 400_000).ok();
    let gz = gz.finish().unwrap_or_default();
    std::fs::write(&truncated, &gz[..gz.len() / 2]).ok();
    let long = dir.join("long-line.log");
    let mut content = std::fs::read(data("combined.log")).unwrap_or_default();
    content.extend(b"192.0.2.1 - - [10/Oct/2023:13:55:36 +0000] \"GET /");
    content.extend(std::iter::repeat_n(b'a', 1 << 20));
    content.extend(b" HTTP/1.1\" 414 0 \"-\" \"-\"\n");
    std::fs::write(&long, &content).ok();

    let args: Vec<std::ffi::OsString> = vec![
        data("missing.log").into(),
        dir.clone().into(),
        junk.clone().into(),
        empty.clone().into(),
        truncated.clone().into(),
        long.clone().into(),
        data("combined.log").into(),
    ];
    let (sources, errors) = expand(&args);
    let options = Options::default();
    let mut a = Analyzer::new(&options);
    for e in errors {
        a.add_error(e);
    }
    for s in &sources {
        a.add_source(s);
    }
    let analysis = a.finish();
    let messages: Vec<String> = analysis
        .errors
        .iter()
        .map(|e| format!("{}: {}", e.input, e.message))
        .collect();
    assert_eq!(messages.len(), 4, "{messages:?}");
    assert!(
        messages[0].contains("missing.log: no such file"),
        "{messages:?}"
    );
    assert!(messages[1].contains("is a directory"), "{messages:?}");
    assert!(
        messages.iter().any(|m| m.contains("junk.bin: binary data")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("truncated.log.gz") && m.contains("were counted")),
        "{messages:?}"
    );
    let r = Report::build(&analysis, &ReportOptions::default());
    // The truncated gzip's first half was counted; the 1 MB line was read whole (it is a 414).
    let truncated_input = r
        .inputs
        .iter()
        .find(|i| i.name.ends_with("truncated.log.gz"));
    assert!(
        truncated_input.is_some_and(|i| i.records > 100),
        "{truncated_input:?}"
    );
    assert_eq!(
        r.codes.iter().find(|c| c.status == 414).map(|c| c.count),
        Some(1)
    );
    let empty_input = r.inputs.iter().find(|i| i.name.ends_with("empty.log"));
    assert_eq!(empty_input.map(|i| i.lines), Some(0));
}

#[test]
fn a_line_longer_than_the_limit_is_malformed_not_buffered() {
    let mut log =
        b"192.0.2.1 - - [10/Oct/2023:13:55:36 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"\n"
            .to_vec();
    log.extend(std::iter::repeat_n(b'x', httpstatus_logs::MAX_LINE + 10));
    log.extend(
        b"\n192.0.2.1 - - [10/Oct/2023:13:55:37 +0000] \"GET / HTTP/1.1\" 503 1 \"-\" \"-\"\n",
    );
    let r = bytes_report(&log, &Options::default());
    assert_eq!((r.records, r.malformed, r.lines), (2, 1, 3));
    assert_eq!(r.malformed_examples[0].line, 2);
    assert_eq!(r.malformed_examples[0].reason, "line longer than 4 MiB");
}

/// Lines longer than a block, up to the limit, are read whole wherever the blocks fall, and the
/// lines around them too.
#[test]
fn long_lines_across_blocks() {
    let line = |status: u16, path_len: usize| {
        let mut l = b"192.0.2.1 - - [10/Oct/2023:13:55:36 +0000] \"GET /".to_vec();
        l.extend(std::iter::repeat_n(b'p', path_len));
        l.extend(format!(" HTTP/1.1\" {status} 1 \"-\" \"-\"\n").as_bytes());
        l
    };
    let block = httpstatus_logs::BLOCK_SIZE;
    let mut log = Vec::new();
    let mut expected = std::collections::BTreeMap::new();
    for (i, len) in [
        10,
        block - 200,
        block + 1,
        10,
        3 * block / 2,
        10,
        httpstatus_logs::MAX_LINE - 200,
        2 * block,
        10,
    ]
    .into_iter()
    .enumerate()
    {
        let status = 200 + u16::try_from(i).unwrap_or(0);
        log.extend(line(status, len));
        *expected.entry(format!("{status:03}")).or_insert(0u64) += 1;
        // Short lines between, so the long ones start anywhere in a block.
        for _ in 0..(i * 3_001) {
            log.extend(line(404, 5));
            *expected.entry("404".to_string()).or_insert(0) += 1;
        }
    }
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        let r = pool.install(|| bytes_report(&log, &Options::default()));
        assert_eq!(
            r.malformed, 0,
            "{threads} threads: {:?}",
            r.malformed_examples
        );
        assert_eq!(status_counts(&r), expected, "{threads} threads");
    }
}

#[test]
fn zstd_and_concatenated_gzip() {
    let plain = std::fs::read(data("combined.log")).unwrap_or_default();
    let z = zstd::encode_all(&plain[..], 3).unwrap_or_default();
    let r = bytes_report(&z, &Options::default());
    assert_eq!(r.records, 12);
    assert_eq!(r.inputs[0].compression, httpstatus_logs::Compression::Zstd);
    // Two gzip members, as `cat a.gz b.gz` makes.
    let mut two = Vec::new();
    for _ in 0..2 {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&plain).ok();
        two.extend(gz.finish().unwrap_or_default());
    }
    assert_eq!(bytes_report(&two, &Options::default()).records, 24);
}

#[test]
fn forced_format() {
    let options = Options {
        format: Some(Format::Json),
        ..Options::default()
    };
    let r = report_of(&["combined.log"], &options);
    assert_eq!(r.inputs[0].format, Some(Format::Json));
    // Forced means forced: no other format is tried, so the report's format name is true.
    assert_eq!(r.records, 0);
    assert!(r.malformed >= 12 && r.formats.is_empty(), "{:?}", r.formats);
    // A W3C log without any #Fields read with IIS's default fields.
    let line = b"2024-01-02 03:04:05 10.0.0.1 GET / - 443 - 192.0.2.7 - - 200 0 0 5\n";
    let r = bytes_report(
        line,
        &Options {
            format: Some(Format::W3c),
            ..Options::default()
        },
    );
    assert_eq!(codes(&r), map(&[("200.0", 1)]));
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut rng = gen::Rng::new(99);
    let seeds: [&[u8]; 4] = [
        b"#Fields: date time sc-status\n",
        b"1.2.3.4 - - [",
        b"{\"status\":",
        b"192.168.114.201, -, 03/20/01, ",
    ];
    for i in 0..300 {
        let mut input = seeds[i % seeds.len()].to_vec();
        for _ in 0..rng.below(300) {
            let b = match rng.below(6) {
                0 => b'\n',
                1 => b' ',
                2 => b'"',
                3 => b"0123456789"[rng.below(10) as usize],
                4 => b"[]#{}:,-+\\/"[rng.below(11) as usize],
                _ => rng.next() as u8,
            };
            input.push(b);
        }
        let r = bytes_report(&input, &Options::default());
        assert!(r.records + r.malformed <= r.lines);
    }
}

// ---------------------------------------------------------------------------------------------
// Renderers.

fn full_report() -> Report {
    report(&[
        "combined.log",
        "iis_w3c.log",
        "httperr.log",
        "ftp.log",
        "elastic_examples_apache_logs.log.gz",
    ])
}

#[test]
fn text_report() {
    let r = report(&["combined.log"]);
    let mut out = Vec::new();
    render::text(
        &r,
        &mut out,
        &TextOptions {
            width: 100,
            color: false,
            brief: false,
        },
    )
    .ok();
    let s = String::from_utf8(out).unwrap_or_default();
    assert!(s.starts_with("12 requests from 1 input(s) (ncsa)"), "{s}");
    assert!(s.contains("404 Not Found"), "{s}");
    assert!(s.contains("Clients gave up (nginx 499)"), "{s}");
    assert!(s.contains("line 10: no [time] field"), "{s}");
    assert!(!s.contains('\x1b'), "no colour when not asked");
    assert!(s.lines().all(|l| l.chars().count() <= 100), "{s}");
}

#[test]
fn csv_report_adds_up() {
    let r = report(&["iis_w3c.log"]);
    let mut out = Vec::new();
    render::csv(&r, &mut out).ok();
    let s = String::from_utf8(out).unwrap_or_default();
    let mut lines = s.lines();
    assert_eq!(
        lines.next(),
        Some("status,sub,code,class,win32,win32_name,count,percent,id,title,explanation")
    );
    let total: u64 = lines
        .map(|l| {
            l.split(',')
                .nth(6)
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0)
        })
        .sum();
    assert_eq!(total, r.records);
    assert!(
        s.contains("200,0,200.0,2xx,64,ERROR_NETNAME_DELETED,1,"),
        "{s}"
    );
}

#[test]
fn json_report_shape() {
    let r = report(&["iis_w3c.log", "combined.log"]);
    let v = serde_json::to_value(&r).unwrap_or_default();
    assert_eq!(v["schema"], "httpstatus-logs/1");
    assert_eq!(v["malformed"], 4);
    let codes = v["codes"].as_array().cloned().unwrap_or_default();
    assert!(codes
        .iter()
        .all(|c| c.get("status").is_some() && c.get("sub").is_some() && c.get("count").is_some()));
    assert!(codes
        .iter()
        .any(|c| c["status"] == 404 && c["sub"].is_null()));
    assert!(codes.iter().any(|c| c["status"] == 401 && c["sub"] == 2));
}

#[test]
fn html_escapes_everything_from_logs() {
    let evil = b"1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] \"GET /<script>alert(1)</script> HTTP/1.1\" 404 1 \"-\" \"-\"\n\
                 <img src=x onerror=alert(1)>\n";
    let r = bytes_report(evil, &Options::default());
    let mut out = Vec::new();
    render::html(&r, &mut out).ok();
    let s = String::from_utf8(out).unwrap_or_default();
    assert!(
        !s.contains("<script>") && !s.contains("<img"),
        "unescaped log text"
    );
    assert!(s.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        !s.contains("http://") && !s.contains("https://") && !s.contains("<script"),
        "no external resources, no script"
    );
}

/// The HTML report in headless Chromium: it renders (a screenshot is kept under target/) and the
/// browser logs no console message or failed load. Without Chromium, the testkit's SKIPPED line
/// (a failure under `HTTPSTATUS_REQUIRE_TOOLS=1`).
#[test]
fn html_report_in_chromium() {
    let Some(chromium) = httpstatus_testkit::chromium() else {
        return;
    };
    let r = full_report();
    let html_path = tmp("report.html");
    let png = tmp("report.png");
    let _ = std::fs::remove_file(&png);
    let mut out = Vec::new();
    render::html(&r, &mut out).ok();
    std::fs::write(&html_path, &out).unwrap_or_else(|e| panic!("{e}"));
    let profile = tmp("chromium-profile");
    let mut child = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--window-size=1200,2400",
            "--enable-logging=stderr",
            "--v=1",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", html_path.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromium.display()));
    let mut stderr = child.stderr.take().map(|mut s| {
        std::thread::spawn(move || {
            let mut buf = String::new();
            s.read_to_string(&mut buf).ok();
            buf
        })
    });
    let start = Instant::now();
    while child.try_wait().ok().flatten().is_none() {
        if start.elapsed() > Duration::from_secs(120) {
            child.kill().ok();
            panic!("chromium did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let log = stderr
        .take()
        .and_then(|h| h.join().ok())
        .unwrap_or_default();
    let png_bytes = std::fs::read(&png).unwrap_or_default();
    assert!(
        png_bytes.starts_with(b"\x89PNG") && png_bytes.len() > 10_000,
        "no screenshot; chromium said:\n{log}"
    );
    let console: Vec<&str> = log
        .lines()
        .filter(|l| {
            // Chromium's own background services log network errors too; only the page's count.
            l.contains(":CONSOLE")
                || l.contains("Uncaught")
                || l.contains("Refused to")
                || (l.contains("net::ERR_") && l.contains("report.html"))
        })
        .collect();
    assert!(
        console.is_empty(),
        "console errors:\n{}",
        console.join("\n")
    );
}

#[test]
fn report_json_validates_against_the_schema_file() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/report.schema.json"),
        )
        .unwrap_or_default(),
    )
    .unwrap_or_default();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    assert!(required.contains(&"malformed") && required.contains(&"codes"));
    let v = serde_json::to_value(full_report()).unwrap_or_default();
    let props = schema["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    // Every key of the report is documented in the schema, and every documented key is there.
    let keys: Vec<&String> = v
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    for k in &keys {
        assert!(props.contains_key(*k), "{k} is not in the schema");
    }
    for k in props.keys() {
        assert!(
            keys.contains(&k),
            "{k} is in the schema but not in the report"
        );
    }
}
