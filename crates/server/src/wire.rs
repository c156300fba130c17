//! What the status route and the web pages both need: the reason phrase a code is sent with,
//! the test endpoint's explanation of 1xx codes, and query-string decoding. It lives here so that
//! `routes::status` and `routes::pages` import one module instead of each other.

use httpstatus_codes::Explanation;

/// How the test endpoint treats 1xx codes; the English code pages quote it.
pub(crate) const ONE_XX_NOTE: &str = "1xx codes are interim: they can never be the final response. \
100 Continue is sent for real when the request carries Expect: 100-continue; 101 Switching Protocols \
upgrades for real when the request asks for one (Connection: Upgrade, Upgrade: echo) over HTTP/1.1; \
102, 103 (with a Link preload; header= sets others) and the other 1xx codes are sent for real over \
HTTP/1.1 and HTTP/2, then the final response (200, or final=CODE). HTTP/1.0 clients must not get \
one: there the final response carries the interim's headers and Httpstatus-Interim says what was \
not sent.";

/// Decodes a query string into pairs; `+` is a space. Invalid UTF-8 is an error, not replaced.
pub(crate) fn query_pairs(query: Option<&str>) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for part in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let decode = |s: &str| -> Result<String, String> {
            percent_encoding::percent_decode_str(&s.replace('+', " "))
                .decode_utf8()
                .map(|c| c.into_owned())
                .map_err(|_| {
                    "the query string is not valid UTF-8 after percent-decoding".to_string()
                })
        };
        out.push((decode(k)?, decode(v)?));
    }
    Ok(out)
}

/// The reason phrase that goes on the status line: the registry's English phrase, without
/// registry annotations such as "(OBSOLETED)".
pub(crate) fn wire_phrase(code: u16) -> String {
    let phrase = match httpstatus_codes::explain(code) {
        Some(Explanation::Registered(e)) => e.phrase,
        Some(Explanation::Unassigned { .. }) => "Unassigned",
        _ => httpstatus_codes::meanings(code)
            .first()
            .map_or("Non-Standard", |e| e.phrase),
    };
    let phrase = phrase.replace(" (OBSOLETED)", "");
    phrase.trim_matches(|c| c == '(' || c == ')').to_string()
}
