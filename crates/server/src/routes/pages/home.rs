//! The home page and the class pages.
//!
//! The home page follows the seed page's layout: an introduction on why status codes matter,
//! then the five classes, each listing every code with its phrase and summary, then the IIS
//! sub-status codes grouped by parent code, then vendor codes by vendor. Every registry entry is
//! linked from it. A class page (`/classes/4xx`) shows one class with its standard codes, the IIS
//! sub-status codes and the vendor codes that fall in it.

use std::fmt::Write as _;

use httpstatus_codes::{Class, Entry, Lang, Namespace};

use super::i18n::{fill, ui};
use super::layout::{class_css, esc, href, list, Number};

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
fn parent_heading(out: &mut String, code: u16, id: &str, lang: Lang) {
    match httpstatus_codes::lookup(code) {
        Some(parent) => {
            let _ = writeln!(
                out,
                "<h3 id=\"{id}\"><a href=\"{}\"><span class=\"num\">{code}</span> <span{}>{}</span></a></h3>",
                esc(&href(parent)),
                super::layout::en_attr(lang),
                esc(parent.phrase)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "<h3 id=\"{id}\"><span class=\"num\">{code}</span></h3>"
            );
        }
    }
}

fn iis_section(
    out: &mut String,
    lang: Lang,
    first: u16,
    last: u16,
    heading: &str,
    lead: Option<&str>,
) {
    let t = ui(lang);
    let groups = iis_groups(first, last);
    let own: Vec<&Entry> = httpstatus_codes::by_namespace(Namespace::Iis)
        .filter(|e| e.sub.is_none() && (first..=last).contains(&e.code))
        .collect();
    if groups.is_empty() && own.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section class=\"block\" id=\"iis\" aria-labelledby=\"h-iis\">\n<h2 id=\"h-iis\">{}</h2>",
        esc(heading)
    );
    if let Some(lead) = lead {
        let _ = writeln!(out, "<p class=\"lead\">{}</p>", esc(lead));
    }
    for (code, members) in &groups {
        let _ = writeln!(
            out,
            "<section class=\"group\" aria-labelledby=\"iis-{code}\">"
        );
        parent_heading(out, *code, &format!("iis-{code}"), lang);
        list(out, members.iter().copied(), lang, Number::Full);
        out.push_str("</section>\n");
    }
    if !own.is_empty() {
        let _ = writeln!(
            out,
            "<section class=\"group\" aria-labelledby=\"iis-own\">\n<h3 id=\"iis-own\">{}</h3>",
            esc(t.iis_own)
        );
        list(out, own, lang, Number::Bare);
        out.push_str("</section>\n");
    }
    out.push_str("</section>\n");
}

fn vendor_section(
    out: &mut String,
    lang: Lang,
    first: u16,
    last: u16,
    heading: &str,
    lead: Option<&str>,
) {
    let groups = vendor_groups(first, last);
    if groups.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section class=\"block\" id=\"vendors\" aria-labelledby=\"h-vendors\">\n<h2 id=\"h-vendors\">{}</h2>",
        esc(heading)
    );
    if let Some(lead) = lead {
        let _ = writeln!(out, "<p class=\"lead\">{}</p>", esc(lead));
    }
    for (ns, members) in groups {
        let _ = writeln!(
            out,
            "<section class=\"group\" aria-labelledby=\"vendor-{tok}\">\n<h3 id=\"vendor-{tok}\">{name}</h3>",
            tok = ns.token(),
            name = esc(ns.display_name())
        );
        list(out, members, lang, Number::Bare);
        out.push_str("</section>\n");
    }
    out.push_str("</section>\n");
}

/// Number of assigned (not unassigned-range) entries.
fn assigned_count<'a>(entries: impl Iterator<Item = &'a Entry>) -> usize {
    entries.filter(|e| !e.is_unassigned()).count()
}

/// The `<main>` of the home page.
pub(super) fn home(lang: Lang) -> String {
    let t = ui(lang);
    let mut out = String::with_capacity(96 * 1024);
    let _ = writeln!(out, "<h1>{}</h1>", esc(t.home_title));
    out.push_str("<div class=\"hint\" role=\"note\">\n");
    for p in t.intro {
        let _ = writeln!(out, "<p>{}</p>", esc(p));
    }
    out.push_str("</div>\n");

    let _ = write!(out, "<nav class=\"toc\" aria-labelledby=\"toc-h\">\n<h2 id=\"toc-h\" class=\"vh\">{}</h2>\n<ul>\n", esc(t.toc));
    for class in Class::STANDARD {
        let n = assigned_count(standard(class));
        let _ = writeln!(
            out,
            "<li><a class=\"{css}\" href=\"#class-{tok}\"><b>{tok}</b> {name} <small>{count}</small></a></li>",
            css = class_css(class),
            tok = class.token(),
            name = esc(class.name().get(lang)),
            count = esc(&fill(t.codes_count, &[("n", &n.to_string())])),
        );
    }
    let iis_count = httpstatus_codes::by_namespace(Namespace::Iis).count();
    let vendor_count = httpstatus_codes::entries()
        .iter()
        .filter(|e| !matches!(e.namespace, Namespace::Iana | Namespace::Iis))
        .count();
    let _ = writeln!(
        out,
        "<li><a href=\"#iis\">{} <small>{}</small></a></li>\n<li><a href=\"#vendors\">{} <small>{}</small></a></li>\n</ul>\n</nav>",
        esc(t.nav_iis),
        esc(&fill(t.codes_count, &[("n", &iis_count.to_string())])),
        esc(t.nav_vendors),
        esc(&fill(t.codes_count, &[("n", &vendor_count.to_string())])),
    );

    for class in Class::STANDARD {
        let tok = class.token();
        let _ = writeln!(
            out,
            "<section class=\"block class-block {css}\" id=\"class-{tok}\" aria-labelledby=\"h-{tok}\">\n\
             <h2 id=\"h-{tok}\"><a href=\"/classes/{tok}\"><span class=\"num\">{tok}</span> {name}</a></h2>\n\
             <p class=\"lead\">{summary}</p>",
            css = class_css(class),
            name = esc(class.name().get(lang)),
            summary = esc(class.summary().get(lang)),
        );
        list(&mut out, standard(class), lang, Number::Full);
        out.push_str("</section>\n");
    }
    iis_section(&mut out, lang, 0, 999, t.iis_heading, Some(t.iis_lead));
    vendor_section(
        &mut out,
        lang,
        0,
        999,
        t.vendors_heading,
        Some(t.vendors_lead),
    );
    out
}

/// The `<main>` of a class page, with its title and description.
pub(super) fn class_page(class: Class, lang: Lang) -> (String, String, String) {
    let t = ui(lang);
    let tok = class.token();
    let name = class.name().get(lang);
    let title = format!("{tok} {name}");
    let (first, last) = match class.digit() {
        Some(d) => (d * 100, d * 100 + 99),
        None => (0, 0),
    };
    let mut out = String::with_capacity(48 * 1024);
    let _ = writeln!(
        out,
        "<nav class=\"crumbs\" aria-label=\"{crumb}\"><ol><li><a href=\"/\">httpstatus</a></li><li aria-current=\"page\">{tok}</li></ol></nav>\n\
         <header class=\"page-head {css}\">\n<h1><span class=\"num\">{tok}</span> {name}</h1>\n<p class=\"summary\">{summary}</p>",
        crumb = esc(t.breadcrumb),
        css = class_css(class),
        name = esc(name),
        summary = esc(class.summary().get(lang)),
    );
    if let Some(fallback) = class.fallback_code().and_then(httpstatus_codes::lookup) {
        let _ = writeln!(
            out,
            "<p>{}</p>",
            fill(
                &esc(t.class_fallback),
                &[
                    ("class", tok),
                    (
                        "fallback",
                        &format!(
                            "<a href=\"{}\">{} {}</a>",
                            esc(&href(fallback)),
                            fallback.code,
                            esc(fallback.phrase)
                        )
                    ),
                ]
            )
        );
    }
    if let Some((label, url)) = class_spec(class) {
        let _ = writeln!(
            out,
            "<p>{}: <a href=\"{}\" rel=\"noopener\">{}</a></p>",
            esc(t.class_spec),
            esc(url),
            esc(label)
        );
    }
    out.push_str("</header>\n");

    let _ = writeln!(
        out,
        "<section class=\"block {css}\" id=\"standard\" aria-labelledby=\"h-standard\">\n<h2 id=\"h-standard\">{}</h2>",
        esc(t.class_standard),
        css = class_css(class)
    );
    list(&mut out, standard(class), lang, Number::Full);
    out.push_str("</section>\n");
    iis_section(&mut out, lang, first, last, t.class_iis, None);
    vendor_section(&mut out, lang, first, last, t.class_vendors, None);

    let classes = Class::STANDARD;
    let pos = classes.iter().position(|c| *c == class).unwrap_or(0);
    let _ = write!(out, "<nav class=\"pager\" aria-label=\"{}\">", esc(t.pager));
    if let Some(prev) = pos.checked_sub(1).and_then(|i| classes.get(i)) {
        let _ = write!(
            out,
            "<a rel=\"prev\" href=\"/classes/{tok}\"><small>{label}</small> {tok} {name}</a>",
            label = esc(t.prev),
            tok = prev.token(),
            name = esc(prev.name().get(lang))
        );
    }
    if let Some(next) = classes.get(pos + 1) {
        let _ = write!(
            out,
            "<a rel=\"next\" href=\"/classes/{tok}\"><small>{label}</small> {tok} {name}</a>",
            label = esc(t.next),
            tok = next.token(),
            name = esc(next.name().get(lang))
        );
    }
    out.push_str("</nav>\n");
    (title, class.summary().get(lang).to_string(), out)
}
