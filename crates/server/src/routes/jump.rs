//! The answer in one keystroke: when what was typed in the search box names exactly one entry
//! (`404`, `403.14`, `nginx:499`, `nginx 499`, `iis/403.14`), `/search?q=` answers a 303 to
//! that entry's page instead of a list of results. `app.js` sends Enter to the same place, so
//! with and without JavaScript the keystroke lands on the same page.
//!
//! A Windows code the registry lists (`0x8007000d`, `hresult:0x80070005`, `win32:64`) leads to its
//! own page, `/windows/{code}`. Several meanings (`499`: nginx's and Esri's), masks (`4xx`),
//! ranges, unknown Windows codes and words stay searches.

use httpstatus_codes::windows::{self, WinQuery};
use httpstatus_codes::{Entry, Query};

use super::seo::code_path;

/// The one entry `q` names, if it names exactly one.
pub(crate) fn exact(q: &str) -> Option<&'static Entry> {
    let q = q.trim();
    if q.is_empty() || q.len() > httpstatus_codes::MAX_QUERY_LEN {
        return None;
    }
    // `nginx 499` as `nginx:499`: a namespace, one space, a code.
    let joined;
    let q = match q.split_once(char::is_whitespace) {
        Some((ns, rest))
            if httpstatus_codes::Namespace::from_token(ns).is_some()
                && !rest.trim().contains(char::is_whitespace) =>
        {
            joined = format!("{ns}:{}", rest.trim());
            joined.as_str()
        }
        Some(_) => return None,
        None => q,
    };
    if WinQuery::looks_like(q) {
        return None;
    }
    let key = q.replacen('/', ":", 1);
    if let Some(e) =
        httpstatus_codes::by_id(&key).or_else(|| httpstatus_codes::by_id(&key.to_lowercase()))
    {
        return Some(e);
    }
    match Query::parse(q) {
        Ok(parsed @ Query::Code { .. }) => match parsed.entries().as_slice() {
            [one] => Some(one),
            _ => None,
        },
        _ => None,
    }
}

/// The page `q` leads to, if it names exactly one entry or a listed Windows code.
pub(crate) fn target(q: &str) -> Option<String> {
    let t = q.trim();
    if t.len() <= crate::routes::pages::windows::MAX_LEN && WinQuery::looks_like(t) {
        return t
            .parse::<WinQuery>()
            .ok()
            .and_then(windows::lookup)
            .map(|found| crate::routes::pages::windows::path(found.query));
    }
    exact(q).map(code_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_entry_is_a_page_anything_else_a_search() {
        for (q, page) in [
            ("404", "/codes/404"),
            (" 404 ", "/codes/404"),
            ("403.14", "/codes/403.14"),
            ("iis:403.14", "/codes/403.14"),
            ("nginx:499", "/codes/nginx/499"),
            ("nginx/499", "/codes/nginx/499"),
            ("nginx 499", "/codes/nginx/499"),
            ("NGINX:499", "/codes/nginx/499"),
            // Windows codes: their own page, under one spelling.
            ("0x8007000d", "/windows/hresult:0x8007000D"),
            ("hresult:0x8007000D", "/windows/hresult:0x8007000D"),
            ("win32:64", "/windows/win32:64"),
        ] {
            assert_eq!(target(q).as_deref(), Some(page), "{q}");
        }
        for q in [
            "",
            "499",
            "4xx",
            "500-504",
            "too many",
            "not found 404",
            "0x80041234",
            "403.x",
        ] {
            assert_eq!(target(q), None, "{q}");
        }
    }
}
