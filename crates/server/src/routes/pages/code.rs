//! The page of one registry entry (`/codes/404`, `/codes/403.14`, `/codes/nginx/499`,
//! `/codes/105-199`): everything the registry knows about it, an example response built from its
//! semantics, a ready `curl` line against this server's test endpoint, and links to its parent,
//! sub-status codes, other meanings of the number and related codes.

use std::fmt::Write as _;

use httpstatus_codes::{Body, Class, Condition, Entry, HeaderHint, Lang, Namespace, Wire};

use super::i18n::{self, fill, ui};
use super::layout::{class_css, en_attr, esc, href, inline, label, paragraphs, phrase};
use crate::routes::status::wire_phrase;

/// The address the `curl` line shows before `app.js` replaces it with the page's own origin:
/// the server's default listen address.
const DEFAULT_BASE: &str = "http://127.0.0.1:8080";

/// The page's `<title>`, meta description and `<main>`.
pub(super) fn code_page(
    e: &'static Entry,
    lang: Lang,
    prev: Option<&Entry>,
    next: Option<&Entry>,
) -> (String, String, String) {
    let t = ui(lang);
    let class = e.class();
    let css = class_css(class);
    let title_text = e.title.get(lang);
    let mut title = format!("{} {}", label(e), phrase(e, lang));
    if !title_text.is_empty() && !title_text.eq_ignore_ascii_case(e.phrase) {
        let _ = write!(title, " · {title_text}");
    }

    let mut out = String::with_capacity(24 * 1024);
    crumbs(&mut out, e, lang);
    let _ = writeln!(out, "<article class=\"entry {css}\" aria-labelledby=\"title\">\n<header class=\"page-head {css}\">");
    let eyebrow_class = match class.digit() {
        Some(_) => format!(
            "<a href=\"/classes/{tok}\">{tok} {}</a>",
            esc(class.name().get(lang)),
            tok = class.token()
        ),
        None => esc(class.name().get(lang)),
    };
    let _ = writeln!(
        out,
        "<p class=\"eyebrow\">{} · {eyebrow_class}</p>",
        esc(e.namespace.display_name())
    );
    let _ = writeln!(
        out,
        "<h1 id=\"title\"><span class=\"num\">{}</span> <span class=\"phrase\"{}>{}</span></h1>",
        esc(&label(e)),
        if e.is_unassigned() { "" } else { en_attr(lang) },
        esc(phrase(e, lang))
    );
    if !title_text.is_empty() && !title_text.eq_ignore_ascii_case(e.phrase) {
        let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", esc(title_text));
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
    if !tags.is_empty() {
        out.push_str("<p class=\"tags\">");
        for tag in tags {
            let _ = write!(out, "<span class=\"tag\">{}</span> ", esc(tag));
        }
        out.push_str("</p>\n");
    }
    let _ = writeln!(
        out,
        "<p class=\"summary\">{}</p>\n</header>",
        inline(e.summary.get(lang))
    );

    out.push_str("<div class=\"columns\">\n<div class=\"main-col\">\n");
    section_start(&mut out, "description", t.description);
    out.push_str(&paragraphs(e.description.get(lang)));
    out.push_str("</section>\n");
    if e.is_unassigned() {
        range_section(&mut out, e, lang);
    }
    semantics(&mut out, e, lang);
    example_section(&mut out, e, lang);
    try_section(&mut out, e, lang);
    bullets(&mut out, "causes", t.causes, e.causes, lang);
    bullets(&mut out, "fixes", t.fixes, e.fixes, lang);
    troubleshooting(&mut out, e, lang);
    constants(&mut out, e, lang);
    if let Some(seed) = e.seed {
        section_start(&mut out, "seed", t.seed);
        let _ = writeln!(
            out,
            "<p class=\"seed-said\">{}: <q{}>{}</q></p>\n<p>{}</p>",
            esc(t.seed_said),
            en_attr(lang),
            esc(seed.phrase),
            inline(seed.note.get(lang))
        );
        out.push_str("</section>\n");
    }
    out.push_str("</div>\n<aside class=\"side-col\">\n");
    family(&mut out, e, lang);
    // The parent is already linked above; do not list it twice.
    let parent = e.sub.map(|_| e.code);
    let related = e
        .related_entries()
        .filter(|r| !(parent == Some(r.code) && r.sub.is_none() && r.namespace == Namespace::Iana));
    links(&mut out, "related", t.related, related, lang);
    if !e.aliases.is_empty() {
        section_start(&mut out, "aliases", t.aliases);
        out.push_str("<ul class=\"plain\">");
        for alias in e.aliases {
            let _ = write!(out, "<li{}>{}</li>", en_attr(lang), esc(alias));
        }
        out.push_str("</ul>\n</section>\n");
    }
    reference(&mut out, e, lang);
    out.push_str("</aside>\n</div>\n</article>\n");
    pager(&mut out, prev, next, lang);
    (title, e.summary.get(lang).to_string(), out)
}

fn section_start(out: &mut String, id: &str, heading: &str) {
    let _ = writeln!(out, "<section class=\"card\" id=\"{id}\" aria-labelledby=\"h-{id}\">\n<h2 id=\"h-{id}\">{}</h2>", esc(heading));
}

fn crumbs(out: &mut String, e: &Entry, lang: Lang) {
    let t = ui(lang);
    let class = e.class();
    let _ = write!(
        out,
        "<nav class=\"crumbs\" aria-label=\"{}\"><ol><li><a href=\"/\">httpstatus</a></li>",
        esc(t.breadcrumb)
    );
    if class.digit().is_some() {
        let _ = write!(
            out,
            "<li><a href=\"/classes/{tok}\">{tok} {name}</a></li>",
            tok = class.token(),
            name = esc(class.name().get(lang))
        );
    }
    match e.namespace {
        Namespace::Iana => {}
        Namespace::Iis => match e.sub.and_then(|_| httpstatus_codes::lookup(e.code)) {
            Some(parent) => {
                let _ = write!(
                    out,
                    "<li><a href=\"{}\">{} {}</a></li>",
                    esc(&href(parent)),
                    parent.code,
                    esc(parent.phrase)
                );
            }
            None => {
                let _ = write!(out, "<li><a href=\"/#iis\">IIS</a></li>");
            }
        },
        ns => {
            let _ = write!(
                out,
                "<li><a href=\"/#vendor-{}\">{}</a></li>",
                ns.token(),
                esc(ns.display_name())
            );
        }
    }
    let _ = writeln!(
        out,
        "<li aria-current=\"page\">{}</li></ol></nav>",
        esc(&e.number())
    );
}

fn range_section(out: &mut String, e: &Entry, lang: Lang) {
    let t = ui(lang);
    let Some(fallback) = e.class().fallback_code().and_then(httpstatus_codes::lookup) else {
        return;
    };
    section_start(out, "reading", t.range_heading);
    let link = format!(
        "<a href=\"{}\">{} {}</a>",
        esc(&href(fallback)),
        fallback.code,
        esc(fallback.phrase)
    );
    let _ = writeln!(
        out,
        "<p>{}</p>",
        fill(&esc(t.range_note), &[("fallback", &link)])
    );
    out.push_str("</section>\n");
}

fn semantics(out: &mut String, e: &Entry, lang: Lang) {
    let t = ui(lang);
    let s = &e.semantics;
    section_start(out, "semantics", t.semantics);
    out.push_str("<dl class=\"facts\">\n");
    let mut item = |term: &str, value: String| {
        let _ = writeln!(out, "<div><dt>{}</dt><dd>{value}</dd></div>", esc(term));
    };
    item(
        t.cacheable,
        esc(if s.cacheable {
            t.cacheable_yes
        } else {
            t.cacheable_no
        }),
    );
    item(
        t.body,
        esc(if s.body == Body::Forbidden {
            t.body_forbidden
        } else {
            t.body_allowed
        }),
    );
    let retry = match s.retry_source {
        Some(src) => format!(
            "{} (<a href=\"{}\">{}</a>)",
            esc(s.retry.advice().get(lang)),
            esc(src.url),
            esc(src.label)
        ),
        None => esc(s.retry.advice().get(lang)),
    };
    item(t.retry, retry);
    if let Some(redirect) = s.redirect {
        item(t.redirect, esc(redirect.explain().get(lang)));
    }
    let headers = if s.headers.is_empty() {
        esc(t.headers_none)
    } else {
        let mut h = String::from("<ul class=\"plain\">");
        for hint in s.headers {
            let _ = write!(
                h,
                "<li><code>{}</code> <span class=\"level level-{}\">{}</span>",
                esc(hint.name),
                hint.level.token(),
                esc(i18n::level(hint.level, lang))
            );
            if let Some(when) = hint.when {
                let _ = write!(h, " {}", esc(when.explain().get(lang)));
            }
            if let Some(src) = hint.source {
                let _ = write!(h, " (<a href=\"{}\">{}</a>)", esc(src.url), esc(src.label));
            }
            h.push_str("</li>");
        }
        h.push_str("</ul>");
        h
    };
    item(t.headers, headers);
    let wire = match s.wire {
        Wire::Sent => esc(t.wire_sent),
        Wire::SentAs(code) => {
            let code_html = match httpstatus_codes::lookup(code) {
                Some(parent) => format!("<a href=\"{}\">{code}</a>", esc(&href(parent))),
                None => code.to_string(),
            };
            fill(&esc(t.wire_sent_as), &[("code", &code_html)])
        }
        Wire::LogOnly => esc(t.wire_log_only),
    };
    item(t.wire, wire);
    out.push_str("</dl>\n</section>\n");
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

fn example_section(out: &mut String, e: &Entry, lang: Lang) {
    let t = ui(lang);
    let (text, note) = match e.semantics.wire {
        _ if e.is_unassigned() => return,
        Wire::LogOnly => {
            section_start(out, "example", t.example);
            let _ = writeln!(out, "<p>{}</p>\n</section>", esc(t.example_log_only));
            return;
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
                return;
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
    section_start(out, "example", t.example);
    if !note.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(&note));
    }
    let _ = writeln!(
        out,
        "<pre class=\"http\"{}><code>{}</code></pre>\n</section>",
        en_attr(lang),
        esc(text.trim_end())
    );
}

fn try_section(out: &mut String, e: &Entry, lang: Lang) {
    let t = ui(lang);
    let (code, note) = match e.semantics.wire {
        _ if e.code < 100 => return,
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
    section_start(out, "try", t.try_it);
    let _ = writeln!(
        out,
        "<pre class=\"curl\" lang=\"en\"><code>BASE=<span class=\"base\">{DEFAULT_BASE}</span>\ncurl -i \"$BASE/status/{code:03}\"</code></pre>\n\
         <p>{}</p>\n<p><a href=\"/endpoints\">{}</a></p>\n</section>",
        esc(&note),
        esc(t.nav_endpoints)
    );
}

fn bullets(
    out: &mut String,
    id: &str,
    heading: &str,
    items: &[httpstatus_codes::Text],
    lang: Lang,
) {
    if items.is_empty() {
        return;
    }
    section_start(out, id, heading);
    out.push_str("<ul>\n");
    for item in items {
        let _ = writeln!(out, "<li>{}</li>", inline(item.get(lang)));
    }
    out.push_str("</ul>\n</section>\n");
}

/// Causes and fixes by stack: each item names its stacks, then the cause and the fix.
fn troubleshooting(out: &mut String, e: &Entry, lang: Lang) {
    let tips = e.troubleshooting();
    if tips.is_empty() {
        return;
    }
    let (heading, fix_label) = match lang {
        Lang::En => ("Causes and fixes by stack", "Fix"),
        Lang::Th => ("สาเหตุและวิธีแก้แยกตาม stack", "วิธีแก้"),
    };
    section_start(out, "troubleshooting", heading);
    out.push_str("<ul class=\"tips\">\n");
    for tip in tips {
        out.push_str("<li><p>");
        for stack in tip.stacks {
            let _ = write!(
                out,
                "<span class=\"tag stack\">{}</span> ",
                esc(stack.name().get(lang))
            );
        }
        let _ = writeln!(
            out,
            "{}</p>\n<p><strong>{}:</strong> {}</p></li>",
            inline(tip.cause.get(lang)),
            esc(fix_label),
            inline(tip.fix.get(lang))
        );
    }
    out.push_str("</ul>\n</section>\n");
}

/// The code's name in languages and frameworks, as a small table.
fn constants(out: &mut String, e: &Entry, lang: Lang) {
    let names = e.constants();
    if names.is_empty() {
        return;
    }
    let (heading, framework, name, older) = match lang {
        Lang::En => ("In code", "Language / framework", "Name", "older name"),
        Lang::Th => ("ชื่อในภาษาและ framework", "ภาษาหรือ framework", "ชื่อ", "ชื่อเดิม"),
    };
    section_start(out, "constants", heading);
    let _ = writeln!(
        out,
        "<table class=\"constants\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
        esc(framework),
        esc(name)
    );
    let mut i = 0;
    while i < names.len() {
        let f = names[i].framework();
        let group: Vec<_> = names[i..]
            .iter()
            .take_while(|c| c.framework().id == f.id)
            .collect();
        i += group.len();
        let cells: Vec<String> = group
            .iter()
            .map(|c| {
                let text = if f.phrase {
                    format!("http.STATUS_CODES[{}] = \"{}\"", c.code, c.name)
                } else {
                    c.name.to_string()
                };
                let note = if c.current {
                    String::new()
                } else {
                    format!(" <small>({})</small>", esc(older))
                };
                format!("<code>{}</code>{note}", esc(&text))
            })
            .collect();
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\" lang=\"en\">{}</th><td lang=\"en\">{}</td></tr>",
            esc(f.name),
            cells.join("<br>")
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// A compact list of linked entries.
fn links<'a>(
    out: &mut String,
    id: &str,
    heading: &str,
    entries: impl Iterator<Item = &'a Entry>,
    lang: Lang,
) {
    let entries: Vec<&Entry> = entries.collect();
    if entries.is_empty() {
        return;
    }
    section_start(out, id, heading);
    out.push_str("<ul class=\"mini\">\n");
    for e in entries {
        let _ = writeln!(
            out,
            "<li class=\"{}\"><a href=\"{}\"><span class=\"num\">{}</span> <span{}>{}</span></a></li>",
            class_css(e.class()),
            esc(&href(e)),
            esc(&label(e)),
            if e.is_unassigned() { "" } else { en_attr(lang) },
            esc(phrase(e, lang))
        );
    }
    out.push_str("</ul>\n</section>\n");
}

/// Parent code, sub-status codes and other meanings of the same number.
fn family(out: &mut String, e: &'static Entry, lang: Lang) {
    let t = ui(lang);
    if e.sub.is_some() {
        if let Some(parent) = httpstatus_codes::lookup(e.code) {
            links(out, "parent", t.parent, std::iter::once(parent), lang);
        }
    }
    if e.namespace == Namespace::Iana && e.sub.is_none() && !e.is_unassigned() {
        let subs = httpstatus_codes::sub_statuses(e.code);
        let heading = fill(t.subs, &[("code", &e.code.to_string())]);
        links(out, "substatus", &heading, subs.iter(), lang);
    }
    if e.sub.is_none() && !e.is_unassigned() {
        let mut others: Vec<&Entry> = httpstatus_codes::meanings(e.code)
            .iter()
            .filter(|o| o.id != e.id)
            .collect();
        if httpstatus_codes::lookup(e.code).is_none() {
            if let Some(range) = httpstatus_codes::unassigned_range(e.code) {
                others.insert(0, range);
            }
        }
        let heading = fill(t.meanings, &[("code", &format!("{:03}", e.code))]);
        links(out, "meanings", &heading, others.into_iter(), lang);
    }
}

fn reference(out: &mut String, e: &Entry, lang: Lang) {
    let t = ui(lang);
    section_start(out, "reference", t.reference);
    out.push_str("<ul class=\"plain\">\n");
    if !e.reference.url.is_empty() {
        let _ = writeln!(
            out,
            "<li><a class=\"spec\" href=\"{}\" rel=\"noopener\">{}</a></li>",
            esc(e.reference.url),
            esc(if e.reference.label.is_empty() {
                e.reference.url
            } else {
                e.reference.label
            })
        );
    } else if !e.reference.label.is_empty() {
        let _ = writeln!(out, "<li>{}</li>", esc(e.reference.label));
    }
    if let Some(versions) = e.iis_versions {
        let versions = httpstatus_codes::iis_versions_text(versions, lang);
        let _ = writeln!(out, "<li>{}: {}</li>", esc(t.iis_versions), esc(&versions));
    }
    if let Some(facts) = e.facts {
        let _ = writeln!(
            out,
            "<li>{}: <span{}>{}</span></li>",
            esc(t.facts),
            en_attr(lang),
            esc(facts)
        );
    }
    let _ = writeln!(
        out,
        "<li><a href=\"{}.json\" type=\"application/json\">{}</a></li>",
        esc(&href(e)),
        esc(t.json_twin)
    );
    out.push_str("</ul>\n</section>\n");
}

fn pager(out: &mut String, prev: Option<&Entry>, next: Option<&Entry>, lang: Lang) {
    let t = ui(lang);
    let _ = write!(out, "<nav class=\"pager\" aria-label=\"{}\">", esc(t.pager));
    for (rel, word, e) in [("prev", t.prev, prev), ("next", t.next, next)] {
        if let Some(e) = e {
            let _ = write!(
                out,
                "<a rel=\"{rel}\" href=\"{}\"><small>{}</small> <span class=\"num\">{}</span> <span{}>{}</span></a>",
                esc(&href(e)),
                esc(word),
                esc(&label(e)),
                if e.is_unassigned() { "" } else { en_attr(lang) },
                esc(phrase(e, lang))
            );
        }
    }
    out.push_str("</nav>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(id: &str) -> String {
        let e = httpstatus_codes::by_id(id).unwrap();
        code_page(e, Lang::En, None, None).2
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
        assert!(p.contains("curl -i \"$BASE/status/403\""), "{p}");
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
