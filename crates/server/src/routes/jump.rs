//! The answer in one keystroke: when what was typed in the search box names exactly one entry
//! (`404`, `403.14`, `nginx:499`, `nginx 499`, `iis/403.14`), `/search?q=` answers a 303 to
//! that entry's page instead of a list of results. `app.js` sends Enter to the same place, so
//! with and without JavaScript the keystroke lands on the same page.
//!
//! Several meanings (`499`: nginx's and Esri's), masks (`4xx`), ranges and words stay searches.
//! Windows codes (`0x8007000d`, `win32:64`) have no page of their own yet, so they stay
//! searches too.

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

/// The page `q` leads to, if it names exactly one entry.
pub(crate) fn target(q: &str) -> Option<String> {
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
            "0x8007000d",
            "403.x",
        ] {
            assert_eq!(target(q), None, "{q}");
        }
    }
}
