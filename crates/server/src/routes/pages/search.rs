//! Search: the server-rendered `/search?q=` page (works without JavaScript) and the compact index
//! of display fields that `app.js` shows results with. The page, `/api/v1/search`, the instant
//! search (which asks the API) and the CLI all rank with `httpstatus_codes::search`, so they give
//! the same results in the same order and the same count.

use maud::{html, Markup};

use httpstatus_codes::{Entry, Lang, Namespace};
use serde_json::{json, Value};

use super::i18n::{fill, ui};
use super::layout::{class_css, fill_markup, href, list, Number};

/// Longest search text accepted, in bytes (the same limit as the JSON API's).
pub(super) const MAX_QUERY: usize = 256;

/// Most results one page lists.
const MAX_RESULTS: usize = 60;

/// The instant-search index: per entry its id, page, number as shown, namespace name, class
/// digit, phrase, titles and summaries in English and Thai, and aliases.
pub(super) fn index_json() -> String {
    let entries: Vec<Value> = httpstatus_codes::entries()
        .iter()
        .map(index_entry)
        .collect();
    json!({ "version": 1, "entries": entries }).to_string()
}

fn index_entry(e: &Entry) -> Value {
    // The namespace is shown where the number alone would be ambiguous (as `label` does).
    let ns = match (e.namespace, e.sub) {
        (Namespace::Iana, _) | (Namespace::Iis, Some(_)) => "",
        (ns, _) => ns.display_name(),
    };
    json!({
        "id": e.id,
        "u": href(e),
        "n": e.number(),
        "ns": ns,
        "c": class_css(e.class()),
        "p": e.phrase,
        "t": [e.title.en, e.title.th],
        "s": [e.summary.en, e.summary.th],
        "a": e.aliases,
        "x": e.is_unassigned(),
    })
}

/// What a search request asked for.
#[derive(Debug)]
pub(super) enum Outcome {
    /// No words: the page explains what to type.
    Empty,
    /// Too long to search.
    TooLong,
    /// Results, best first (maybe none): the first `MAX_RESULTS` and how many there are in all.
    Hits(Vec<&'static Entry>, usize),
}

/// Runs the search for `q`.
pub(super) fn run(q: &str) -> Outcome {
    let q = q.trim();
    if q.is_empty() {
        return Outcome::Empty;
    }
    if q.len() > MAX_QUERY {
        return Outcome::TooLong;
    }
    // Code forms (404, 403.14, nginx:499, 5xx) are part of the one ranking: what they name first.
    let all = httpstatus_codes::search(q);
    let total = all.len();
    let hits = all.into_iter().take(MAX_RESULTS).map(|h| h.entry).collect();
    Outcome::Hits(hits, total)
}

/// The `<main>` of the search page for `q` and its outcome.
pub(super) fn page(q: &str, outcome: &Outcome, lang: Lang) -> Markup {
    let t = ui(lang);
    let q_m = html! { (q.trim()) };
    html! {
        h1 { (t.search_title) }
        @match outcome {
            Outcome::Empty => {
                p.lead { (t.search_empty) }
                p { (t.search_tips) }
            }
            Outcome::TooLong => {
                p.lead role="alert" { (fill(t.search_too_long, &[("n", &MAX_QUERY.to_string())])) }
            }
            Outcome::Hits(hits, _) if hits.is_empty() => {
                p.lead #results-count { (fill_markup(t.search_nothing, &[("q", q_m.clone())])) }
                p { (t.search_tips) }
            }
            Outcome::Hits(hits, total) => {
                @let count = if *total == 1 { t.search_results_one } else { t.search_results };
                p.lead #results-count data-total=(total) {
                    (fill_markup(count, &[("n", html! { (total) }), ("q", q_m.clone())]))
                }
                @if *total > hits.len() {
                    p.meta { (fill(t.search_shown, &[("n", &hits.len().to_string())])) }
                }
                div #results { (list(hits.iter().copied(), lang, Number::Full)) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(q: &str) -> Vec<&'static str> {
        match run(q) {
            Outcome::Hits(h, total) => {
                assert!(total >= h.len());
                h.into_iter().map(|e| e.id).collect()
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn codes_come_first() {
        assert_eq!(ids("404")[0], "404");
        assert_eq!(ids("403.14")[0], "403.14");
        assert_eq!(ids("nginx:499")[0], "nginx:499");
        assert_eq!(ids("299")[0], "227-299");
        assert!(ids("too many requests").contains(&"429"));
    }

    #[test]
    fn the_page_ranks_as_the_library_does() {
        for q in ["too many", "not found", "rate limit", "ไม่พบ", "5xx", "iis"] {
            let library: Vec<&str> = httpstatus_codes::search(q)
                .iter()
                .take(MAX_RESULTS)
                .map(|h| h.entry.id)
                .collect();
            assert_eq!(ids(q), library, "{q}");
        }
    }

    #[test]
    fn empty_and_long_queries() {
        assert!(matches!(run("  "), Outcome::Empty));
        assert!(matches!(run(&"a".repeat(MAX_QUERY + 1)), Outcome::TooLong));
    }

    #[test]
    fn the_index_has_every_entry_in_both_languages() {
        let v: Value = serde_json::from_str(&index_json()).unwrap();
        let entries = v["entries"].as_array().unwrap();
        assert_eq!(entries.len(), httpstatus_codes::entries().len());
        let e = entries.iter().find(|e| e["id"] == "404").unwrap();
        assert_eq!(e["u"], "/codes/404");
        assert!(!e["t"][1].as_str().unwrap().is_empty());
    }
}
