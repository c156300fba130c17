//! The page shell every HTML page shares (head, header with search and language switch, footer)
//! and the small HTML pieces the pages are built from: entry links, code lists, rich text.
//!
//! **Invariant:** every piece of text that reaches the HTML goes through [`esc`] (or is a
//! `'static` literal of ours without markup characters). Pages carry no inline script and no
//! `style` attribute, so the Content-Security-Policy can forbid both.

use std::fmt::Write as _;

use httpstatus_codes::{Class, Entry, Lang, Namespace};

use super::i18n::{self, ui};

/// Escapes text for element content and attribute values.
pub(super) fn esc(s: &str) -> String {
    crate::error::escape_html(s)
}

/// Which section of the top navigation a page belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Nav {
    Home,
    Class(Class),
    Endpoints,
    Search,
    Guide,
}

/// Versioned URLs of the static assets (`?v=` changes whenever their content does, so they can
/// be cached for a year).
#[derive(Clone, Debug)]
pub(super) struct AssetUrls {
    pub style: String,
    pub script: String,
    pub index: String,
}

/// What the shell needs to know about a page.
#[derive(Debug)]
pub(super) struct Page<'a> {
    pub lang: Lang,
    /// Plain text for `<title>`.
    pub title: &'a str,
    /// Plain text for the meta description.
    pub description: &'a str,
    /// The page's own path and query without `lang`, used by the language switch.
    pub path: &'a str,
    /// The search box's current text.
    pub query: &'a str,
    pub nav: Nav,
    /// The JSON twin of the page, if it has one.
    pub json: Option<&'a str>,
    /// The body of `<main>`, already HTML.
    pub main: &'a str,
}

/// The favicon's artwork, also used as the logo in the header.
const LOGO: &str = "<svg class=\"logo\" viewBox=\"0 0 32 32\" width=\"28\" height=\"28\" aria-hidden=\"true\" focusable=\"false\">\
<rect width=\"32\" height=\"32\" rx=\"8\" fill=\"#1f2933\"/><circle cx=\"8.5\" cy=\"16\" r=\"4\" fill=\"#2da44e\"/>\
<circle cx=\"16\" cy=\"16\" r=\"4\" fill=\"#d4a72c\"/><circle cx=\"23.5\" cy=\"16\" r=\"4\" fill=\"#e5534b\"/></svg>";

/// The whole document for `page`.
pub(super) fn render(page: &Page<'_>, assets: &AssetUrls) -> String {
    let t = ui(page.lang);
    let lang = page.lang.token();
    let mut out = String::with_capacity(page.main.len() + 6 * 1024);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <title>{title}</title>\n<meta name=\"description\" content=\"{description}\">\n\
         <script src=\"{theme}\"></script>\n\
         <link rel=\"stylesheet\" href=\"{style}\">\n\
         <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n",
        title = esc(page.title),
        description = esc(&page.description.replace('`', "")),
        style = esc(&assets.style),
        theme = esc(crate::routes::theme::url()),
    );
    for other in [Lang::En, Lang::Th] {
        let _ = writeln!(
            out,
            "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">",
            other.token(),
            esc(&with_lang(page.path, other))
        );
    }
    if let Some(json) = page.json {
        let _ = writeln!(
            out,
            "<link rel=\"alternate\" type=\"application/json\" href=\"{}\">",
            esc(json)
        );
    }
    let _ = write!(
        out,
        "<script src=\"{script}\" defer></script>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#main\">{skip}</a>\n\
         <header class=\"site-header\">\n<div class=\"wrap bar\">\n\
         <a class=\"brand\" href=\"/\" aria-label=\"{home}\">{LOGO}<span>httpstatus</span></a>\n\
         <form class=\"search\" action=\"/search\" method=\"get\" role=\"search\" data-index=\"{index}\" \
         data-none=\"{none}\" data-all=\"{all}\" data-count=\"{count}\" data-count-one=\"{count_one}\" \
         data-api=\"/api/v1/search\">\n\
         <label class=\"vh\" for=\"q\">{label}</label>\n\
         <input id=\"q\" name=\"q\" type=\"search\" value=\"{query}\" placeholder=\"{placeholder}\" \
         autocomplete=\"off\" spellcheck=\"false\" maxlength=\"256\" aria-controls=\"instant\">\n\
         <button type=\"submit\">{button}</button>\n\
         <div id=\"instant\" class=\"instant\" hidden></div>\n\
         </form>\n",
        script = esc(&assets.script),
        skip = t.skip,
        home = t.home_link,
        index = esc(&assets.index),
        none = esc(t.search_none_instant),
        all = esc(t.search_all),
        count = esc(t.search_count),
        count_one = esc(t.search_count_one),
        label = t.search_label,
        query = esc(page.query),
        placeholder = esc(t.search_placeholder),
        button = t.search_button,
    );
    let _ = write!(out, "<nav class=\"langs\" aria-label=\"{}\">", t.lang_nav);
    for (other, name) in [(Lang::En, "English"), (Lang::Th, "ไทย")] {
        let current = if other == page.lang {
            " aria-current=\"true\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<a href=\"{}\" hreflang=\"{code}\" lang=\"{code}\"{current}>{name}</a>",
            esc(&with_lang(page.path, other)),
            code = other.token(),
        );
    }
    out.push_str("</nav>\n</div>\n");
    let _ = write!(
        out,
        "<nav class=\"wrap sections\" aria-label=\"{}\"><ul>",
        t.sections_nav
    );
    for class in Class::STANDARD {
        let current = if page.nav == Nav::Class(class) {
            " aria-current=\"page\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<li><a class=\"{cls}\" href=\"/classes/{tok}\"{current}><b>{tok}</b> <span>{name}</span></a></li>",
            cls = class_css(class),
            tok = class.token(),
            name = class.name().get(page.lang),
        );
    }
    let endpoints_current = if page.nav == Nav::Endpoints {
        " aria-current=\"page\""
    } else {
        ""
    };
    let guide_current = if page.nav == Nav::Guide {
        " aria-current=\"page\""
    } else {
        ""
    };
    let _ = write!(
        out,
        "<li><a href=\"/#iis\">{iis}</a></li><li><a href=\"/#vendors\">{vendors}</a></li>\
         <li><a href=\"/endpoints\"{endpoints_current}>{endpoints}</a></li>\
         <li><a href=\"/guide\"{guide_current}>{guide}</a></li></ul></nav>\n</header>\n\
         <main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n",
        iis = t.nav_iis,
        vendors = t.nav_vendors,
        endpoints = t.nav_endpoints,
        guide = super::guide::NAV.get(page.lang),
    );
    out.push_str(page.main);
    let _ = write!(
        out,
        "</main>\n<footer class=\"site-footer\"><div class=\"wrap\">\n<p>{about}</p>\n\
         <p><a href=\"/api/v1\">{api}</a> · <a href=\"/api/v1/openapi.json\">{openapi}</a> · \
         <a href=\"/endpoints\">{endpoints}</a> · \
         <a href=\"https://www.rfc-editor.org/rfc/rfc9110#section-15\" rel=\"noopener\">{more}</a></p>\n\
         </div></footer>\n</body>\n</html>\n",
        about = esc(t.footer_about),
        api = t.footer_api,
        openapi = t.footer_openapi,
        endpoints = t.nav_endpoints,
        more = t.footer_read_more,
    );
    out
}

/// `path` with `lang=` set, keeping any other query parameters.
pub(super) fn with_lang(path: &str, lang: Lang) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}lang={}", lang.token())
}

/// The CSS class that colours a code by its class.
pub(super) fn class_css(class: Class) -> &'static str {
    match class {
        Class::Informational => "c1",
        Class::Success => "c2",
        Class::Redirection => "c3",
        Class::ClientError => "c4",
        Class::ServerError => "c5",
        Class::NonStandard => "c0",
    }
}

/// The canonical page of an entry: `/codes/404`, `/codes/403.14`, `/codes/nginx/499`.
pub(super) fn href(e: &Entry) -> String {
    match e.id.split_once(':') {
        Some((ns, rest)) => format!("/codes/{ns}/{rest}"),
        None => format!("/codes/{}", e.id),
    }
}

/// The code as a heading shows it: `404`, `403.14`, `105–199`, `nginx 499`, `IIS 431`.
pub(super) fn label(e: &Entry) -> String {
    match (e.namespace, e.sub) {
        (Namespace::Iana, _) | (Namespace::Iis, Some(_)) => e.number().replace('-', "–"),
        (ns, _) => format!("{} {}", ns.display_name(), e.number()),
    }
}

/// The phrase as lists show it: the wire phrase, or "Unassigned" for a range.
pub(super) fn phrase(e: &Entry, lang: Lang) -> &'static str {
    if e.is_unassigned() {
        ui(lang).unassigned
    } else {
        e.phrase
    }
}

/// `lang="en"` on English text inside a Thai page (the phrases on the wire are English).
pub(super) fn en_attr(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "",
        Lang::Th => " lang=\"en\"",
    }
}

/// How a list row shows the code number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Number {
    /// `404`, `403.14`, `nginx 499`.
    Full,
    /// Without the namespace, under a heading that names it.
    Bare,
}

/// One `<li>` of a code list: number and phrase as a link, then the title (Thai pages) and the
/// one-line summary.
pub(super) fn row(out: &mut String, e: &Entry, lang: Lang, number: Number) {
    let num = match number {
        Number::Full => label(e),
        Number::Bare => e.number().replace('-', "–"),
    };
    let muted = if e.is_unassigned() { " unassigned" } else { "" };
    let _ = write!(
        out,
        "<li class=\"row {cls}{muted}\"><a class=\"code\" href=\"{href}\"><span class=\"num\">{num}</span> \
         <span class=\"phrase\"{en}>{phrase}</span></a>",
        cls = class_css(e.class()),
        href = esc(&href(e)),
        num = esc(&num),
        en = if e.is_unassigned() { "" } else { en_attr(lang) },
        phrase = esc(phrase(e, lang)),
    );
    let title = e.title.get(lang);
    if lang == Lang::Th
        && !e.is_unassigned()
        && !title.is_empty()
        && !title.eq_ignore_ascii_case(e.phrase)
    {
        let _ = write!(out, " <span class=\"title\">{}</span>", esc(title));
    }
    if let Some(tag) = i18n::status_tag(e.status, lang).filter(|_| !e.is_unassigned()) {
        let _ = write!(out, " <span class=\"tag\">{tag}</span>");
    }
    let _ = writeln!(
        out,
        "<p class=\"sum\">{}</p></li>",
        inline(e.summary.get(lang))
    );
}

/// A `<ul>` of rows.
pub(super) fn list<'a>(
    out: &mut String,
    entries: impl IntoIterator<Item = &'a Entry>,
    lang: Lang,
    number: Number,
) {
    out.push_str("<ul class=\"codes\">\n");
    for e in entries {
        row(out, e, lang, number);
    }
    out.push_str("</ul>\n");
}

/// Escapes `text` and turns `` `code` `` spans into `<code>`.
pub(super) fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", esc(part));
        } else {
            out.push_str(&esc(part));
        }
    }
    // An unpaired backtick leaves an odd number of parts: the last one was opened as code but
    // never closed, which is harmless because every part is escaped and the tag is closed.
    out
}

/// Paragraphs (separated by blank lines) with inline code.
pub(super) fn paragraphs(text: &str) -> String {
    let mut out = String::new();
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let _ = writeln!(out, "<p>{}</p>", inline(&para.replace('\n', " ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_escapes_and_marks_code() {
        assert_eq!(
            inline("use `<location>` & <b>"),
            "use <code>&lt;location&gt;</code> &amp; &lt;b&gt;"
        );
        assert_eq!(inline("odd `tick"), "odd <code>tick</code>");
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        assert_eq!(paragraphs("a\nb\n\nc\n"), "<p>a b</p>\n<p>c</p>\n");
    }

    #[test]
    fn entry_urls() {
        let nginx = httpstatus_codes::by_id("nginx:499").unwrap();
        assert_eq!(href(nginx), "/codes/nginx/499");
        assert_eq!(label(nginx), "nginx 499");
        assert_eq!(
            href(httpstatus_codes::by_id("403.14").unwrap()),
            "/codes/403.14"
        );
        assert_eq!(with_lang("/search?q=a", Lang::Th), "/search?q=a&lang=th");
    }
}
