//! The relevance set: queries as developers type them, with the entries they would accept.
//!
//! `relevance/en.tsv` and `relevance/th.tsv` were written before the ranking was tuned. This test
//! reports top-1 accuracy (the first result is accepted) and top-3 accuracy (one of the first three
//! is) per language, lists the misses, and fails when accuracy drops below the figures reached.
//! Run with `cargo test -p httpstatus-codes --test relevance -- --nocapture` to see the report.

/// The lowest accepted accuracy, in per cent: (top-1, top-3). Raise them when the ranking improves.
const EN_FLOOR: (f64, f64) = (99.0, 100.0);
const TH_FLOOR: (f64, f64) = (100.0, 100.0);

struct Case<'a> {
    query: &'a str,
    accepted: Vec<&'a str>,
}

fn cases(text: &str) -> Vec<Case<'_>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (query, ids) = l.split_once('\t').expect("query<TAB>ids");
            Case {
                query,
                accepted: ids.split_whitespace().collect(),
            }
        })
        .collect()
}

/// Returns (top-1 %, top-3 %) and prints the misses.
fn measure(lang: &str, text: &str) -> (f64, f64) {
    let cases = cases(text);
    let (mut top1, mut top3) = (0usize, 0usize);
    for case in &cases {
        let hits = httpstatus_codes::search(case.query);
        let ids: Vec<&str> = hits.iter().take(3).map(|h| h.entry.id).collect();
        let first = ids.first().is_some_and(|id| case.accepted.contains(id));
        let three = ids.iter().any(|id| case.accepted.contains(id));
        top1 += usize::from(first);
        top3 += usize::from(three);
        if !first {
            println!(
                "{lang} {} {:?}: got {ids:?}, accepted {:?}",
                if three { "top-3" } else { "MISS " },
                case.query,
                case.accepted
            );
        }
    }
    let pct = |n: usize| 100.0 * n as f64 / cases.len() as f64;
    println!(
        "{lang}: {} queries, top-1 {:.1} %, top-3 {:.1} %",
        cases.len(),
        pct(top1),
        pct(top3)
    );
    (pct(top1), pct(top3))
}

#[test]
fn english_relevance() {
    let text = include_str!("relevance/en.tsv");
    assert!(cases(text).len() >= 100, "at least 100 English queries");
    let (top1, top3) = measure("en", text);
    assert!(
        top1 >= EN_FLOOR.0,
        "en top-1 {top1:.1} % < {} %",
        EN_FLOOR.0
    );
    assert!(
        top3 >= EN_FLOOR.1,
        "en top-3 {top3:.1} % < {} %",
        EN_FLOOR.1
    );
}

#[test]
fn thai_relevance() {
    let text = include_str!("relevance/th.tsv");
    assert!(cases(text).len() >= 50, "at least 50 Thai queries");
    let (top1, top3) = measure("th", text);
    assert!(
        top1 >= TH_FLOOR.0,
        "th top-1 {top1:.1} % < {} %",
        TH_FLOOR.0
    );
    assert!(
        top3 >= TH_FLOOR.1,
        "th top-3 {top3:.1} % < {} %",
        TH_FLOOR.1
    );
}

#[test]
fn every_accepted_id_exists() {
    for text in [
        include_str!("relevance/en.tsv"),
        include_str!("relevance/th.tsv"),
    ] {
        for case in cases(text) {
            for id in &case.accepted {
                assert!(
                    httpstatus_codes::by_id(id).is_some(),
                    "{:?}: no entry {id}",
                    case.query
                );
            }
        }
    }
}
