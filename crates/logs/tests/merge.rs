//! Partial reports: merging the partials of any split of a log gives the report of one run over the
//! whole log (a property test), top lists stay within their documented bound past their cap, and
//! bad partials are refused with a clear message.
#![allow(clippy::cast_possible_truncation, reason = "test data: small indexes")]

use httpstatus_logs::{
    Analysis, Analyzer, Filters, Options, Report, ReportOptions, StatusFilter, PARTIAL_FORMAT,
    PARTIAL_VERSION,
};
use proptest::prelude::*;
use serde_json::Value;

const CLIENTS: [&str; 5] = [
    "192.0.2.1",
    "192.0.2.2",
    "198.51.100.7",
    "2001:db8::1",
    "10.0.0.9",
];
const PATHS: [&str; 7] = [
    "/",
    "/api/items?id=3",
    "/.env",
    "/wp-login.php",
    "/a b",
    "/x/y",
    "/é",
];
const STATUSES: [u16; 12] = [200, 200, 200, 301, 304, 401, 403, 404, 444, 499, 500, 503];
const MONTHS: [&str; 3] = ["Jan", "Feb", "Mar"];

/// One line of a log: NCSA combined, JSON, malformed or blank.
fn line() -> impl Strategy<Value = String> {
    let ncsa = (0..CLIENTS.len(), 0..PATHS.len(), 0..STATUSES.len(), 0u32..3, 0u32..86_400 * 2)
        .prop_map(|(c, p, s, m, t)| {
            format!(
                "{} - - [{:02}/{}/2024:{:02}:{:02}:{:02} +0000] \"GET {} HTTP/1.1\" {} 12 \"-\" \"curl/8\"",
                CLIENTS[c],
                1 + t / 86_400,
                MONTHS[m as usize],
                (t / 3600) % 24,
                (t / 60) % 60,
                t % 60,
                PATHS[p].replace(' ', "%20"),
                STATUSES[s]
            )
        });
    let json = (
        0..CLIENTS.len(),
        0..PATHS.len(),
        0..STATUSES.len(),
        0i64..200_000,
    )
        .prop_map(|(c, p, s, t)| {
            format!(
                "{{\"status\":{},\"path\":{:?},\"client\":{:?},\"time\":{}}}",
                STATUSES[s],
                PATHS[p],
                CLIENTS[c],
                1_704_067_200 + t
            )
        });
    prop_oneof![
        8 => ncsa,
        3 => json,
        1 => Just("this is not a log line".to_string()),
        1 => Just(String::new()),
    ]
}

fn analyze(name: &str, text: &[u8], options: &Options) -> Analysis {
    let mut a = Analyzer::new(options);
    a.add_reader(name, text);
    a.finish()
}

/// Through the file format: written, read back.
fn round_trip(a: &Analysis) -> Analysis {
    let mut buf = Vec::new();
    a.write_partial(&mut buf)
        .unwrap_or_else(|e| panic!("write: {e}"));
    let mut parts = Analysis::read_partials(&buf[..]);
    assert_eq!(parts.len(), 1);
    parts
        .pop()
        .and_then(Result::ok)
        .unwrap_or_else(|| panic!("read back: {}", String::from_utf8_lossy(&buf)))
}

/// The report as JSON, without what depends on how the input was cut into inputs: the list of
/// inputs, and the malformed examples (numbered per input). The two sequence patterns are taken
/// out and returned apart: they are followed within a block, so a cut may break one.
fn comparable(a: &Analysis) -> (Value, u64) {
    let r = Report::build(a, &ReportOptions::default());
    let mut v = serde_json::to_value(&r).unwrap_or(Value::Null);
    if let Some(o) = v.as_object_mut() {
        o.remove("inputs");
        o.remove("malformed_examples");
    }
    let mut sequences = 0;
    if let Some(Value::Array(p)) = v.get_mut("patterns") {
        p.retain(|row| {
            let id = row["id"].as_str().unwrap_or("");
            if id == "windows-auth-handshake" || id == "auth-challenge-answered" {
                sequences += row["count"].as_u64().unwrap_or(0);
                false
            } else {
                true
            }
        });
    }
    (v, sequences)
}

/// The lines as a file: each with its line end, so a cut between lines is a cut between files.
fn file(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

fn check_split(lines: &[String], cuts: &[usize], options: &Options) {
    let text = file(lines);
    let whole = analyze("whole.log", text.as_bytes(), options);
    let mut bounds: Vec<usize> = cuts.iter().map(|c| c % (lines.len() + 1)).collect();
    bounds.push(0);
    bounds.push(lines.len());
    bounds.sort_unstable();
    bounds.dedup();
    let mut merged: Option<Analysis> = None;
    for (i, w) in bounds.windows(2).enumerate() {
        let part = file(&lines[w[0]..w[1]]);
        let a = round_trip(&analyze(&format!("part{i}.log"), part.as_bytes(), options));
        match &mut merged {
            None => merged = Some(a),
            Some(m) => m.merge(a).unwrap_or_else(|e| panic!("merge: {e}")),
        }
    }
    let merged = merged.unwrap_or_default();
    let (w, w_seq) = comparable(&whole);
    let (m, m_seq) = comparable(&merged);
    assert_eq!(m, w, "merged partials differ from one run; cuts {bounds:?}");
    assert!(
        m_seq <= w_seq,
        "sequence patterns: {m_seq} merged > {w_seq} whole"
    );
    let lines_in: u64 = merged.inputs.iter().map(|i| i.lines).sum();
    assert_eq!(lines_in, whole.inputs[0].lines);
    assert_eq!(merged.inputs.len(), bounds.len() - 1);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn merged_partials_equal_one_run(
        lines in prop::collection::vec(line(), 1..160),
        cuts in prop::collection::vec(0usize..1000, 0..6),
    ) {
        check_split(&lines, &cuts, &Options::default());
    }

    #[test]
    fn merged_partials_equal_one_run_with_filters(
        lines in prop::collection::vec(line(), 1..120),
        cuts in prop::collection::vec(0usize..1000, 1..4),
    ) {
        let options = Options {
            filters: Filters {
                status: "4xx,500".parse::<StatusFilter>().ok(),
                paths: vec!["/".to_string()],
                ..Filters::default()
            },
            ..Options::default()
        };
        check_split(&lines, &cuts, &options);
    }
}

/// Past the cap of a top list (2,048 distinct paths for one code), counts stay exact and the
/// heavy hitters keep their exact counts; no listed count is above the true one.
#[test]
fn top_lists_past_their_cap() {
    let mut lines = Vec::new();
    for i in 0..9000u32 {
        lines.push(format!(
            "192.0.2.{} - - [01/Jan/2024:00:00:{:02} +0000] \"GET /rare/{i} HTTP/1.1\" 404 0 \"-\" \"x\"",
            i % 200,
            i % 60
        ));
        if i % 3 == 0 {
            lines.push(
                "192.0.2.1 - - [01/Jan/2024:00:00:00 +0000] \"GET /hot HTTP/1.1\" 404 0 \"-\" \"x\""
                    .to_string(),
            );
        }
    }
    let options = Options::default();
    let whole = Report::build(
        &analyze("w", lines.join("\n").as_bytes(), &options),
        &ReportOptions::default(),
    );
    let mut merged: Option<Analysis> = None;
    for chunk in lines.chunks(4000) {
        let a = round_trip(&analyze("p", chunk.join("\n").as_bytes(), &options));
        match &mut merged {
            None => merged = Some(a),
            Some(m) => m.merge(a).unwrap_or_else(|e| panic!("{e}")),
        }
    }
    let merged = Report::build(&merged.unwrap_or_default(), &ReportOptions::default());
    let row = |r: &Report| r.codes.iter().find(|c| c.status == 404).cloned();
    let (w, m) = (row(&whole), row(&merged));
    let (Some(w), Some(m)) = (w, m) else {
        panic!("no 404 row")
    };
    assert_eq!((m.count, w.count), (12_000, 12_000));
    assert!(m.approximate && w.approximate);
    assert_eq!(m.top_paths[0].value, "/hot");
    assert_eq!(m.top_paths[0].count, 3000);
    for c in &m.top_paths[1..] {
        assert!(c.count <= 1, "{c:?}");
    }
    // Top clients: 200 distinct, under the cap: exact, identical.
    assert_eq!(m.top_clients, w.top_clients);
}

fn read_error(text: &str) -> String {
    match Analysis::read_partials(text.as_bytes()).pop() {
        Some(Err(e)) => e,
        other => panic!("accepted: {other:?}"),
    }
}

#[test]
fn bad_partials_are_refused() {
    let other = format!(
        "{{\"format\":\"{PARTIAL_FORMAT}\",\"version\":{}}}",
        PARTIAL_VERSION + 1
    );
    let e = read_error(&other);
    assert!(
        e.contains("version 2") && e.contains("reads version 1"),
        "{e}"
    );
    let e = read_error("{\"schema\":\"httpstatus-logs/1\"}");
    assert!(e.starts_with("not a partial report"), "{e}");
    let e = read_error("1.2.3.4 - - [01/Jan/2024:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1");
    assert!(e.starts_with("not a partial report"), "{e}");
    let e = read_error(&format!(
        "{{\"format\":\"{PARTIAL_FORMAT}\",\"version\":1,\"summary\":7}}"
    ));
    assert!(e.starts_with("damaged partial report"), "{e}");
    let e = read_error("");
    assert!(e.starts_with("empty"), "{e}");
    // A bucket width that is not one of the ladder's.
    let mut buf = Vec::new();
    analyze(
        "a",
        b"1.2.3.4 - - [01/Jan/2024:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1\n",
        &Options::default(),
    )
    .write_partial(&mut buf)
    .unwrap_or_else(|e| panic!("{e}"));
    let text =
        String::from_utf8_lossy(&buf).replace("\"bucket_seconds\":60", "\"bucket_seconds\":61");
    assert!(read_error(&text).contains("bucket_seconds 61"));
    // Counts that contradict each other (a hand-edited file), or that could overflow a merge.
    let good = String::from_utf8_lossy(&buf).into_owned();
    for (from, to) in [
        ("\"records\":1,\"filtered\"", "\"records\":2,\"filtered\""),
        (
            "\"lines\":1,\"blank\"",
            "\"lines\":18446744073709551615,\"blank\"",
        ),
        ("\"count\":1}", "\"count\":7}"),
    ] {
        assert!(good.contains(from), "{from} not in {good}");
        let e = read_error(&good.replacen(from, to, 1));
        assert!(e.contains("the counts do not add up"), "{from}: {e}");
    }
    let merged = Analysis::read_partials(good.as_bytes()).pop();
    assert!(matches!(merged, Some(Ok(_))));
}

#[test]
fn several_partials_in_one_stream_and_different_filters() {
    let log = b"1.2.3.4 - - [01/Jan/2024:00:00:00 +0000] \"GET / HTTP/1.1\" 404 1\n";
    let plain = analyze("a", log, &Options::default());
    let mut buf = Vec::new();
    for _ in 0..3 {
        plain
            .write_partial(&mut buf)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let parts = Analysis::read_partials(&buf[..]);
    assert_eq!(parts.len(), 3);
    let mut all = Analysis::default();
    all.filters = plain.filters.clone();
    for p in parts {
        all.merge(p.unwrap_or_default())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    assert_eq!(all.summary.records(), 3);
    let filtered = Options {
        filters: Filters {
            status: "404".parse::<StatusFilter>().ok(),
            ..Filters::default()
        },
        ..Options::default()
    };
    let e = all
        .merge(round_trip(&analyze("b", log, &filtered)))
        .err()
        .unwrap_or_default();
    assert!(
        e.contains("--status 404") && e.contains("same --status"),
        "{e}"
    );
}

#[test]
fn partial_details_are_in_code_order_whatever_came_first() {
    let line = |status: u16| {
        format!("192.0.2.1 - - [01/Jan/2024:00:00:00 +0000] \"GET /x HTTP/1.1\" {status} 1 \"-\" \"c\"\n")
    };
    let order = |statuses: &[u16]| {
        let text: String = statuses.iter().map(|s| line(*s)).collect();
        let mut buf = Vec::new();
        analyze("a.log", text.as_bytes(), &Options::default())
            .write_partial(&mut buf)
            .unwrap_or_else(|e| panic!("write: {e}"));
        let doc: Value = serde_json::from_slice(&buf).unwrap_or_else(|e| panic!("{e}"));
        let details = doc["summary"]["details"]
            .as_array()
            .unwrap_or_else(|| panic!("details in {doc}"))
            .iter()
            .map(|d| d["status"].as_u64().unwrap_or(0))
            .collect::<Vec<_>>();
        (details, buf)
    };
    let (first, a) = order(&[503, 404, 500, 401]);
    let (second, b) = order(&[401, 500, 404, 503]);
    assert_eq!(first, [401, 404, 500, 503]);
    assert_eq!(a, b, "the same lines in another order: the same partial");
    assert_eq!(second, first);
}
