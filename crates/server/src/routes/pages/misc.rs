//! The test endpoint index (`/endpoints`, made from [`crate::endpoints::ENDPOINTS`]) and the
//! HTML error pages of the reference: an unknown code (404, with suggestions) and an address
//! that is not a code at all (400).

use std::fmt::Write as _;

use httpstatus_codes::{Lang, ParseErrorKind, Query};

use super::i18n::{fill, ui};
use super::layout::{en_attr, esc, href, list, Number};
use crate::endpoints::ENDPOINTS;

/// The `<main>` of `/endpoints`.
pub(super) fn endpoints(lang: Lang) -> String {
    let t = ui(lang);
    let en = en_attr(lang);
    let mut out = String::with_capacity(16 * 1024);
    let _ = writeln!(
        out,
        "<h1>{}</h1>\n<p class=\"lead\">{}</p>\n<pre class=\"curl\" lang=\"en\"><code>BASE=<span class=\"base\">http://127.0.0.1:8080</span>\n\
         curl -i \"$BASE/status/503\"\ncurl -i \"$BASE/status/200:0.9,500:0.1\"\ncurl -i -H 'If-None-Match: \"abc\"' \"$BASE/etag/abc\"</code></pre>",
        esc(t.endpoints_title),
        esc(t.endpoints_lead)
    );
    let _ = writeln!(
        out,
        "<div class=\"table-wrap\"><table class=\"endpoints\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
        esc(t.endpoints_route),
        esc(t.endpoints_what),
        esc(t.endpoints_example),
        esc(t.endpoints_answers),
        esc(t.endpoints_peer),
    );
    for ep in ENDPOINTS {
        let answers = match httpstatus_codes::lookup(ep.example_status) {
            Some(e) => format!(
                "<a href=\"{}\"><span class=\"num\">{}</span></a> <span{en}>{}</span>",
                esc(&href(e)),
                e.code,
                esc(e.phrase)
            ),
            None => ep.example_status.to_string(),
        };
        let peer = if ep.peer.is_empty() {
            esc(t.endpoints_ours)
        } else {
            format!("<span{en}>{}</span>", esc(ep.peer))
        };
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><code>{path}</code></th><td{en}>{desc}</td>\
             <td data-label=\"{l_example}\"><a class=\"try\" href=\"{example}\" rel=\"nofollow\"><code>{example}</code></a></td>\
             <td data-label=\"{l_answers}\">{answers}</td><td data-label=\"{l_peer}\">{peer}</td></tr>",
            l_example = esc(t.endpoints_example),
            l_answers = esc(t.endpoints_answers),
            l_peer = esc(t.endpoints_peer),
            path = esc(ep.path),
            desc = esc(ep.description),
            example = esc(ep.example),
        );
    }
    out.push_str("</tbody>\n</table></div>\n");
    out
}

/// An error page's title and `<main>`.
#[derive(Debug)]
pub(super) struct ErrorPage {
    pub title: String,
    pub main: String,
}

/// The 404 page for an id that names no entry, with what it may have meant.
pub(super) fn not_found(id: &str, lang: Lang) -> ErrorPage {
    let t = ui(lang);
    let id_html = esc(id);
    let mut out = String::new();
    let _ = writeln!(out, "<h1>{}</h1>", esc(t.not_found_title));
    let parsed = Query::parse(id);
    let mut suggestions = match parsed {
        Ok(q) => q.entries(),
        Err(_) => Vec::new(),
    };
    let mut lead = fill(&esc(t.not_found_code), &[("id", &id_html)]);
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
            let link = format!(
                "<a href=\"{}\">{} {}</a>",
                esc(&href(fallback)),
                fallback.code,
                esc(fallback.phrase)
            );
            lead = fill(
                &esc(t.not_found_unassigned),
                &[("id", &id_html), ("fallback", &link)],
            );
            suggestions.insert(0, range);
        } else if !suggestions.is_empty() {
            lead = fill(&esc(t.not_found_number), &[("id", &id_html)]);
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
    let _ = writeln!(out, "<p class=\"lead\">{lead}</p>");
    if !suggestions.is_empty() {
        let _ = writeln!(out, "<section class=\"block\" aria-labelledby=\"h-suggestions\">\n<h2 id=\"h-suggestions\">{}</h2>", esc(t.suggestions));
        list(&mut out, suggestions, lang, Number::Full);
        out.push_str("</section>\n");
    }
    let _ = writeln!(out, "<p>{}</p>", esc(t.search_tips));
    ErrorPage {
        title: t.not_found_title.to_string(),
        main: out,
    }
}

/// The 404 page for a class that does not exist.
pub(super) fn no_class(id: &str, lang: Lang) -> ErrorPage {
    let t = ui(lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<h1>{}</h1>\n<p class=\"lead\">{}</p>\n<ul class=\"plain\">",
        esc(t.not_found_title),
        fill(&esc(t.no_class), &[("id", &esc(id))])
    );
    for class in httpstatus_codes::Class::STANDARD {
        let _ = writeln!(
            out,
            "<li><a href=\"/classes/{tok}\">{tok} {}</a></li>",
            esc(class.name().get(lang)),
            tok = class.token()
        );
    }
    out.push_str("</ul>\n");
    ErrorPage {
        title: t.not_found_title.to_string(),
        main: out,
    }
}

/// The 400 page: `message` says what was wrong (English, from the parser).
pub(super) fn bad_request(id: &str, message: &str, lang: Lang) -> ErrorPage {
    let t = ui(lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<h1>{}</h1>\n<p class=\"lead\">{}: <code>{}</code></p>\n<p{}>{}</p>\n<p>{}</p>",
        esc(t.bad_request_title),
        esc(t.bad_request_lead),
        esc(id),
        en_attr(lang),
        esc(message),
        esc(t.search_tips)
    );
    ErrorPage {
        title: t.bad_request_title.to_string(),
        main: out,
    }
}
