//! The API designer's guide (`data/guide.toml`) against the registry: every code exists, every
//! header is one the code's semantics allow, every MUST of the registry is in the guide, the
//! example bodies are RFC 9457 problem documents, and the Thai follows the project's vocabulary.

use std::collections::BTreeSet;

use httpstatus_codes::guide::{self, Target};
use httpstatus_codes::{lookup, Body, Class, Level, RegistryStatus};

use super::{allowed_in_thai, is_thai};

/// Headers any response with content may carry: they describe the content or its caching,
/// not the status (RFC 9110 §8, §12.5.5; RFC 9111 §5.2; RFC 8288).
const ANY_STATUS: &[&str] = &[
    "Cache-Control",
    "Vary",
    "Link",
    "Content-Location",
    "Expires",
];
/// Headers that describe content, so never on a code whose response has no content.
const CONTENT: &[&str] = &["Content-Type", "Content-Language"];
/// Allowed by a section of RFC 9110 the registry's header hints do not list.
const EXTRA: &[(u16, &str, &str)] =
    &[(408, "Connection", "RFC 9110 §15.5.9: close the connection")];

fn allowed(code: u16, name: &str) -> bool {
    let Some(e) = lookup(code) else { return false };
    e.semantics
        .headers
        .iter()
        .any(|h| h.name.eq_ignore_ascii_case(name))
        || ANY_STATUS.contains(&name)
        || (CONTENT.contains(&name) && e.semantics.body == Body::Allowed)
        || EXTRA.iter().any(|&(c, n, _)| c == code && n == name)
}

#[test]
fn covers_at_least_25_situations_in_both_languages() {
    assert!(
        guide::situations().len() >= 25,
        "{}",
        guide::situations().len()
    );
    let ids: BTreeSet<_> = guide::situations().iter().map(|s| s.id).collect();
    assert_eq!(ids.len(), guide::situations().len(), "ids are unique");
    for id in [
        "validation-failed",
        "not-signed-in",
        "forbidden",
        "hidden-resource",
        "conflict-duplicate",
        "stale-version",
        "rate-limited",
        "accepted-async",
        "created",
        "deleted",
        "moved-permanently",
        "maintenance",
        "upstream-failed",
        "upstream-timeout",
    ] {
        assert!(guide::situation(id).is_some(), "the issue asks for {id}");
    }
}

#[test]
fn every_code_exists_in_the_registry_and_is_in_use() {
    for s in guide::situations() {
        for c in s.choices {
            let e = c
                .entry()
                .unwrap_or_else(|| panic!("{}: {} is not in the registry", s.id, c.code));
            assert_eq!(
                e.status,
                RegistryStatus::Assigned,
                "{}: {} is not assigned",
                s.id,
                c.code
            );
            assert!(
                !matches!(e.class(), Class::Informational),
                "{}: 1xx is no answer",
                s.id
            );
        }
    }
}

#[test]
fn every_header_is_one_the_codes_semantics_allow() {
    let mut problems = Vec::new();
    for s in guide::situations() {
        for h in s.headers {
            assert!(
                s.choices.iter().any(|c| c.code == h.code),
                "{}: {}",
                s.id,
                h.name
            );
            if !allowed(h.code, h.name) {
                problems.push(format!(
                    "{}: {} is not a header of {}",
                    s.id, h.name, h.code
                ));
            }
            if !h.reference.url.starts_with("https://") || h.reference.label.is_empty() {
                problems.push(format!("{}: {} has no reference", s.id, h.name));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_must_of_the_registry_is_in_the_guide_as_a_must() {
    let mut problems = Vec::new();
    for s in guide::situations() {
        for c in s.choices {
            let e = lookup(c.code).unwrap();
            for hint in e
                .semantics
                .headers
                .iter()
                // Conditional MUSTs (304's "when a 200 would carry it", 206's "single part") are
                // for the situation's own text; the unconditional ones must be listed.
                .filter(|h| h.level == Level::Must && h.when.is_none())
            {
                let listed = s
                    .headers
                    .iter()
                    .find(|h| h.code == c.code && h.name.eq_ignore_ascii_case(hint.name));
                match listed {
                    Some(h) if h.level == Level::Must => {}
                    Some(_) => {
                        problems.push(format!("{}: {} on {} is a MUST", s.id, hint.name, c.code))
                    }
                    None => problems.push(format!("{}: {} needs {}", s.id, c.code, hint.name)),
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn examples_are_problem_documents_for_the_error_codes() {
    let mut problems = Vec::new();
    for s in guide::situations() {
        let errorish = s.choices[0].code >= 400;
        match s.example {
            None if errorish => {
                problems.push(format!("{}: an error situation needs an example", s.id))
            }
            None => {}
            Some(text) => {
                let v: serde_json::Value = serde_json::from_str(text)
                    .unwrap_or_else(|e| panic!("{}: example is not JSON: {e}", s.id));
                for member in ["type", "title", "status", "detail", "instance"] {
                    if v.get(member).is_none() {
                        problems.push(format!("{}: example lacks {member}", s.id));
                    }
                }
                let status = v["status"].as_u64().unwrap_or(0);
                if !s.choices.iter().any(|c| u64::from(c.code) == status) || status < 400 {
                    problems.push(format!(
                        "{}: example status {status} is not an error choice",
                        s.id
                    ));
                }
                let ty = v["type"].as_str().unwrap_or("");
                if !(ty == "about:blank" || ty.starts_with("https://")) {
                    problems.push(format!("{}: example type {ty:?} is not a URI", s.id));
                }
            }
        }
        // No example body for codes that cannot carry one.
        if s.choices
            .iter()
            .all(|c| lookup(c.code).unwrap().semantics.body == Body::Forbidden)
        {
            assert!(s.example.is_none(), "{}", s.id);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_tree_reaches_every_situation_and_only_real_targets() {
    assert_eq!(guide::start().id, "start");
    let mut reached = BTreeSet::new();
    let mut stack = vec![guide::start()];
    let mut seen = BTreeSet::new();
    while let Some(n) = stack.pop() {
        if !seen.insert(n.id) {
            continue;
        }
        for a in n.answers {
            match a.target {
                Target::Node(id) => stack.push(guide::node(id).expect("node exists")),
                Target::Situation(id) => {
                    assert!(guide::situation(id).is_some(), "{id}");
                    reached.insert(id);
                }
            }
        }
    }
    let all: BTreeSet<_> = guide::situations().iter().map(|s| s.id).collect();
    assert_eq!(reached, all);
    assert_eq!(seen.len(), guide::nodes().len());
    for s in guide::situations() {
        for r in s.related {
            assert!(guide::situation(r).is_some(), "{}: related {r}", s.id);
        }
    }
}

/// Every Thai text of the guide, with where it comes from.
fn thai_texts() -> Vec<(String, &'static str, &'static str)> {
    let mut out = Vec::new();
    for s in guide::situations() {
        let mut push = |what: &str, t: httpstatus_codes::Text| {
            out.push((format!("{} {what}", s.id), t.en, t.th))
        };
        push("title", s.title);
        push("question", s.question);
        push("answer", s.answer);
        for m in s.mistakes {
            push("mistake", *m);
        }
        for c in s.choices {
            push("choice", c.when);
        }
        for h in s.headers {
            push("header", h.note);
        }
    }
    for n in guide::nodes() {
        out.push((format!("node {}", n.id), n.question.en, n.question.th));
        for a in n.answers {
            out.push((format!("node {} answer", n.id), a.label.en, a.label.th));
        }
    }
    out
}

#[test]
fn thai_follows_the_vocabulary() {
    let mut problems = Vec::new();
    let banned = [
        ("โค้ดนี้", "code นี้"),
        ("รหัสนี้", "code นี้"),
        ("เรา", "คุณ"),
        ("ทราฟฟิก", "traffic"),
        ("ใบรับรอง", "certificate"),
        ("back end", "backend"),
        ("ซีด", "หน้าต้นฉบับ"),
        ("seed", "หน้าต้นฉบับ"),
    ];
    for (place, en, th) in thai_texts() {
        if en.trim().is_empty() || en.chars().any(is_thai) {
            problems.push(format!("{place}: English missing or not English"));
        }
        if !th.chars().any(is_thai) {
            problems.push(format!("{place}: not Thai"));
        }
        if let Some(c) = th.chars().find(|c| !allowed_in_thai(*c)) {
            problems.push(format!("{place}: {c:?} is another script"));
        }
        for (bad, good) in banned {
            if th.contains(bad) {
                problems.push(format!("{place}: write {good:?}, not {bad:?}"));
            }
        }
        if th.contains("ไซต์") && !th.contains("เว็บไซต์") {
            problems.push(format!("{place}: เว็บไซต์, not ไซต์"));
        }
        let chars: Vec<char> = th.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
            let after = chars.get(i + 1).copied();
            if c == 'ๆ' && (before != Some(' ') || after.is_some_and(|a| a != ' ' && a != '\n')) {
                problems.push(format!("{place}: ๆ needs a space on both sides"));
            }
            if c == ','
                && (before.is_some_and(is_thai)
                    || after == Some(' ') && chars.get(i + 2).copied().is_some_and(is_thai))
            {
                problems.push(format!("{place}: no comma inside a Thai sentence"));
            }
        }
        if th.trim_end().ends_with('.') && th.trim_end().chars().rev().nth(1).is_some_and(is_thai) {
            problems.push(format!("{place}: Thai sentences end without a period"));
        }
    }
    // A Thai title never repeats the English reason phrase.
    for s in guide::situations() {
        for c in s.choices {
            let phrase = c.entry().unwrap().phrase;
            if s.title.th.contains(phrase) {
                problems.push(format!("{}: Thai title repeats {phrase:?}", s.id));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn same_number_of_mistakes_in_both_languages_and_json_shape() {
    for s in guide::situations() {
        assert!(!s.mistakes.is_empty(), "{}", s.id);
        let v = serde_json::to_value(s).unwrap();
        assert_eq!(v["id"], s.id);
        assert_eq!(v["choices"][0]["code"], s.choices[0].code);
        assert!(v["choices"][0]["phrase"].is_string(), "{}", s.id);
        assert!(v["title"]["th"].is_string());
    }
    let start = serde_json::to_value(guide::start()).unwrap();
    assert!(start["answers"][0]["node"].is_string());
}
