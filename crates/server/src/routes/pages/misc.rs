//! The test endpoint index (`/endpoints`, made from [`crate::endpoints::ENDPOINTS`]) and the
//! HTML error pages of the reference: an unknown code (404, with suggestions) and an address
//! that is not a code at all (400).

use maud::{html, Markup};

use httpstatus_codes::{Lang, ParseErrorKind, Query};

use super::i18n::ui;
use super::layout::{en, fill_markup, href, list, scroll_label, Number};
use crate::endpoints::ENDPOINTS;

/// The `<main>` of `/endpoints`.
pub(super) fn endpoints(lang: Lang) -> Markup {
    let t = ui(lang);
    html! {
        h1 { (t.endpoints_title) }
        p.lead { (t.endpoints_lead) }
        pre.curl tabindex="0" role="region" aria-label=(scroll_label(t.endpoints_example, lang)) {
            code lang="en" {
                "BASE=" span.base { "http://127.0.0.1:8080" } "\n"
                "curl -i \"$BASE/status/503\"\n"
                "curl -i \"$BASE/status/200:0.9,500:0.1\"\n"
                "curl -i -H 'If-None-Match: \"abc\"' \"$BASE/etag/abc\""
            }
        }
        div.table-wrap tabindex="0" role="region" aria-label=(scroll_label(t.endpoints_title, lang)) {
            table.endpoints {
                thead {
                    tr {
                        th scope="col" { (t.endpoints_route) }
                        th scope="col" { (t.endpoints_what) }
                        th scope="col" { (t.endpoints_example) }
                        th scope="col" { (t.endpoints_answers) }
                        th scope="col" { (t.endpoints_peer) }
                    }
                }
                tbody {
                    @for ep in ENDPOINTS {
                        tr {
                            th scope="row" { code { (ep.path) } }
                            td lang=[en(lang)] { (ep.description) }
                            td data-label=(t.endpoints_example) {
                                a.try href=(ep.example) rel="nofollow" { code { (ep.example) } }
                            }
                            td data-label=(t.endpoints_answers) {
                                @if let Some(e) = httpstatus_codes::lookup(ep.example_status) {
                                    a href=(href(e)) { span.num { (e.code) } } " "
                                    span lang=[en(lang)] { (e.phrase) }
                                } @else {
                                    (ep.example_status)
                                }
                            }
                            td data-label=(t.endpoints_peer) {
                                @if ep.peer.is_empty() { (t.endpoints_ours) }
                                @else { span lang=[en(lang)] { (ep.peer) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// An error page's title and `<main>`.
#[derive(Debug)]
pub(super) struct ErrorPage {
    pub title: String,
    pub main: Markup,
}

/// The 404 page for an id that names no entry, with what it may have meant.
pub(super) fn not_found(id: &str, lang: Lang) -> ErrorPage {
    let t = ui(lang);
    let parsed = Query::parse(id);
    let mut suggestions = match parsed {
        Ok(q) => q.entries(),
        Err(_) => Vec::new(),
    };
    let id_m = html! { (id) };
    let mut lead = fill_markup(t.not_found_code, &[("id", id_m.clone())]);
    if let Ok(Query::Code {
        namespace: None,
        code,
        sub: None,
    }) = parsed
    {
        if let (Some(range), Some(fallback)) = (
            httpstatus_codes::unassigned_range(code),
            httpstatus_codes::Class::of(code)
                .fallback_code()
                .and_then(httpstatus_codes::lookup),
        ) {
            let link = html! { a href=(href(fallback)) { (fallback.code) " " (fallback.phrase) } };
            lead = fill_markup(
                t.not_found_unassigned,
                &[("id", id_m.clone()), ("fallback", link)],
            );
            suggestions.insert(0, range);
        } else if !suggestions.is_empty() {
            lead = fill_markup(t.not_found_number, &[("id", id_m.clone())]);
        }
    }
    if suggestions.is_empty()
        && matches!(parsed, Err(ref e) if e.kind() == ParseErrorKind::NotACode)
    {
        // Markup in a path (`<script>not found`) is not what anyone means: search the words around it.
        let mut words = String::with_capacity(id.len());
        let mut in_tag = false;
        for c in id.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => {
                    in_tag = false;
                    words.push(' ');
                }
                c if !in_tag => words.push(c),
                _ => {}
            }
        }
        suggestions = httpstatus_codes::search(&words)
            .into_iter()
            .map(|h| h.entry)
            .take(8)
            .collect();
    }
    suggestions.truncate(20);
    ErrorPage {
        title: t.not_found_title.to_string(),
        main: html! {
            h1 { (t.not_found_title) }
            p.lead { (lead) }
            @if !suggestions.is_empty() {
                section.block aria-labelledby="h-suggestions" {
                    h2 #h-suggestions { (t.suggestions) }
                    (list(suggestions, lang, Number::Full))
                }
            }
            p { (t.search_tips) }
        },
    }
}

/// The 404 page for a class that does not exist.
pub(super) fn no_class(id: &str, lang: Lang) -> ErrorPage {
    let t = ui(lang);
    ErrorPage {
        title: t.not_found_title.to_string(),
        main: html! {
            h1 { (t.not_found_title) }
            p.lead { (fill_markup(t.no_class, &[("id", html! { (id) })])) }
            ul.plain {
                @for class in httpstatus_codes::Class::STANDARD {
                    li { a href={ "/classes/" (class.token()) } { (class.token()) " " (class.name().get(lang)) } }
                }
            }
        },
    }
}

/// The 400 page: `message` says what was wrong (English, from the parser).
pub(super) fn bad_request(id: &str, message: &str, lang: Lang) -> ErrorPage {
    let t = ui(lang);
    ErrorPage {
        title: t.bad_request_title.to_string(),
        main: html! {
            h1 { (t.bad_request_title) }
            p.lead { (t.bad_request_lead) ": " code { (id) } }
            p lang=[en(lang)] { (message) }
            p { (t.search_tips) }
        },
    }
}
