//! Header requirements and retry advice, each pinned to the RFC section that states it
//! (issue #11). A test per fault the review found, plus invariants over the whole table.

use httpstatus_codes::{
    entries, lookup, lookup_sub, Condition, HeaderHint, Lang, Level, Namespace, Redirect, Retry,
};

fn hint(code: u16, name: &str) -> HeaderHint {
    *lookup(code)
        .unwrap_or_else(|| panic!("{code} exists"))
        .semantics
        .headers
        .iter()
        .find(|h| h.name == name)
        .unwrap_or_else(|| panic!("{code} lists {name}"))
}

fn source(h: &HeaderHint) -> &'static str {
    h.source.map(|s| s.label).unwrap_or_default()
}

#[test]
fn retry_after_on_503_and_429_is_may() {
    let h = hint(503, "Retry-After");
    assert_eq!((h.level, source(&h)), (Level::May, "RFC 9110 §15.6.4"));
    let h = hint(429, "Retry-After");
    assert_eq!((h.level, source(&h)), (Level::May, "RFC 6585 §4"));
    for (code, label) in [(503, "RFC 9110 §15.6.4"), (429, "RFC 6585 §4")] {
        let s = lookup(code).unwrap().semantics;
        assert_eq!(s.retry, Retry::RetryAfter, "{code}");
        assert_eq!(s.retry_source.map(|r| r.label), Some(label), "{code}");
    }
}

#[test]
fn retry_after_on_413_is_should_when_temporary() {
    let h = hint(413, "Retry-After");
    assert_eq!(h.level, Level::Should);
    assert_eq!(h.when, Some(Condition::IfTemporary));
    assert_eq!(source(&h), "RFC 9110 §15.5.14");
}

#[test]
fn not_modified_must_repeat_what_a_200_would_carry() {
    let e = lookup(304).unwrap();
    let mut names: Vec<&str> = e.semantics.headers.iter().map(|h| h.name).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "Cache-Control",
            "Content-Location",
            "Date",
            "ETag",
            "Expires",
            "Vary"
        ]
    );
    for h in e.semantics.headers {
        assert_eq!(h.level, Level::Must, "{}", h.name);
        assert_eq!(h.when, Some(Condition::IfIn200), "{}", h.name);
        assert_eq!(source(h), "RFC 9110 §15.4.5", "{}", h.name);
    }
}

#[test]
fn im_used_must_carry_etag() {
    let h = hint(226, "ETag");
    assert_eq!((h.level, source(&h)), (Level::Must, "RFC 3229 §10.4.1"));
}

#[test]
fn partial_content_range_is_for_a_single_part() {
    let h = hint(206, "Content-Range");
    assert_eq!(h.level, Level::Must);
    assert_eq!(h.when, Some(Condition::SinglePart));
    assert_eq!(source(&h), "RFC 9110 §15.3.7.1");
    let h = hint(206, "Content-Type");
    assert_eq!(h.when, Some(Condition::MultiplePart));
    assert_eq!(hint(206, "Date").when, Some(Condition::IfIn200));
}

#[test]
fn see_other_is_followed_with_get_or_head() {
    let r = lookup(303).unwrap().semantics.redirect.unwrap();
    assert_eq!(r, Redirect::SeeOther);
    assert!(r.explain().en.contains("GET or HEAD"));
    assert!(r.explain().th.contains("GET หรือ HEAD"));
}

#[test]
fn timeout_misdirected_and_too_early_repeat_on_a_new_connection() {
    for (code, label) in [
        (408, "RFC 9110 §15.5.9"),
        (421, "RFC 9110 §15.5.20"),
        (425, "RFC 8470 §5.2"),
    ] {
        let s = lookup(code).unwrap().semantics;
        assert_eq!(s.retry, Retry::NewConnection, "{code}");
        assert_eq!(s.retry_source.map(|r| r.label), Some(label), "{code}");
    }
    let h = hint(408, "Connection");
    assert_eq!((h.level, h.when), (Level::Should, Some(Condition::Closing)));
}

#[test]
fn locked_and_insufficient_storage_are_temporary() {
    for (code, label) in [(423, "RFC 4918 §11.3"), (507, "RFC 4918 §11.5")] {
        let s = lookup(code).unwrap().semantics;
        assert_eq!(s.retry, Retry::Backoff, "{code}");
        assert_eq!(s.retry_source.map(|r| r.label), Some(label), "{code}");
    }
}

/// IIS configuration and start-up errors: retrying cannot help until the server is fixed.
#[test]
fn iis_configuration_and_startup_errors_wait_for_a_server_fix() {
    let mut subs: Vec<(u16, u16)> = Vec::new();
    subs.extend((14..=19).filter(|s| *s != 15).map(|s| (500, s)));
    subs.extend((21..=24).map(|s| (500, s)));
    subs.extend((30..=36).map(|s| (500, s)));
    subs.extend([(500, 38), (500, 100), (502, 5), (503, 0)]);
    subs.extend((50..=53).map(|s| (500, s)));
    for (code, sub) in subs {
        let e = lookup_sub(code, sub).unwrap_or_else(|| panic!("{code}.{sub} exists"));
        assert_eq!(e.semantics.retry, Retry::AfterServerFix, "{}", e.id);
    }
    // Global.asax is refused by design: the same request always gets the same answer.
    assert_eq!(lookup_sub(500, 15).unwrap().semantics.retry, Retry::Never);
    // Transient ones keep their parent's advice.
    for (code, sub, retry) in [
        (500, 11, Retry::Backoff),
        (500, 12, Retry::Backoff),
        (500, 13, Retry::Backoff),
        (500, 37, Retry::Backoff),
        (502, 3, Retry::Backoff),
        (503, 2, Retry::RetryAfter),
    ] {
        assert_eq!(lookup_sub(code, sub).unwrap().semantics.retry, retry);
    }
}

#[test]
fn fact_fixes_in_the_texts() {
    let e = lookup_sub(500, 0).unwrap();
    assert!(e.iis_versions.unwrap().starts_with("IIS 7.0+"));
    let e = lookup_sub(502, 5).unwrap();
    assert!(e.title.en.contains("ANCM") && e.title.th.contains("ANCM"));
    assert!(e.summary.en.contains("usually Process Failure"));
    let e = lookup(422).unwrap();
    assert!(e.description.en.contains("Python 3.13"));
    assert!(!e.description.en.contains("Python 3.11"));
    let e = lookup(307).unwrap();
    assert!(!e.description.en.contains("documentation error"));
    let e = lookup(431).unwrap();
    for word in [
        "MaxFieldLength",
        "MaxRequestBytes",
        "headerLimits",
        "404.10",
    ] {
        assert!(e.description.en.contains(word), "431 en: {word}");
        assert!(e.description.th.contains(word), "431 th: {word}");
    }
    let e = lookup(426).unwrap();
    assert!(e.description.en.contains("RFC 9113"));
    assert!(!e.description.en.contains("newer HTTP version"));
    let e = lookup_sub(401, 1).unwrap();
    assert!(!e.description.en.contains("old Microsoft note"));
    assert!(e.description.en.contains("KB943891") && e.description.th.contains("KB943891"));
}

#[test]
fn every_source_links_to_its_section() {
    for e in entries() {
        let s = e.semantics;
        let hints = s.headers.iter().filter_map(|h| h.source);
        for r in hints.chain(s.retry_source) {
            let (num, section) = r
                .label
                .strip_prefix("RFC ")
                .and_then(|l| l.split_once(" §"))
                .unwrap_or_else(|| panic!("{}: {:?}", e.id, r.label));
            assert_eq!(
                r.url,
                format!("https://www.rfc-editor.org/rfc/rfc{num}#section-{section}"),
                "{}",
                e.id
            );
        }
    }
    // Every MUST and SHOULD of an IANA entry names its section.
    for e in entries().iter().filter(|e| e.namespace == Namespace::Iana) {
        for h in e.semantics.headers {
            if h.level != Level::May {
                assert!(h.source.is_some(), "{} {} has no source", e.id, h.name);
            }
        }
    }
}

#[test]
fn every_retry_value_and_condition_reads_in_both_languages() {
    for r in Retry::ALL {
        assert_eq!(Retry::from_token(r.token()), Some(r));
        assert!(!r.advice().get(Lang::En).is_empty() && !r.advice().get(Lang::Th).is_empty());
    }
    for c in Condition::ALL {
        assert_eq!(Condition::from_token(c.token()), Some(c));
        assert!(!c.explain().en.is_empty() && !c.explain().th.is_empty());
    }
    assert_eq!(Retry::from_token("backof"), None);
}
