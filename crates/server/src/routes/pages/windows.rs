//! `/windows/{code}`: a Windows error code from an IIS error page or log (`0x8007000D`,
//! `win32:64`, `hresult:0x80070005`), explained in the page's language, with the statuses it
//! shows up next to. Rendered per request (a few hundred codes, rarely asked); its JSON twin is
//! `/api/v1/windows/{code}`. The search box sends an exact Windows code here (`routes::jump`).

use maud::{html, Markup};

use httpstatus_codes::windows::{WinLookup, WinQuery};
use httpstatus_codes::Lang;

use super::layout::{en, href, label, phrase};

/// The longest code text accepted (`hresult:0x8007000D` is 18 bytes).
pub(crate) const MAX_LEN: usize = 40;

/// The canonical page path of a code: `/windows/win32:64`, `/windows/hresult:0x8007000D`.
pub(crate) fn path(q: WinQuery) -> String {
    format!("/windows/{q}")
}

struct Words {
    kind_win32: &'static str,
    kind_hresult: &'static str,
    name: &'static str,
    inside: &'static str,
    seen: &'static str,
    seen_none: &'static str,
    json: &'static str,
}

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &Words {
            kind_win32: "Win32 error code",
            kind_hresult: "HRESULT",
            name: "Name in the Windows SDK",
            inside: "The Win32 code inside this HRESULT",
            seen: "Shows up with",
            seen_none: "Not tied to one status: it can appear with any IIS error.",
            json: "The same as JSON",
        },
        Lang::Th => &Words {
            kind_win32: "รหัสข้อผิดพลาด Win32",
            kind_hresult: "HRESULT",
            name: "ชื่อใน Windows SDK",
            inside: "รหัส Win32 ที่อยู่ใน HRESULT นี้",
            seen: "มักพบคู่กับ",
            seen_none: "ไม่ได้ผูกกับ status ใดโดยเฉพาะ พบได้กับ error ของ IIS ทุกแบบ",
            json: "ข้อมูลเดียวกันในรูปแบบ JSON",
        },
    }
}

/// The page's title: `Windows error 0x8007000D`.
pub(super) fn title(found: &WinLookup, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Windows error {}", found.number()),
        Lang::Th => format!("ข้อผิดพลาดของ Windows {}", found.number()),
    }
}

/// The `<main>` of a code's page.
pub(super) fn page(found: &WinLookup, lang: Lang) -> Markup {
    let w = words(lang);
    let kind = match found.query {
        WinQuery::Win32(_) => w.kind_win32,
        WinQuery::Hresult(_) => w.kind_hresult,
    };
    let seen: Vec<_> = found
        .entry
        .seen
        .iter()
        .filter_map(|id| httpstatus_codes::by_id(id))
        .collect();
    html! {
        h1 { (title(found, lang)) }
        p.lead { (kind) " · " code lang="en" { (found.name()) } }
        p { (found.entry.text.get(lang)) }
        dl.facts {
            dt { (w.name) }
            dd { code lang="en" { (found.name()) } }
            @if let (WinQuery::Hresult(_), Some(inner)) = (found.query, found.win32_code()) {
                @if httpstatus_codes::windows::win32(inner).is_some() {
                    dt { (w.inside) }
                    dd { a href=(path(WinQuery::Win32(inner))) { code { (inner) } } }
                }
            }
            dt { (w.seen) }
            dd {
                @if seen.is_empty() {
                    (w.seen_none)
                } @else {
                    ul.plain {
                        @for e in &seen {
                            li { a href=(href(e)) { b { (label(e)) } " " span lang=[en(lang)] { (phrase(e, lang)) } } }
                        }
                    }
                }
            }
            dt { (w.json) }
            dd { a href={ "/api/v1/windows/" (found.query) } { code { "/api/v1/windows/" (found.query) } } }
        }
    }
}
