//! The home page and the class pages.
//!
//! The home page is an index to scan: the five classes, each code on one line (number and
//! name) in a dense grid, then the IIS sub-status codes under their parent code and the vendor
//! codes by vendor, just as dense; the introduction comes last, folded. Every registry entry is
//! linked from it. A class page (`/classes/4xx`) shows one class with each code's summary: its
//! standard codes, the IIS sub-status codes and the vendor codes that fall in it.

use maud::{html, Markup};

use httpstatus_codes::{Class, Entry, Lang, Namespace};

use super::i18n::{fill, ui};
use super::layout::{class_css, compact, en, fill_markup, href, list, Number};

/// The RFC 9110 section of a class.
pub(super) fn class_spec(class: Class) -> Option<(&'static str, &'static str)> {
    Some(match class {
        Class::Informational => (
            "RFC 9110 §15.2",
            "https://www.rfc-editor.org/rfc/rfc9110#section-15.2",
        ),
        Class::Success => (
            "RFC 9110 §15.3",
            "https://www.rfc-editor.org/rfc/rfc9110#section-15.3",
        ),
        Class::Redirection => (
            "RFC 9110 §15.4",
            "https://www.rfc-editor.org/rfc/rfc9110#section-15.4",
        ),
        Class::ClientError => (
            "RFC 9110 §15.5",
            "https://www.rfc-editor.org/rfc/rfc9110#section-15.5",
        ),
        Class::ServerError => (
            "RFC 9110 §15.6",
            "https://www.rfc-editor.org/rfc/rfc9110#section-15.6",
        ),
        Class::NonStandard => return None,
    })
}

/// Standard (IANA) entries of a class, unassigned ranges included, in order.
fn standard(class: Class) -> impl Iterator<Item = &'static Entry> {
    httpstatus_codes::by_class(class).filter(|e| e.namespace == Namespace::Iana)
}

/// IIS sub-status codes grouped by parent code, for codes in `first..=last`.
fn iis_groups(first: u16, last: u16) -> Vec<(u16, Vec<&'static Entry>)> {
    let mut groups: Vec<(u16, Vec<&'static Entry>)> = Vec::new();
    let subs = httpstatus_codes::by_namespace(Namespace::Iis)
        .filter(|e| e.sub.is_some() && (first..=last).contains(&e.code));
    for e in subs {
        match groups.last_mut() {
            Some((code, members)) if *code == e.code => members.push(e),
            _ => groups.push((e.code, vec![e])),
        }
    }
    groups
}

/// Entries of every namespace other than IANA and IIS, grouped by namespace, for codes in
/// `first..=last`.
fn vendor_groups(first: u16, last: u16) -> Vec<(Namespace, Vec<&'static Entry>)> {
    Namespace::ALL
        .into_iter()
        .filter(|ns| !matches!(ns, Namespace::Iana | Namespace::Iis))
        .map(|ns| {
            let members: Vec<&Entry> = httpstatus_codes::by_namespace(ns)
                .filter(|e| (first..=last).contains(&e.code))
                .collect();
            (ns, members)
        })
        .filter(|(_, members)| !members.is_empty())
        .collect()
}

/// The heading of an IIS group: the parent code, linked when the registry has it.
fn parent_heading(code: u16, id: &str, lang: Lang) -> Markup {
    html! {
        h3 id=(id) {
            @if let Some(parent) = httpstatus_codes::lookup(code) {
                a href=(href(parent)) {
                    span.num { (code) } " " span lang=[en(lang)] { (parent.phrase) }
                }
            } @else {
                span.num { (code) }
            }
        }
    }
}

/// Which way a section lists its codes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Density {
    /// One line per code (the home page).
    Dense,
    /// With summaries (class pages).
    Full,
}

fn codes<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    lang: Lang,
    num: Number,
    density: Density,
) -> Markup {
    match density {
        Density::Dense => compact(entries, lang, num),
        Density::Full => list(entries, lang, num),
    }
}

fn iis_section(
    lang: Lang,
    (first, last): (u16, u16),
    heading: &str,
    lead: Option<&str>,
    density: Density,
) -> Markup {
    let t = ui(lang);
    let groups = iis_groups(first, last);
    let own: Vec<&Entry> = httpstatus_codes::by_namespace(Namespace::Iis)
        .filter(|e| e.sub.is_none() && (first..=last).contains(&e.code))
        .collect();
    if groups.is_empty() && own.is_empty() {
        return html! {};
    }
    html! {
        section.block #iis aria-labelledby="h-iis" {
            h2 #h-iis { (heading) }
            @if let Some(lead) = lead { p.lead { (lead) } }
            div.groups.(if density == Density::Dense { "dense-groups" } else { "" }) {
                @for (code, members) in &groups {
                    @let id = format!("iis-{code}");
                    section.group.(class_css(Class::of(*code))) aria-labelledby=(id) {
                        (parent_heading(*code, &id, lang))
                        (codes(members.iter().copied(), lang, Number::Full, density))
                    }
                }
                @if !own.is_empty() {
                    section.group aria-labelledby="iis-own" {
                        h3 #iis-own { (t.iis_own) }
                        (codes(own, lang, Number::Bare, density))
                    }
                }
            }
        }
    }
}

fn vendor_section(
    lang: Lang,
    (first, last): (u16, u16),
    heading: &str,
    lead: Option<&str>,
    density: Density,
) -> Markup {
    let groups = vendor_groups(first, last);
    if groups.is_empty() {
        return html! {};
    }
    html! {
        section.block #vendors aria-labelledby="h-vendors" {
            h2 #h-vendors { (heading) }
            @if let Some(lead) = lead { p.lead { (lead) } }
            div.groups.(if density == Density::Dense { "dense-groups" } else { "" }) {
                @for (ns, members) in groups {
                    @let id = format!("vendor-{}", ns.token());
                    section.group aria-labelledby=(id) {
                        h3 id=(id) { (ns.display_name()) }
                        (codes(members, lang, Number::Bare, density))
                    }
                }
            }
        }
    }
}

/// Number of assigned (not unassigned-range) entries.
fn assigned_count<'a>(entries: impl Iterator<Item = &'a Entry>) -> usize {
    entries.filter(|e| !e.is_unassigned()).count()
}

/// The `<main>` of the home page.
pub(super) fn home(lang: Lang) -> Markup {
    let t = ui(lang);
    let count = |n: usize| fill(t.codes_count, &[("n", &n.to_string())]);
    let iis_count = httpstatus_codes::by_namespace(Namespace::Iis).count();
    let vendor_count = httpstatus_codes::entries()
        .iter()
        .filter(|e| !matches!(e.namespace, Namespace::Iana | Namespace::Iis))
        .count();
    html! {
        h1 { (t.home_title) }
        nav.toc aria-labelledby="toc-h" {
            h2 #toc-h .vh { (t.toc) }
            ul {
                @for class in Class::STANDARD {
                    li {
                        a.(class_css(class)) href={ "#class-" (class.token()) } {
                            b { (class.token()) } " " (class.name().get(lang)) " "
                            small { (count(assigned_count(standard(class)))) }
                        }
                    }
                }
                li { a href="#iis" { (t.nav_iis) " " small { (count(iis_count)) } } }
                li { a href="#vendors" { (t.nav_vendors) " " small { (count(vendor_count)) } } }
            }
        }
        @for class in Class::STANDARD {
            @let tok = class.token();
            section.block.class-block.(class_css(class)) id={ "class-" (tok) } aria-labelledby={ "h-" (tok) } {
                h2 id={ "h-" (tok) } {
                    a href={ "/classes/" (tok) } { span.num { (tok) } " " (class.name().get(lang)) }
                }
                (compact(standard(class), lang, Number::Full))
            }
        }
        (iis_section(lang, (0, 999), t.iis_heading, Some(t.iis_lead), Density::Dense))
        (vendor_section(lang, (0, 999), t.vendors_heading, Some(t.vendors_lead), Density::Dense))
        details.intro.hint {
            summary { (t.intro_heading) }
            @for p in t.intro { p { (p) } }
        }
    }
}

/// A class page's `<title>` text, description and `<main>`.
pub(super) fn class_page(class: Class, lang: Lang) -> (String, String, Markup) {
    let t = ui(lang);
    let tok = class.token();
    let name = class.name().get(lang);
    let title = format!("{tok} {name}");
    let range = match class.digit() {
        Some(d) => (d * 100, d * 100 + 99),
        None => (0, 0),
    };
    let classes = Class::STANDARD;
    let pos = classes.iter().position(|c| *c == class).unwrap_or(0);
    let prev = pos.checked_sub(1).and_then(|i| classes.get(i));
    let next = classes.get(pos + 1);
    let main = html! {
        nav.crumbs aria-label=(t.breadcrumb) {
            ol { li { a href="/" { "httpstatus" } } li aria-current="page" { (tok) } }
        }
        header.page-head.(class_css(class)) {
            h1 { span.num { (tok) } " " (name) }
            p.summary { (class.summary().get(lang)) }
            @if let Some(fallback) = class.fallback_code().and_then(httpstatus_codes::lookup) {
                p {
                    (fill_markup(t.class_fallback, &[
                        ("class", html! { (tok) }),
                        ("fallback", html! { a href=(href(fallback)) { (fallback.code) " " (fallback.phrase) } }),
                    ]))
                }
            }
            @if let Some((label, url)) = class_spec(class) {
                p { (t.class_spec) ": " a href=(url) rel="noopener" { (label) } }
            }
        }
        section.block.(class_css(class)) #standard aria-labelledby="h-standard" {
            h2 #h-standard { (t.class_standard) }
            (list(standard(class), lang, Number::Full))
        }
        (iis_section(lang, range, t.class_iis, None, Density::Full))
        (vendor_section(lang, range, t.class_vendors, None, Density::Full))
        nav.pager aria-label=(t.pager) {
            @if let Some(prev) = prev {
                a rel="prev" href={ "/classes/" (prev.token()) } {
                    small { (t.prev) } " " (prev.token()) " " (prev.name().get(lang))
                }
            }
            @if let Some(next) = next {
                a rel="next" href={ "/classes/" (next.token()) } {
                    small { (t.next) } " " (next.token()) " " (next.name().get(lang))
                }
            }
        }
    };
    (title, class.summary().get(lang).to_string(), main)
}

/// The neighbours of a class page in the order 1xx..5xx, as paths.
pub(super) fn class_neighbours(class: Class) -> (Option<String>, Option<String>) {
    let classes = Class::STANDARD;
    let pos = classes.iter().position(|c| *c == class).unwrap_or(0);
    let path = |c: &Class| format!("/classes/{}", c.token());
    (
        pos.checked_sub(1).and_then(|i| classes.get(i)).map(path),
        classes.get(pos + 1).map(path),
    )
}
