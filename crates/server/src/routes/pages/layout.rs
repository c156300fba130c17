//! The page shell every HTML page shares (head, sticky header with search and language switch,
//! section navigation, footer) and the small pieces the pages are built from: entry links, code
//! lists, rich text from the registry.
//!
//! Everything is a [maud] template: text is escaped when it is spliced in, so no page escapes by
//! hand. The only markup that does not come from a template is what [`Inline`] and
//! [`Paragraphs`] emit themselves (`<code>`, `<p>`) around text they escape, and what
//! [`fill_markup`] splices between escaped pieces of a sentence. Pages carry no inline script
//! and no `style` attribute, so the Content-Security-Policy can forbid both.

use maud::{html, Markup, PreEscaped, Render, DOCTYPE};

use httpstatus_codes::{Class, Entry, Lang, Namespace};

use super::i18n::{self, ui};

/// Which section of the top navigation a page belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Nav {
    Home,
    Class(Class),
    Endpoints,
    Search,
    Guide,
}

/// What every page links to that depends on the running server: the versioned URLs of the
/// static assets (`?v=` changes whenever their content does, so they can be cached for a year)
/// and the public origin that canonical and `hreflang` links are made absolute with.
#[derive(Clone, Debug)]
pub(super) struct AssetUrls {
    pub style: String,
    pub script: String,
    pub index: String,
    /// `Config::public_url` without a trailing slash, such as `http://localhost:8080`.
    pub origin: String,
}

/// What the shell needs to know about a page.
#[derive(Debug)]
pub(super) struct Page<'a> {
    pub lang: Lang,
    /// Plain text for `<title>`.
    pub title: &'a str,
    /// Plain text for the meta description (backticks are dropped).
    pub description: &'a str,
    /// The page's own path and query without `lang`, used by the language switch and the
    /// canonical link.
    pub path: &'a str,
    /// The search box's current text.
    pub query: &'a str,
    pub nav: Nav,
    /// The JSON twin of the page, if it has one.
    pub json: Option<&'a str>,
    /// The previous and next pages of a sequence (`<link rel="prev"/"next">`).
    pub prev: Option<&'a str>,
    pub next: Option<&'a str>,
    /// The body of `<main>`.
    pub main: Markup,
}

impl<'a> Page<'a> {
    /// A page with no query, no JSON twin and no sequence.
    pub fn new(lang: Lang, title: &'a str, description: &'a str, path: &'a str, nav: Nav) -> Self {
        Page {
            lang,
            title,
            description,
            path,
            query: "",
            nav,
            json: None,
            prev: None,
            next: None,
            main: PreEscaped(String::new()),
        }
    }
}

/// The favicon's artwork, also used as the logo in the header.
fn logo() -> Markup {
    html! {
        svg.logo viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false" {
            rect width="32" height="32" rx="8" fill="#1f2933" {}
            circle cx="8.5" cy="16" r="4" fill="#2da44e" {}
            circle cx="16" cy="16" r="4" fill="#d4a72c" {}
            circle cx="23.5" cy="16" r="4" fill="#e5534b" {}
        }
    }
}

/// The whole document for `page`.
pub(super) fn render(page: &Page<'_>, assets: &AssetUrls) -> String {
    let t = ui(page.lang);
    let origin = assets.origin.as_str();
    let current = |yes: bool| yes.then_some("page");
    html! {
        (DOCTYPE)
        html lang=(page.lang.token()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (page.title) }
                meta name="description" content=(page.description.replace('`', ""));
                // Synchronous on purpose: the saved light/dark choice is applied before paint.
                script src=(crate::routes::theme::url()) {}
                link rel="stylesheet" href=(assets.style);
                link rel="icon" href="/favicon.svg" type="image/svg+xml";
                link rel="canonical" href={ (origin) (canonical_path(page.path, page.lang)) };
                @for other in [Lang::En, Lang::Th] {
                    link rel="alternate" hreflang=(other.token()) href={ (origin) (canonical_path(page.path, other)) };
                }
                link rel="alternate" hreflang="x-default" href={ (origin) (page.path) };
                @if let Some(prev) = page.prev { link rel="prev" href=(prev); }
                @if let Some(next) = page.next { link rel="next" href=(next); }
                @if let Some(json) = page.json {
                    link rel="alternate" type="application/json" href=(json);
                }
                script src=(assets.script) defer {}
            }
            body {
                a.skip href="#main" { (t.skip) }
                header.site-header {
                    div.wrap.bar {
                        a.brand href="/" aria-label=(t.home_link) { (logo()) span { "httpstatus" } }
                        form.search action="/search" method="get" role="search"
                            data-index=(assets.index) data-none=(t.search_none_instant)
                            data-all=(t.search_all) data-count=(t.search_count)
                            data-count-one=(t.search_count_one) data-api="/api/v1/search" {
                            label.vh for="q" { (t.search_label) }
                            input #q name="q" type="search" value=(page.query)
                                placeholder=(t.search_placeholder) autocomplete="off"
                                spellcheck="false" maxlength="256" aria-controls="instant";
                            button type="submit" { (t.search_button) }
                            div #instant .instant hidden {}
                        }
                        nav.langs aria-label=(t.lang_nav) {
                            @for (other, name) in [(Lang::En, "English"), (Lang::Th, "ไทย")] {
                                a href=(with_lang(page.path, other)) hreflang=(other.token())
                                    lang=(other.token())
                                    aria-current=[(other == page.lang).then_some("true")] { (name) }
                            }
                        }
                    }
                }
                nav.wrap.sections aria-label=(t.sections_nav) {
                    ul {
                        @for class in Class::STANDARD {
                            li {
                                a.(class_css(class)) href={ "/classes/" (class.token()) }
                                    aria-current=[current(page.nav == Nav::Class(class))] {
                                    b { (class.token()) } " " span { (class.name().get(page.lang)) }
                                }
                            }
                        }
                        li { a href="/#iis" { (t.nav_iis) } }
                        li { a href="/#vendors" { (t.nav_vendors) } }
                        li { a href="/endpoints" aria-current=[current(page.nav == Nav::Endpoints)] { (t.nav_endpoints) } }
                        li { a href="/guide" aria-current=[current(page.nav == Nav::Guide)] { (super::guide::NAV.get(page.lang)) } }
                    }
                }
                main #main .wrap tabindex="-1" { (page.main) }
                footer.site-footer {
                    div.wrap {
                        p { (t.footer_about) }
                        p {
                            a href="/api/v1" { (t.footer_api) } " · "
                            a href="/api/v1/openapi.json" { (t.footer_openapi) } " · "
                            a href="/endpoints" { (t.nav_endpoints) } " · "
                            a href="https://www.rfc-editor.org/rfc/rfc9110#section-15" rel="noopener" { (t.footer_read_more) }
                        }
                    }
                }
            }
        }
    }
    .into_string()
}

/// The accessible name of a block that scrolls sideways (a `<pre>` or a table in a
/// `role="region"` with `tabindex="0"`, so that a keyboard can scroll it): its section's name
/// and a note, so that it differs from the section's own region name.
pub(super) fn scroll_label(name: &str, lang: Lang) -> String {
    format!("{name} ({})", ui(lang).scrolls)
}

/// `path` with `lang=` set, keeping any other query parameters.
/// The canonical URL path of a page in `lang`: English at the plain path (which is also the
/// `x-default`), Thai with `?lang=th`. So the canonical link of the English page is its own URL and
/// never another `hreflang` alternate (search engines, and Lighthouse, reject that).
pub(super) fn canonical_path(path: &str, lang: Lang) -> String {
    match lang {
        Lang::En => path.to_owned(),
        Lang::Th => with_lang(path, lang),
    }
}

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

/// `lang="en"` for English text (the phrases on the wire) inside a Thai page; `None` on an
/// English page, for maud's optional attributes.
pub(super) fn en(lang: Lang) -> Option<&'static str> {
    (lang == Lang::Th).then_some("en")
}

/// Like [`en`] for an entry's phrase: "Unassigned" is translated, so it is not marked.
pub(super) fn phrase_lang(e: &Entry, lang: Lang) -> Option<&'static str> {
    if e.is_unassigned() {
        None
    } else {
        en(lang)
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

fn number(e: &Entry, number: Number) -> String {
    match number {
        Number::Full => label(e),
        Number::Bare => e.number().replace('-', "–"),
    }
}

/// One `<li>` of a code list with summaries (class pages, search): number and phrase as a
/// link, then the title (Thai pages), a status badge and the one-line summary.
pub(super) fn row(e: &Entry, lang: Lang, num: Number) -> Markup {
    let title = e.title.get(lang);
    let show_title = lang == Lang::Th
        && !e.is_unassigned()
        && !title.is_empty()
        && !title.eq_ignore_ascii_case(e.phrase);
    let tag = i18n::status_tag(e.status, lang).filter(|_| !e.is_unassigned());
    html! {
        li.row.(class_css(e.class())).unassigned[e.is_unassigned()] {
            a.code href=(href(e)) {
                span.num { (number(e, num)) } " "
                span.phrase lang=[phrase_lang(e, lang)] { (phrase(e, lang)) }
            }
            @if show_title { " " span.title { (title) } }
            @if let Some(tag) = tag { " " span.tag { (tag) } }
            p.sum { (Inline(e.summary.get(lang))) }
        }
    }
}

/// A `<ul>` of rows with summaries.
pub(super) fn list<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    lang: Lang,
    num: Number,
) -> Markup {
    html! {
        ul.codes { @for e in entries { (row(e, lang, num)) } }
    }
}

/// A dense list: one line per code, number and name only (the home page).
pub(super) fn compact<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    lang: Lang,
    num: Number,
) -> Markup {
    html! {
        ul.dense {
            @for e in entries {
                @let title = e.title.get(lang);
                li.(class_css(e.class())).unassigned[e.is_unassigned()] {
                    a href=(href(e)) {
                        span.num { (number(e, num)) } " "
                        span.phrase lang=[phrase_lang(e, lang)] { (phrase(e, lang)) }
                        @if lang == Lang::Th && !e.is_unassigned() && !title.is_empty()
                            && !title.eq_ignore_ascii_case(e.phrase) {
                            " " span.title { (title) }
                        }
                    }
                }
            }
        }
    }
}

/// Registry text with `` `code` `` spans: everything is escaped, and each span becomes
/// `<code>`. An unpaired backtick opens a span that the end of the text closes.
#[derive(Clone, Copy, Debug)]
pub(super) struct Inline<'a>(pub &'a str);

impl Render for Inline<'_> {
    fn render_to(&self, out: &mut String) {
        for (i, part) in self.0.split('`').enumerate() {
            if i % 2 == 1 {
                out.push_str("<code>");
                part.render_to(out);
                out.push_str("</code>");
            } else {
                part.render_to(out);
            }
        }
    }
}

/// Registry text in paragraphs (separated by blank lines), each with [`Inline`] code.
#[derive(Clone, Copy, Debug)]
pub(super) struct Paragraphs<'a>(pub &'a str);

impl Render for Paragraphs<'_> {
    fn render_to(&self, out: &mut String) {
        for para in self
            .0
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            out.push_str("<p>");
            Inline(&para.replace('\n', " ")).render_to(out);
            out.push_str("</p>\n");
        }
    }
}

/// A sentence of ours with `{key}` placeholders, where each value is markup (a link): the
/// sentence's own text is escaped, the values are spliced in as they are.
pub(super) fn fill_markup(template: &str, pairs: &[(&str, Markup)]) -> Markup {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let key = &rest[start + 1..start + len];
        match pairs.iter().find(|(k, _)| *k == key) {
            Some((_, value)) => {
                rest[..start].render_to(&mut out);
                out.push_str(&value.0);
            }
            None => rest[..=start + len].render_to(&mut out),
        }
        rest = &rest[start + len + 1..];
    }
    rest.render_to(&mut out);
    PreEscaped(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_escapes_and_marks_code() {
        assert_eq!(
            Inline("use `<location>` & <b>").render().into_string(),
            "use <code>&lt;location&gt;</code> &amp; &lt;b&gt;"
        );
        assert_eq!(
            Inline("odd `tick").render().into_string(),
            "odd <code>tick</code>"
        );
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        assert_eq!(
            Paragraphs("a\nb\n\nc\n").render().into_string(),
            "<p>a b</p>\n<p>c</p>\n"
        );
    }

    #[test]
    fn fill_markup_escapes_the_sentence_and_splices_the_values() {
        let link = html! { a href="/x" { "x & y" } };
        assert_eq!(
            fill_markup("<{a}> & {b} {a}", &[("a", link)]).into_string(),
            "&lt;<a href=\"/x\">x &amp; y</a>&gt; &amp; {b} <a href=\"/x\">x &amp; y</a>"
        );
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
