//! The registry checked against the reference data (`fixtures/registry.tsv`, a copy of
//! `shared/reference/registry.tsv`), the seed page's code list, and its own invariants.
#![allow(clippy::unwrap_used, reason = "tests report failure by panicking")]

use std::collections::{BTreeMap, BTreeSet};

use httpstatus_codes::{
    entries, explain, find_all, lookup, lookup_sub, search, Body, Class, Explanation, Namespace,
    Query, Redirect, RegistryStatus, Retry, Wire,
};

const TSV: &str = include_str!("fixtures/registry.tsv");
const SEED: &str = include_str!("fixtures/seed-codes.txt");

struct Row<'a> {
    code: &'a str,
    phrase: &'a str,
    source: &'a str,
    status: &'a str,
}

fn rows() -> Vec<Row<'static>> {
    TSV.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Row {
                code: f[0],
                phrase: f[1],
                source: f[2],
                status: f[3],
            }
        })
        .collect()
}

#[test]
fn every_reference_row_round_trips() {
    let rows = rows();
    assert_eq!(rows.len(), 247, "fixture rows");
    assert_eq!(entries().len(), rows.len(), "one entry per reference row");
    for row in &rows {
        let ns =
            Namespace::from_token(row.source).unwrap_or_else(|| panic!("namespace {}", row.source));
        let candidates: Vec<_> = if let Some((a, b)) = row.code.split_once('-') {
            let (a, b): (u16, u16) = (a.parse().unwrap(), b.parse().unwrap());
            entries()
                .iter()
                .filter(|e| e.code == a && e.code_end == Some(b) && e.namespace == ns)
                .collect()
        } else if let Some((c, s)) = row.code.split_once('.') {
            find_all(ns, c.parse().unwrap(), Some(s.parse().unwrap()))
                .iter()
                .collect()
        } else {
            find_all(ns, row.code.parse().unwrap(), None)
                .iter()
                .collect()
        };
        let e = candidates
            .iter()
            .find(|e| e.phrase == row.phrase)
            .unwrap_or_else(|| {
                panic!(
                    "{} {} {:?}: no entry with that phrase",
                    row.source, row.code, row.phrase
                )
            });
        assert_eq!(e.status.token(), row.status, "{}", e.id);
        assert_eq!(e.namespace.token(), row.source, "{}", e.id);
        if let Some((_, s)) = row.code.split_once('.') {
            // Sub-status is an integer, never a decimal fraction: "500.100" is sub 100.
            assert_eq!(e.sub, Some(s.parse().unwrap()), "{}", e.id);
            assert_eq!(
                e.id, row.code,
                "IIS sub-status ids are written as in the reference"
            );
        }
    }
}

#[test]
fn counts_match_the_iana_registry() {
    let iana: Vec<_> = entries()
        .iter()
        .filter(|e| e.namespace == Namespace::Iana && !e.is_unassigned())
        .collect();
    assert_eq!(iana.len(), 64, "IANA numbered entries");
    let count = |s| iana.iter().filter(|e| e.status == s).count();
    assert_eq!(count(RegistryStatus::Assigned), 59);
    assert_eq!(count(RegistryStatus::Temporary), 1);
    assert_eq!(count(RegistryStatus::Deprecated), 1);
    assert_eq!(count(RegistryStatus::Reserved), 2);
    assert_eq!(count(RegistryStatus::Obsoleted), 1);
}

#[test]
fn ids_are_unique_and_the_table_is_sorted() {
    let ids: BTreeSet<_> = entries().iter().map(|e| e.id).collect();
    assert_eq!(ids.len(), entries().len());
    for pair in entries().windows(2) {
        let key = |e: &httpstatus_codes::Entry| (e.code, e.sub, e.namespace, e.id);
        assert!(
            key(&pair[0]) < key(&pair[1]),
            "{} before {}",
            pair[0].id,
            pair[1].id
        );
    }
    for e in entries() {
        assert_eq!(httpstatus_codes::by_id(e.id).map(|x| x.id), Some(e.id));
    }
}

#[test]
fn class_matches_first_digit() {
    for e in entries() {
        match e.code {
            100..=599 => assert_eq!(e.class().digit(), Some(e.code / 100), "{}", e.id),
            _ => assert_eq!(e.class(), Class::NonStandard, "{}", e.id),
        }
    }
}

#[test]
fn every_sub_status_has_its_parent_and_reaches_the_wire_as_it() {
    for e in entries().iter().filter(|e| e.sub.is_some()) {
        assert_eq!(e.namespace, Namespace::Iis, "{}", e.id);
        let parent = lookup(e.code).unwrap_or_else(|| panic!("{} has no parent {}", e.id, e.code));
        assert_eq!(e.semantics.wire, Wire::SentAs(parent.code), "{}", e.id);
        assert_eq!(
            e.semantics.body, parent.semantics.body,
            "{} inherits body rules",
            e.id
        );
        // A sub-status keeps its parent's retry advice unless it names a fault that no retry
        // cures (IIS configuration and start-up errors, a refused file type).
        assert!(
            e.semantics.retry == parent.semantics.retry
                || matches!(e.semantics.retry, Retry::AfterServerFix | Retry::Never),
            "{} inherits retry advice or narrows it",
            e.id
        );
    }
    // 500.1 and 500.100 are different codes; so are 400.1 and 400.10.
    assert_ne!(
        lookup_sub(400, 1).map(|e| e.id),
        lookup_sub(400, 10).map(|e| e.id)
    );
    assert!(lookup_sub(500, 100).is_some());
}

fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// Scripts a Thai text may contain: Thai, plus Latin for protocol terms, digits and punctuation.
fn allowed_in_thai(c: char) -> bool {
    is_thai(c)
        || c.is_ascii()
        || matches!(
            c,
            '–' | '—'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '…'
                | '§'
                | '×'
                | '→'
                | '•'
                | '≥'
                | '≤'
                | '\u{a0}'
        )
}

#[test]
fn every_entry_has_english_and_thai_texts() {
    let mut problems = Vec::new();
    for e in entries() {
        for (field, t) in [
            ("title", e.title),
            ("summary", e.summary),
            ("description", e.description),
        ] {
            if t.en.trim().is_empty() {
                problems.push(format!("{}: en.{field} empty", e.id));
            }
            if t.en.chars().any(is_thai) {
                problems.push(format!("{}: en.{field} contains Thai", e.id));
            }
            if !t.th.chars().any(is_thai) {
                problems.push(format!("{}: th.{field} is not Thai", e.id));
            }
            if let Some(c) = t.th.chars().find(|c| !allowed_in_thai(*c)) {
                problems.push(format!(
                    "{}: th.{field} has {c:?} (U+{:04X}), another script",
                    e.id, c as u32
                ));
            }
        }
        for t in e.causes.iter().chain(e.fixes) {
            if t.en.trim().is_empty() || !t.th.chars().any(is_thai) {
                problems.push(format!("{}: a cause or fix lacks English or Thai", e.id));
            }
        }
        let vendorish = !matches!(e.namespace, Namespace::Iana);
        if vendorish && (e.causes.is_empty() || e.fixes.is_empty()) {
            problems.push(format!(
                "{}: IIS and vendor entries need causes and fixes",
                e.id
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn references_are_well_formed_urls() {
    for e in entries() {
        let url = e.reference.url;
        let rest = url
            .strip_prefix("https://")
            .unwrap_or_else(|| panic!("{}: {url} is not https", e.id));
        let host = rest.split('/').next().unwrap_or("");
        assert!(
            host.contains('.') && !url.contains(char::is_whitespace),
            "{}: {url}",
            e.id
        );
        if e.reference.label.starts_with("RFC ") && e.reference.label.contains('§') {
            let section = e.reference.label.rsplit('§').next().unwrap();
            assert!(
                url.ends_with(&format!("#section-{section}")),
                "{}: RFC link must reach the section",
                e.id
            );
        }
    }
}

#[test]
fn aliases_are_unique_per_namespace_and_related_ids_resolve() {
    let mut seen: BTreeMap<(Namespace, String), &str> = BTreeMap::new();
    for e in entries() {
        for alias in e.aliases {
            let key = (e.namespace, alias.to_lowercase());
            if let Some(other) = seen.insert(key, e.id) {
                panic!("alias {alias:?} on both {other} and {}", e.id);
            }
        }
        assert_eq!(
            e.related_entries().count(),
            e.related.len(),
            "{}: related ids resolve",
            e.id
        );
    }
}

fn seed_rows() -> Vec<(&'static str, &'static str)> {
    SEED.lines().filter_map(|l| l.split_once(" – ")).collect()
}

#[test]
fn every_code_of_the_seed_resolves() {
    let rows = seed_rows();
    assert!(rows.len() >= 70, "seed list parsed");
    for (code, _) in rows {
        let q = Query::parse(code).unwrap_or_else(|e| panic!("{code}: {e}"));
        assert!(!q.entries().is_empty(), "seed code {code} resolves");
    }
}

#[test]
fn the_seeds_wrong_phrases_find_the_right_entries() {
    let with_notes: Vec<_> = entries().iter().filter(|e| e.seed.is_some()).collect();
    assert!(with_notes.len() >= 20, "seed corrections are recorded");
    for e in with_notes {
        let phrase = e.seed.map(|s| s.phrase).unwrap_or_default();
        let hits = search(phrase);
        let rank = hits.iter().position(|h| h.entry.id == e.id);
        assert!(
            rank.is_some_and(|r| r < 3),
            "searching the seed's {phrase:?} should find {} near the top",
            e.id
        );
    }
    // The classic cases from NOTES.md §7, by hand.
    for (wrong, right) in [
        ("Object moved", "302"),
        ("Execution failed", "417"),
        ("Locked error", "423"),
    ] {
        assert_eq!(search(wrong)[0].entry.id, right, "{wrong}");
    }
}

#[test]
fn deliberate_differences_from_http_canonical_reason() {
    let mut diffs = Vec::new();
    for e in entries()
        .iter()
        .filter(|e| e.namespace == Namespace::Iana && !e.is_unassigned())
    {
        let reason = http::StatusCode::from_u16(e.code)
            .ok()
            .and_then(|s| s.canonical_reason());
        if reason != Some(e.phrase) {
            diffs.push(format!("{} {:?} vs http {:?}", e.code, e.phrase, reason));
        }
    }
    // Each difference is on purpose: IANA's current phrase (RFC 9110 renames), the reserved and
    // obsoleted marks, and codes the `http` crate does not name.
    let expected = [
        "104 \"Upload Resumption Supported\" vs http None",
        "203 \"Non-Authoritative Information\" vs http Some(\"Non Authoritative Information\")",
        "306 \"(Unused)\" vs http None",
        "413 \"Content Too Large\" vs http Some(\"Payload Too Large\")",
        "418 \"(Unused)\" vs http Some(\"I'm a teapot\")",
        "422 \"Unprocessable Content\" vs http Some(\"Unprocessable Entity\")",
        "510 \"Not Extended (OBSOLETED)\" vs http Some(\"Not Extended\")",
    ];
    assert_eq!(diffs, expected);
}

#[test]
fn semantics_follow_rfc_9110() {
    let cacheable: Vec<u16> = entries()
        .iter()
        .filter(|e| e.namespace == Namespace::Iana && e.semantics.cacheable)
        .map(|e| e.code)
        .collect();
    assert_eq!(
        cacheable,
        [200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 451, 501]
    );
    for code in [100, 101, 103, 204, 205, 304] {
        assert_eq!(
            lookup(code).unwrap().semantics.body,
            Body::Forbidden,
            "{code}"
        );
    }
    assert_eq!(lookup(200).unwrap().semantics.body, Body::Allowed);
    assert_eq!(lookup(429).unwrap().semantics.retry, Retry::RetryAfter);
    assert_eq!(lookup(503).unwrap().semantics.retry, Retry::RetryAfter);
    assert_eq!(lookup(400).unwrap().semantics.retry, Retry::Never);
    assert_eq!(
        lookup(303).unwrap().semantics.redirect,
        Some(Redirect::SeeOther)
    );
    assert!(lookup(307)
        .unwrap()
        .semantics
        .redirect
        .is_some_and(Redirect::keeps_method));
    assert!(lookup(308)
        .unwrap()
        .semantics
        .redirect
        .is_some_and(|r| r.keeps_method() && r.is_permanent()));
    assert!(!lookup(302)
        .unwrap()
        .semantics
        .redirect
        .is_some_and(Redirect::keeps_method));
    let must = |code: u16, name: &str| {
        lookup(code)
            .unwrap()
            .semantics
            .headers
            .iter()
            .any(|h| h.name == name)
    };
    assert!(must(401, "WWW-Authenticate") && must(407, "Proxy-Authenticate") && must(405, "Allow"));
    assert!(must(416, "Content-Range") && must(429, "Retry-After") && must(301, "Location"));
    // Codes that never reach a client.
    for (ns, code) in [
        (Namespace::Nginx, 444),
        (Namespace::Nginx, 499),
        (Namespace::Aws, 0),
    ] {
        assert_eq!(
            find_all(ns, code, None)[0].semantics.wire,
            Wire::LogOnly,
            "{ns}:{code}"
        );
    }
    assert_eq!(
        find_all(Namespace::Nginx, 494, None)[0].wire_code(),
        Some(400)
    );
}

#[test]
fn unknown_codes_are_read_as_rfc_9110_says() {
    match explain(463) {
        Some(Explanation::Unassigned {
            treat_as, range, ..
        }) => {
            assert_eq!(treat_as.code, 400);
            assert!(range.covers(463));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        explain(799),
        Some(Explanation::NonStandard { code: 799 })
    ));
    assert!(matches!(explain(404), Some(Explanation::Registered(e)) if e.code == 404));
    assert_eq!(explain(1000), None);
    // One number, several meanings, none overwriting another.
    let ids: Vec<_> = httpstatus_codes::meanings(499)
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, ["nginx:499", "esri:499"]);
    let ids: Vec<_> = httpstatus_codes::meanings(451)
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, ["451", "microsoft:451"]);
}

#[test]
fn search_ranks_phrases_aliases_and_thai() {
    let top = |q: &str| search(q).first().map(|h| h.entry.id).unwrap_or("(none)");
    assert_eq!(top("too many requests"), "429");
    assert_eq!(top("Payload Too Large"), "413");
    assert_eq!(top("unprocessable entity"), "422");
    assert_eq!(top("Request-URI Too Long"), "414");
    assert_eq!(top("directory listing denied"), "403.14");
    assert_eq!(top("client closed request"), "nginx:499");
    assert_eq!(top("gatway timout"), "504");
    assert_eq!(top("Forbiden"), "403");
    assert!(search("ไม่พบ").iter().take(5).any(|h| h.entry.id == "404"));
    assert!(search("qqqqzzzz").is_empty());
    assert!(search("").is_empty());
}

#[test]
fn every_code_from_100_to_999_has_an_answer() {
    for code in 0..=999u16 {
        let e = explain(code).expect("0-999 are accepted");
        assert_eq!(e.code(), code);
        if (100..=599).contains(&code) {
            assert!(
                e.entry().is_some(),
                "{code}: a standard-range code always has an entry to read it by"
            );
        }
    }
}

#[test]
fn http_status_code_conversions() {
    let e = lookup_sub(403, 14).unwrap();
    assert_eq!(
        httpstatus_codes::to_http(e),
        Some(http::StatusCode::FORBIDDEN)
    );
    assert_eq!(
        httpstatus_codes::to_http(&find_all(Namespace::Nginx, 499, None)[0]),
        None
    );
    for code in 100..=999u16 {
        let status = http::StatusCode::from_u16(code).unwrap();
        assert_eq!(httpstatus_codes::from_http(status).code(), code);
    }
}

#[path = "data/guide.rs"]
mod guide;
