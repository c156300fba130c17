//! Content and language negotiation: `Accept`, `Accept-Language`, `?lang=` and the `lang` cookie.

use http::header::{ACCEPT, ACCEPT_LANGUAGE, COOKIE};
use http::HeaderMap;
use httpstatus_codes::Lang;

/// The body formats the server can produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Json,
    Text,
    Html,
}

impl Format {
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Text => "text/plain; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
        }
    }
}

/// Media ranges of `Accept` with their q-values, in the order given.
pub(crate) fn accept_ranges(headers: &HeaderMap) -> Vec<(String, f32)> {
    let mut out = Vec::new();
    for value in headers.get_all(ACCEPT) {
        let Ok(value) = value.to_str() else { continue };
        for part in value.split(',') {
            let mut pieces = part.split(';');
            let range = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            if range.is_empty() {
                continue;
            }
            let q = pieces
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .filter(|q| q.is_finite())
                .unwrap_or(1.0)
                .clamp(0.0, 1.0);
            out.push((range, q));
        }
    }
    out
}

/// The best of JSON, plain text and HTML for this `Accept`, or `default` when the client does
/// not care (no header, `*/*`).
pub(crate) fn format(headers: &HeaderMap, default: Format) -> Format {
    let ranges = accept_ranges(headers);
    if ranges.is_empty() {
        return default;
    }
    let score = |f: Format| -> f32 {
        let (full, family) = match f {
            Format::Json => ("application/json", "application/*"),
            Format::Text => ("text/plain", "text/*"),
            Format::Html => ("text/html", "text/*"),
        };
        let mut best: Option<(u8, f32)> = None;
        for (range, q) in &ranges {
            let specificity = if range == full || (f == Format::Json && range.ends_with("+json")) {
                3
            } else if range == family {
                2
            } else if range == "*/*" {
                1
            } else {
                continue;
            };
            if best.is_none_or(|(s, _)| specificity > s) {
                best = Some((specificity, *q));
            }
        }
        best.map_or(
            0.0,
            |(s, q)| if s == 1 && f != default { q * 0.99 } else { q },
        )
    };
    let mut choice = (default, score(default));
    for f in [Format::Json, Format::Html, Format::Text] {
        let s = score(f);
        if s > choice.1 {
            choice = (f, s);
        }
    }
    if choice.1 <= 0.0 {
        default
    } else {
        choice.0
    }
}

/// `?lang=`, then the `lang` cookie, then `Accept-Language`, then English.
pub(crate) fn lang(query_lang: Option<&str>, headers: &HeaderMap) -> Lang {
    if let Some(lang) = query_lang.and_then(Lang::from_locale) {
        return lang;
    }
    if let Some(lang) = cookie_lang(headers) {
        return lang;
    }
    accept_language(headers).unwrap_or(Lang::En)
}

pub(crate) fn cookie_lang(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix("lang="))
        .find_map(Lang::from_locale)
}

fn accept_language(headers: &HeaderMap) -> Option<Lang> {
    let value = headers.get(ACCEPT_LANGUAGE)?.to_str().ok()?;
    let mut best: Option<(Lang, f32)> = None;
    for part in value.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or("").trim();
        let q = pieces
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .filter(|q| q.is_finite())
            .unwrap_or(1.0);
        if let Some(lang) = Lang::from_locale(tag) {
            if q > 0.0 && best.is_none_or(|(_, b)| q > b) {
                best = Some((lang, q));
            }
        }
    }
    best.map(|(l, _)| l)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn h(name: http::header::HeaderName, v: &'static str) -> HeaderMap {
        let mut m = HeaderMap::new();
        m.insert(name, HeaderValue::from_static(v));
        m
    }

    #[test]
    fn accept() {
        assert_eq!(format(&HeaderMap::new(), Format::Text), Format::Text);
        assert_eq!(
            format(&h(ACCEPT, "application/json"), Format::Text),
            Format::Json
        );
        assert_eq!(format(&h(ACCEPT, "*/*"), Format::Text), Format::Text);
        assert_eq!(
            format(
                &h(ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8"),
                Format::Text
            ),
            Format::Html
        );
        assert_eq!(
            format(
                &h(ACCEPT, "text/plain;q=0.2, application/json;q=0.9"),
                Format::Html
            ),
            Format::Json
        );
        assert_eq!(
            format(&h(ACCEPT, "application/problem+json"), Format::Text),
            Format::Json
        );
        assert_eq!(format(&h(ACCEPT, "image/png"), Format::Text), Format::Text);
        assert_eq!(
            format(&h(ACCEPT, "text/html;q=nan"), Format::Json),
            Format::Html
        );
    }

    #[test]
    fn languages() {
        assert_eq!(lang(Some("th"), &HeaderMap::new()), Lang::Th);
        assert_eq!(
            lang(None, &h(ACCEPT_LANGUAGE, "th-TH,th;q=0.9,en;q=0.8")),
            Lang::Th
        );
        assert_eq!(lang(None, &h(ACCEPT_LANGUAGE, "en-US,th;q=0.5")), Lang::En);
        assert_eq!(lang(None, &h(COOKIE, "a=b; lang=th")), Lang::Th);
        assert_eq!(lang(Some("en"), &h(COOKIE, "lang=th")), Lang::En);
        assert_eq!(lang(Some("xx"), &HeaderMap::new()), Lang::En);
    }
}
