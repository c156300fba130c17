//! The page of one registry entry (`/codes/404`, `/codes/403.14`, `/codes/nginx/499`,
//! `/codes/105-199`): everything the registry knows about it (causes and fixes by stack, names
//! in code), an example response built from its semantics, a ready `curl` line against this
//! server's test endpoint, links to its parent, sub-status codes, other meanings of the number
//! and related codes, and Previous/Next within its kind ([`neighbours`]).

use std::collections::HashSet;
use std::fmt::Write as _;

use maud::{html, Markup};

use httpstatus_codes::{Body, Class, Condition, Entry, HeaderHint, Lang, Namespace, Wire};

use super::i18n::{self, fill, ui};
use super::layout::{
    class_css, en, fill_markup, href, label, phrase, phrase_lang, scroll_label, Inline, Paragraphs,
};
use crate::wire::wire_phrase;

/// The address the `curl` line shows before `app.js` replaces it with the page's own origin:
/// the server's default listen address.
const DEFAULT_BASE: &str = "http://127.0.0.1:8080";

/// Which sequence Previous/Next walk: the standard codes (with the unassigned ranges), the
/// sub-status codes of one parent, IIS's own codes, or one vendor's codes.
fn kind(e: &Entry) -> (Namespace, Option<u16>) {
    match (e.namespace, e.sub) {
        (Namespace::Iis, Some(_)) => (Namespace::Iis, Some(e.code)),
        (ns, _) => (ns, None),
    }
}

/// The previous and next entry of `e`'s kind in numeric order.
pub(super) fn neighbours(e: &Entry) -> (Option<&'static Entry>, Option<&'static Entry>) {
    let key = kind(e);
    let mut same: Vec<&'static Entry> = httpstatus_codes::entries()
        .iter()
        .filter(|o| kind(o) == key)
        .collect();
    same.sort_by_key(|o| (o.code, o.sub));
    let Some(pos) = same.iter().position(|o| o.id == e.id) else {
        return (None, None);
    };
    (
        pos.checked_sub(1).and_then(|i| same.get(i).copied()),
        same.get(pos + 1).copied(),
    )
}

/// The page's `<title>` text, meta description and `<main>`.
pub(super) fn code_page(
    e: &'static Entry,
    lang: Lang,
    prev: Option<&Entry>,
    next: Option<&Entry>,
) -> (String, String, Markup) {
    let t = ui(lang);
    let class = e.class();
    let css = class_css(class);
    let title_text = e.title.get(lang);
    let has_title = !title_text.is_empty() && !title_text.eq_ignore_ascii_case(e.phrase);
    let mut title = format!("{} {}", label(e), phrase(e, lang));
    if has_title {
        let _ = write!(title, " · {title_text}");
    }
    let mut tags = Vec::new();
    if let Some(tag) = i18n::status_tag(e.status, lang) {
        tags.push(tag);
    }
    match e.semantics.wire {
        Wire::SentAs(_) => tags.push(t.not_on_wire),
        Wire::LogOnly => tags.push(t.log_only_tag),
        Wire::Sent => {}
    }
    let main = html! {
        (crumbs(e, lang))
        article.entry.(css) aria-labelledby="title" {
            header.page-head.(css) {
                p.eyebrow {
                    (e.namespace.display_name()) " · "
                    @if class.digit().is_some() {
                        a href={ "/classes/" (class.token()) } { (class.token()) " " (class.name().get(lang)) }
                    } @else {
                        (class.name().get(lang))
                    }
                }
                h1 #title {
                    span.num { (label(e)) } " "
                    span.phrase lang=[phrase_lang(e, lang)] { (phrase(e, lang)) }
                }
                @if has_title { p.subtitle { (title_text) } }
                @if !tags.is_empty() {
                    p.tags { @for tag in &tags { span.tag { (tag) } " " } }
                }
                p.summary { (Inline(e.summary.get(lang))) }
            }
            div.columns {
                div.main-col {
                    (card("description", t.description, html! { (Paragraphs(e.description.get(lang))) }))
                    @if e.is_unassigned() { (range_section(e, lang)) }
                    (semantics(e, lang))
                    (example_section(e, lang))
                    (try_section(e, lang))
                    (bullets("causes", t.causes, e.causes, lang))
                    (bullets("fixes", t.fixes, e.fixes, lang))
                    (troubleshooting(e, lang))
                    (constants(e, lang))
                    @if let Some(seed) = e.seed {
                        (card("seed", t.seed, html! {
                            p.seed-said { (t.seed_said) ": " q lang=[en(lang)] { (seed.phrase) } }
                            p { (Inline(seed.note.get(lang))) }
                        }))
                    }
                }
                aside.side-col { (sidebar(e, lang)) }
            }
        }
        (pager(prev, next, lang))
    };
    (title, e.summary.get(lang).to_string(), main)
}

/// A card of the page: a `<section>` with its heading.
fn card(id: &str, heading: &str, body: Markup) -> Markup {
    html! {
        section.card id=(id) aria-labelledby={ "h-" (id) } {
            h2 id={ "h-" (id) } { (heading) }
            (body)
        }
    }
}

fn crumbs(e: &Entry, lang: Lang) -> Markup {
    let t = ui(lang);
    let class = e.class();
    html! {
        nav.crumbs aria-label=(t.breadcrumb) {
            ol {
                li { a href="/" { "httpstatus" } }
                @if class.digit().is_some() {
                    li { a href={ "/classes/" (class.token()) } { (class.token()) " " (class.name().get(lang)) } }
                }
                @match e.namespace {
                    Namespace::Iana => {}
                    Namespace::Iis => {
                        @if let Some(parent) = e.sub.and_then(|_| httpstatus_codes::lookup(e.code)) {
                            li { a href=(href(parent)) { (parent.code) " " (parent.phrase) } }
                        } @else {
                            li { a href="/#iis" { "IIS" } }
                        }
                    }
                    ns => {
                        li { a href={ "/#vendor-" (ns.token()) } { (ns.display_name()) } }
                    }
                }
                li aria-current="page" { (e.number()) }
            }
        }
    }
}

fn fallback_link(fallback: &Entry) -> Markup {
    html! { a href=(href(fallback)) { (fallback.code) " " (fallback.phrase) } }
}

fn range_section(e: &Entry, lang: Lang) -> Markup {
    let t = ui(lang);
    let Some(fallback) = e.class().fallback_code().and_then(httpstatus_codes::lookup) else {
        return html! {};
    };
    card(
        "reading",
        t.range_heading,
        html! { p { (fill_markup(t.range_note, &[("fallback", fallback_link(fallback))])) } },
    )
}

fn semantics(e: &Entry, lang: Lang) -> Markup {
    let t = ui(lang);
    let s = &e.semantics;
    // A code that never reaches a client has no message to cache, no body and no headers.
    let applies = s.wire != Wire::LogOnly;
    let item = |term: &str, value: Markup| html! { div { dt { (term) } dd { (value) } } };
    let na = html! { span.na { (t.not_applicable) } };
    card(
        "semantics",
        t.semantics,
        html! {
            dl.facts {
                (item(t.cacheable, if applies {
                    html! { (if s.cacheable { t.cacheable_yes } else { t.cacheable_no }) }
                } else { na.clone() }))
                (item(t.body, if applies {
                    html! { (if s.body == Body::Forbidden { t.body_forbidden } else { t.body_allowed }) }
                } else { na.clone() }))
                (item(t.retry, html! {
                    (s.retry.advice().get(lang))
                    @if let Some(src) = s.retry_source { " (" a href=(src.url) { (src.label) } ")" }
                }))
                @if let Some(redirect) = s.redirect {
                    (item(t.redirect, html! { (redirect.explain().get(lang)) }))
                }
                (item(t.headers, if !applies {
                    na.clone()
                } else if s.headers.is_empty() {
                    html! { (t.headers_none) }
                } else {
                    html! {
                        ul.plain {
                            @for hint in s.headers {
                                li {
                                    code { (hint.name) } " "
                                    span.level.{ "level-" (hint.level.token()) } { (i18n::level(hint.level, lang)) }
                                    @if let Some(when) = hint.when { " " (when.explain().get(lang)) }
                                    @if let Some(src) = hint.source { " (" a href=(src.url) { (src.label) } ")" }
                                }
                            }
                        }
                    }
                }))
                (item(t.wire, match s.wire {
                    Wire::Sent => html! { (t.wire_sent) },
                    Wire::SentAs(code) => {
                        let code_html = match httpstatus_codes::lookup(code) {
                            Some(parent) => html! { a href=(href(parent)) { (code) } },
                            None => html! { (code) },
                        };
                        fill_markup(t.wire_sent_as, &[("code", code_html)])
                    }
                    Wire::LogOnly => html! { (t.wire_log_only) },
                }))
            }
        },
    )
}

/// An example value for a header the code needs.
fn header_value(name: &str, code: u16) -> &'static str {
    match name.to_ascii_lowercase().as_str() {
        "location" if code == 201 => "/items/42",
        "location" => "/new-location",
        "upgrade" => "websocket",
        "retry-after" => "120",
        "link" if code == 451 => "<https://example.org/legal-notice>; rel=\"blocked-by\"",
        "link" => "</style.css>; rel=preload; as=style",
        "www-authenticate" => "Bearer realm=\"api\"",
        "proxy-authenticate" => "Basic realm=\"proxy\"",
        "etag" => "\"33a64df5\"",
        "cache-control" => "max-age=3600",
        "vary" => "Accept-Encoding",
        "im" => "feed",
        "content-range" if code == 416 => "bytes */4096",
        "content-range" => "bytes 0-1023/4096",
        "allow" => "GET, HEAD",
        "accept" | "accept-post" => "application/json",
        "accept-patch" => "application/merge-patch+json",
        "accept-encoding" => "gzip, br",
        "content-location" => "/reports/7",
        "date" => "Tue, 01 Dec 2026 10:00:00 GMT",
        "expires" => "Tue, 01 Dec 2026 11:00:00 GMT",
        "connection" => "close",
        _ => "…",
    }
}

/// The status line and headers for `code` with `phrase`, then a body where one is allowed.
fn message(
    code: u16,
    phrase: &str,
    headers: &[HeaderHint],
    body: Option<(&str, String)>,
) -> String {
    let mut m = if phrase.is_empty() {
        format!("HTTP/1.1 {code:03}\n")
    } else {
        format!("HTTP/1.1 {code:03} {phrase}\n")
    };
    // The example is a single-part response to an ordinary request: hints for other cases
    // (multipart ranges, PATCH formats, content codings) stay out of it.
    let shown = headers.iter().filter(|h| {
        !matches!(
            h.when,
            Some(Condition::MultiplePart | Condition::PatchFormat | Condition::UnsupportedCoding)
        )
    });
    for hint in shown {
        let _ = writeln!(m, "{}: {}", hint.name, header_value(hint.name, code));
    }
    if code == 101 {
        m.push_str("Connection: Upgrade\n");
    }
    if let Some((content_type, text)) = body {
        let _ = write!(m, "Content-Type: {content_type}\n\n{text}\n");
    }
    m
}

/// A body that suits the code: none where it is forbidden, problem details for errors.
fn example_body(code: u16, phrase: &str, rule: Body) -> Option<(&'static str, String)> {
    if rule == Body::Forbidden || code < 200 {
        return None;
    }
    Some(match Class::of(code) {
        Class::ClientError | Class::ServerError => (
            "application/problem+json",
            format!("{{\"type\": \"about:blank\", \"title\": \"{phrase}\", \"status\": {code}}}"),
        ),
        _ if code == 206 => ("application/octet-stream", "…1024 bytes…".to_string()),
        _ => ("text/plain; charset=utf-8", format!("{code} {phrase}")),
    })
}

/// The reason phrase that goes on the wire for an entry that is sent as itself.
fn own_phrase(e: &Entry) -> String {
    if e.namespace == Namespace::Iana {
        wire_phrase(e.code)
    } else if e.phrase.starts_with('(') {
        String::new()
    } else {
        e.phrase.to_string()
    }
}

/// A `<pre>` that may scroll sideways: focusable and named, so a keyboard can scroll it.
fn scrolling_pre(class: &str, label: &str, lang: Lang, body: Markup) -> Markup {
    html! {
        pre class=(class) tabindex="0" role="region" aria-label=(scroll_label(label, lang)) {
            code lang=[en(lang)] { (body) }
        }
    }
}

fn example_section(e: &Entry, lang: Lang) -> Markup {
    let t = ui(lang);
    let (text, note) = match e.semantics.wire {
        _ if e.is_unassigned() => return html! {},
        Wire::LogOnly => {
            return card("example", t.example, html! { p { (t.example_log_only) } });
        }
        Wire::SentAs(code) => {
            let phrase = wire_phrase(code);
            let parent = httpstatus_codes::lookup(code).unwrap_or(e);
            let body = (parent.semantics.body == Body::Allowed).then(|| {
                (
                    "text/html; charset=utf-8",
                    "<!-- IIS error page -->".to_string(),
                )
            });
            let sub = e.sub.map(|s| s.to_string()).unwrap_or_default();
            let note = if e.sub.is_some() {
                fill(t.example_sub, &[("code", &code.to_string()), ("sub", &sub)])
            } else {
                String::new()
            };
            (message(code, &phrase, parent.semantics.headers, body), note)
        }
        Wire::Sent => {
            let phrase = own_phrase(e);
            if e.code < 100 {
                return html! {};
            }
            if e.class() == Class::Informational && e.code != 101 {
                let mut text = message(e.code, &phrase, e.semantics.headers, None);
                text.push('\n');
                text.push_str(&message(
                    200,
                    "OK",
                    &[],
                    Some(("text/html; charset=utf-8", "<!doctype html>…".to_string())),
                ));
                (text, t.example_interim.to_string())
            } else {
                let note = if e.namespace == Namespace::Iana {
                    String::new()
                } else {
                    fill(t.example_vendor, &[("vendor", e.namespace.display_name())])
                };
                (
                    message(
                        e.code,
                        &phrase,
                        e.semantics.headers,
                        example_body(e.code, &phrase, e.semantics.body),
                    ),
                    note,
                )
            }
        }
    };
    card(
        "example",
        t.example,
        html! {
            @if !note.is_empty() { p { (note) } }
            (scrolling_pre("http", t.example, lang, html! { (text.trim_end()) }))
        },
    )
}

fn try_section(e: &Entry, lang: Lang) -> Markup {
    let t = ui(lang);
    let (code, note) = match e.semantics.wire {
        _ if e.code < 100 => return html! {},
        _ if e.is_unassigned() => {
            let fallback = e.class().fallback_code().unwrap_or(e.code);
            (
                e.code,
                fill(
                    t.try_note_range,
                    &[
                        ("code", &e.code.to_string()),
                        ("fallback", &fallback.to_string()),
                    ],
                ),
            )
        }
        Wire::SentAs(code) => (code, fill(t.try_note_sub, &[("code", &code.to_string())])),
        Wire::LogOnly => (e.code, t.try_note_log_only.to_string()),
        Wire::Sent if e.class() == Class::Informational => (e.code, t.try_note_1xx.to_string()),
        Wire::Sent => (e.code, t.try_note.to_string()),
    };
    card(
        "try",
        t.try_it,
        html! {
            (scrolling_pre("curl", t.try_it, lang, html! {
                "BASE=" span.base { (DEFAULT_BASE) } "\n"
                "curl -i \"$BASE/status/" (format!("{code:03}")) "\""
            }))
            p { (note) }
            p { a href="/endpoints" { (t.nav_endpoints) } }
        },
    )
}

fn bullets(id: &str, heading: &str, items: &[httpstatus_codes::Text], lang: Lang) -> Markup {
    if items.is_empty() {
        return html! {};
    }
    card(
        id,
        heading,
        html! { ul { @for item in items { li { (Inline(item.get(lang))) } } } },
    )
}

/// Causes and fixes by stack: each item names its stacks, then the cause and the fix.
fn troubleshooting(e: &Entry, lang: Lang) -> Markup {
    let tips = e.troubleshooting();
    if tips.is_empty() {
        return html! {};
    }
    let t = ui(lang);
    card(
        "troubleshooting",
        t.by_stack,
        html! {
            ul.tips {
                @for tip in tips {
                    li {
                        p {
                            @for stack in tip.stacks { span.tag.stack { (stack.name().get(lang)) } " " }
                            (Inline(tip.cause.get(lang)))
                        }
                        p { strong { (t.fix) ":" } " " (Inline(tip.fix.get(lang))) }
                    }
                }
            }
        },
    )
}

/// The code's name in languages and frameworks, as a small table.
fn constants(e: &Entry, lang: Lang) -> Markup {
    let names = e.constants();
    if names.is_empty() {
        return html! {};
    }
    let t = ui(lang);
    let mut groups: Vec<Vec<&httpstatus_codes::constants::Constant>> = Vec::new();
    for c in names {
        match groups.last_mut() {
            Some(g) if g[0].framework().id == c.framework().id => g.push(c),
            _ => groups.push(vec![c]),
        }
    }
    card(
        "constants",
        t.in_code,
        html! {
            div.table-wrap tabindex="0" role="region" aria-label=(scroll_label(t.in_code, lang)) {
                table.constants {
                    thead { tr { th scope="col" { (t.in_code_framework) } th scope="col" { (t.in_code_name) } } }
                    tbody {
                        @for group in &groups {
                            @let f = group[0].framework();
                            tr {
                                th scope="row" lang="en" { (f.name) }
                                td lang="en" {
                                    @for (i, c) in group.iter().enumerate() {
                                        @if i > 0 { br; }
                                        code {
                                            @if f.phrase { "http.STATUS_CODES[" (c.code) "] = \"" (c.name) "\"" }
                                            @else { (c.name) }
                                        }
                                        @if !c.current { " " small { "(" (t.in_code_older) ")" } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// A compact list of linked entries.
fn links(id: &str, heading: &str, entries: &[&Entry], lang: Lang) -> Markup {
    if entries.is_empty() {
        return html! {};
    }
    card(
        id,
        heading,
        html! {
            ul.mini {
                @for e in entries {
                    li.(class_css(e.class())) {
                        a href=(href(e)) {
                            span.num { (label(e)) } " "
                            span lang=[phrase_lang(e, lang)] { (phrase(e, lang)) }
                        }
                    }
                }
            }
        },
    )
}

/// Parent code, sub-status codes (numbers only, with a link to the group on the home page),
/// other meanings of the same number, related codes not linked already, aliases, references.
fn sidebar(e: &'static Entry, lang: Lang) -> Markup {
    let t = ui(lang);
    let mut shown: HashSet<&str> = HashSet::from([e.id]);
    let parent: Vec<&Entry> = e
        .sub
        .and_then(|_| httpstatus_codes::lookup(e.code))
        .into_iter()
        .collect();
    shown.extend(parent.iter().map(|p| p.id));
    let subs: &[Entry] = if e.namespace == Namespace::Iana && e.sub.is_none() && !e.is_unassigned()
    {
        httpstatus_codes::sub_statuses(e.code)
    } else {
        &[]
    };
    shown.extend(subs.iter().map(|s| s.id));
    let mut others: Vec<&Entry> = Vec::new();
    if e.sub.is_none() && !e.is_unassigned() {
        others = httpstatus_codes::meanings(e.code)
            .iter()
            .filter(|o| !shown.contains(o.id))
            .collect();
        if httpstatus_codes::lookup(e.code).is_none() {
            if let Some(range) = httpstatus_codes::unassigned_range(e.code) {
                others.insert(0, range);
            }
        }
    }
    shown.extend(others.iter().map(|o| o.id));
    let mut related: Vec<&Entry> = Vec::new();
    for r in e.related_entries() {
        if shown.insert(r.id) {
            related.push(r);
        }
    }
    html! {
        (links("parent", t.parent, &parent, lang))
        @if !subs.is_empty() {
            @let heading = fill(t.subs, &[("code", &e.code.to_string())]);
            (card("substatus", &heading, html! {
                ul.chips {
                    @for s in subs {
                        li { a href=(href(s)) title=(s.phrase) { (s.number()) } }
                    }
                }
                p.more { a href={ "/#iis-" (e.code) } { (t.subs_all) } }
            }))
        }
        (links("meanings", &fill(t.meanings, &[("code", &format!("{:03}", e.code))]), &others, lang))
        (links("related", t.related, &related, lang))
        @if !e.aliases.is_empty() {
            (card("aliases", t.aliases, html! {
                ul.plain { @for alias in e.aliases { li lang=[en(lang)] { (alias) } } }
            }))
        }
        (reference(e, lang))
    }
}

/// One item per reference: a registry label such as `MS KB943891 …; MS KB318380 …` names
/// several documents, and only the first is the one the URL points to; the others are cited
/// as text.
fn reference(e: &Entry, lang: Lang) -> Markup {
    let t = ui(lang);
    let mut labels = e
        .reference
        .label
        .split("; ")
        .map(str::trim)
        .filter(|l| !l.is_empty());
    let first = labels.next();
    card(
        "reference",
        t.reference,
        html! {
            ul.plain {
                @if !e.reference.url.is_empty() {
                    li { a.spec href=(e.reference.url) rel="noopener" lang=[en(lang)] { (first.unwrap_or(e.reference.url)) } }
                } @else if let Some(first) = first {
                    li lang=[en(lang)] { (first) }
                }
                @for other in labels { li lang=[en(lang)] { (other) } }
                @if let Some(versions) = e.iis_versions {
                    li { (t.iis_versions) ": " (httpstatus_codes::iis_versions_text(versions, lang)) }
                }
                @if let Some(facts) = e.facts {
                    li { (t.facts) ": " span lang=[en(lang)] { (facts) } }
                }
                li { a href={ (href(e)) ".json" } type="application/json" { (t.json_twin) } }
            }
        },
    )
}

fn pager(prev: Option<&Entry>, next: Option<&Entry>, lang: Lang) -> Markup {
    let t = ui(lang);
    html! {
        nav.pager aria-label=(t.pager) {
            @for (rel, word, e) in [("prev", t.prev, prev), ("next", t.next, next)] {
                @if let Some(e) = e {
                    a rel=(rel) href=(href(e)) {
                        small { (word) } " "
                        span.num { (label(e)) } " "
                        span lang=[phrase_lang(e, lang)] { (phrase(e, lang)) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(id: &str) -> String {
        let e = httpstatus_codes::by_id(id).unwrap();
        code_page(e, Lang::En, None, None).2.into_string()
    }

    #[test]
    fn example_carries_the_headers_the_code_needs() {
        let p = page("429");
        assert!(
            p.contains("HTTP/1.1 429 Too Many Requests\nRetry-After: 120"),
            "{p}"
        );
        let p = page("401");
        assert!(
            p.contains("WWW-Authenticate: Bearer realm=&quot;api&quot;"),
            "{p}"
        );
        let p = page("204");
        let example = p
            .split("<pre class=\"http\"")
            .nth(1)
            .unwrap()
            .split("</pre>")
            .next()
            .unwrap();
        assert!(example.contains("HTTP/1.1 204 No Content"), "{example}");
        assert!(
            !example.contains("Content-Type"),
            "no body and no Content-Type after 204: {example}"
        );
    }

    #[test]
    fn sub_status_examples_show_the_parent_on_the_wire() {
        let p = page("403.14");
        assert!(p.contains("HTTP/1.1 403 Forbidden"), "{p}");
        assert!(p.contains("curl -i &quot;$BASE/status/403&quot;"), "{p}");
    }

    #[test]
    fn interim_examples_end_with_a_final_response() {
        let p = page("103");
        assert!(p.contains("HTTP/1.1 103 Early Hints\nLink: "), "{p}");
        assert!(
            p.contains("\n\nHTTP/1.1 200 OK\nContent-Type: text/html"),
            "{p}"
        );
    }
}
