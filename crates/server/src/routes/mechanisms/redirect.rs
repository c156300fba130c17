//! Redirects (httpbin): `/redirect/{n}`, `/relative-redirect/{n}`, `/absolute-redirect/{n}` and
//! `/redirect-to?url=&status_code=`.
//!
//! A chain of `n` redirects (1 to [`MAX_REDIRECTS`]) ends at `/get`; absolute URLs are built from
//! the `Host` header, which must be a host name or IP literal with an optional port (else 400),
//! with `https` when `X-Forwarded-Proto: https` says a proxy terminated TLS.
//!
//! `/redirect-to` is not an open redirect. The target may be:
//! - a relative reference (`/get`, `get`, `../x`, `?q=1`), except one that starts with `//`,
//!   `/\`, `\/` or `\\` (scheme-relative: browsers would leave this server), also after
//!   percent-decoding, repeatedly;
//! - an absolute `http` or `https` URL to a host given with `--allow-redirect-host`, or to this
//!   server's own `Host`; never with user information (`https://allowed@evil.example`) or a
//!   backslash;
//!
//! - with `--allow-redirect-host '*'`, any `http` or `https` URL, also scheme-relative
//!   (`//host/path`), as httpbin allows: an open redirect, for private test set-ups only;
//!
//! and never contains control characters (also after decoding; browsers strip tabs and new lines,
//! which would turn `/<TAB>/evil` into `//evil`) or leading or trailing spaces. Everything else,
//! including other schemes such as `javascript:` and `data:`, is a 400 naming the problem.
//! `status_code` is any 3xx (default 302); `url` and `status_code` may also come in a form body.

use std::net::Ipv6Addr;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::response::Response;
use axum::routing::any;
use axum::Router;
use http::{header, HeaderMap, HeaderValue, Method, Uri};

use super::{bad_request, parse_count, path_param, read_body, shorten};
use crate::negotiate::{self, Format};
use crate::routes::status::{build, query_pairs, Options};
use crate::state::AppState;

/// Longest chain `/redirect/{n}` and friends accept.
pub(super) const MAX_REDIRECTS: u64 = 100;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/redirect/{n}", any(redirect_n))
        .route("/relative-redirect/{n}", any(relative_redirect))
        .route("/absolute-redirect/{n}", any(absolute_redirect))
        .route("/redirect-to", any(redirect_to))
}

/// `scheme://host[:port]` of this request, from a checked `Host` header.
pub(super) fn base_url(headers: &HeaderMap, uri: &Uri) -> Result<String, String> {
    let host = match headers.get(header::HOST) {
        Some(v) => v
            .to_str()
            .map_err(|_| "the Host header is not ASCII".to_string())?
            .trim(),
        None => uri
            .authority()
            .map(|a| a.as_str())
            .ok_or("the request has no Host header")?,
    };
    if !valid_authority(host) {
        return Err(format!(
            "the Host header {:?} is not a host name or IP address with an optional port",
            shorten(host)
        ));
    }
    // The URI has a scheme over HTTP/2 (`:scheme`) and, over TLS, also over HTTP/1.1 (`serve`).
    let https = uri.scheme_str() == Some("https")
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"));
    Ok(format!("{}://{host}", if https { "https" } else { "http" }))
}

/// Host and optional port of an authority; `[v6]` literals keep their brackets.
fn split_host_port(authority: &str) -> Option<(&str, Option<&str>)> {
    if authority.starts_with('[') {
        let close = authority.find(']')?;
        let rest = &authority[close + 1..];
        if rest.is_empty() {
            return Some((&authority[..=close], None));
        }
        return rest
            .strip_prefix(':')
            .map(|port| (&authority[..=close], Some(port)));
    }
    Some(match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    })
}

fn valid_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return inner.parse::<Ipv6Addr>().is_ok();
    }
    !host.is_empty()
        && host.len() <= 253
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

/// A host name, IPv4 or bracketed IPv6 address, with an optional port.
pub(crate) fn valid_authority(authority: &str) -> bool {
    valid_authority_bytes(authority.as_bytes())
}

/// [`valid_authority`] of a header's bytes (anything but ASCII is invalid). Checked on every
/// request, so the usual `host[:port]` is read in one pass; a bracketed IPv6 literal goes the
/// long way, [`authority_by_parts`].
pub(crate) fn valid_authority_bytes(b: &[u8]) -> bool {
    if b.first() == Some(&b'[') {
        return std::str::from_utf8(b).is_ok_and(authority_by_parts);
    }
    let mut colon = None;
    for (i, &c) in b.iter().enumerate() {
        if c == b':' {
            if colon.is_some() {
                return false;
            }
            colon = Some(i);
        } else if !(c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_')) {
            return false;
        }
    }
    let (host, port) = match colon {
        Some(i) => (&b[..i], Some(&b[i + 1..])),
        None => (b, None),
    };
    !host.is_empty()
        && host.len() <= 253
        && port.is_none_or(|p| {
            !p.is_empty()
                && p.len() <= 5
                && p.iter().all(u8::is_ascii_digit)
                && p.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')) <= 65_535
        })
}

/// [`valid_authority`] by its definition: split into host and port, each checked.
fn authority_by_parts(authority: &str) -> bool {
    split_host_port(authority).is_some_and(|(host, port)| {
        valid_host(host)
            && port.is_none_or(|p| {
                !p.is_empty()
                    && p.len() <= 5
                    && p.bytes().all(|b| b.is_ascii_digit())
                    && p.parse::<u32>().is_ok_and(|n| n <= 65535)
            })
    })
}

/// The scheme of an absolute URL (`http` in `http://...`), if it has one (RFC 3986 §3.1).
fn scheme_of(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut bytes = scheme.bytes();
    let first = bytes.next()?;
    (first.is_ascii_alphabetic()
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))
    .then_some(scheme)
}

/// `//host`, `/\host`, `\/host`, `\\host`: a reference that leaves this server.
fn scheme_relative(url: &str) -> bool {
    let mut bytes = url.bytes();
    matches!(
        (bytes.next(), bytes.next()),
        (Some(b'/' | b'\\'), Some(b'/' | b'\\'))
    )
}

/// Checks a `/redirect-to` target and returns the `Location` value, with spaces and non-ASCII
/// characters percent-encoded.
pub(super) fn check_target(
    target: &str,
    own_host: Option<&str>,
    allowed: &[String],
) -> Result<String, String> {
    const RULES: &str = "url must be a path on this server (such as /get) or an http(s) URL to a host allowed with --allow-redirect-host";
    let any_host = allowed.iter().any(|a| a == "*");
    if target.is_empty() {
        return Err(format!("url is empty; {RULES}"));
    }
    if target.trim() != target {
        return Err("url must not start or end with spaces".into());
    }
    // Every layer of percent-encoding, as some clients and proxies decode more than once.
    let mut layers = vec![target.to_string()];
    for _ in 0..4 {
        let Some(last) = layers.last() else { break };
        let next = percent_encoding::percent_decode_str(last)
            .decode_utf8_lossy()
            .into_owned();
        if &next == last {
            break;
        }
        layers.push(next);
    }
    for layer in &layers {
        if layer.chars().any(char::is_control) {
            return Err("url contains control characters (such as a tab or a new line), also after percent-decoding".into());
        }
        if scheme_relative(layer.trim_start()) && !(any_host && layer.starts_with("//")) {
            return Err(format!(
                "url {:?} starts with // or a backslash, which would leave this server; {RULES}",
                shorten(target)
            ));
        }
    }
    let Some(scheme) = scheme_of(target) else {
        if layers.iter().skip(1).any(|l| scheme_of(l).is_some()) && !any_host {
            return Err(format!(
                "url {:?} is a percent-encoded absolute URL; {RULES}",
                shorten(target)
            ));
        }
        return Ok(encode_location(target));
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(format!(
            "the {:?} scheme is not allowed; {RULES}",
            shorten(scheme)
        ));
    }
    let rest = &target[scheme.len() + 1..];
    let Some(rest) = rest.strip_prefix("//") else {
        return Err(format!(
            "an absolute URL must be written {scheme}://host/path"
        ));
    };
    if rest.contains('\\') {
        return Err("an absolute url must not contain backslashes".into());
    }
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    if authority.contains('@') {
        return Err("an absolute url must not carry user information (user@host)".into());
    }
    let Some((host, _)) = split_host_port(authority).filter(|_| valid_authority(authority)) else {
        return Err(format!(
            "{:?} is not a valid host with an optional port",
            shorten(authority)
        ));
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let listed = allowed.iter().any(|a| {
        let a = a.trim_end_matches('.').to_ascii_lowercase();
        a == host
            || a.eq_ignore_ascii_case(authority)
            || a.trim_start_matches('[').trim_end_matches(']')
                == host.trim_start_matches('[').trim_end_matches(']')
    });
    let own = own_host.is_some_and(|h| h.eq_ignore_ascii_case(authority));
    if !(listed || own || any_host) {
        return Err(format!(
            "redirects to {host} are not allowed: this server only redirects to its own paths and to hosts given with --allow-redirect-host"
        ));
    }
    Ok(encode_location(target))
}

fn encode_location(target: &str) -> String {
    let mut out = String::with_capacity(target.len());
    for b in target.bytes() {
        if b == b' ' || !b.is_ascii() {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push(char::from(b));
        }
    }
    out
}

/// A redirect with the status's reason phrase, this `Location` and an empty body (clients follow
/// the `Location`; a body would only be read by those that do not).
fn redirect(code: u16, location: &str, method: &Method, headers: &HeaderMap) -> Response {
    let Ok(value) = HeaderValue::from_str(location) else {
        return bad_request(
            headers,
            "the redirect target has characters not allowed in a header",
        );
    };
    let format = negotiate::format(headers, Format::Text);
    let lang = negotiate::lang(None, headers);
    let opts = Options {
        empty: true,
        ..Options::default()
    };
    let mut res = build(code, &opts, method, format, lang, location);
    res.headers_mut().insert(header::LOCATION, value);
    res
}

fn chain_length(
    n: Result<Path<String>, PathRejection>,
    headers: &HeaderMap,
) -> Result<u64, Response> {
    let n = path_param(n, headers)?;
    match parse_count("the number of redirects", &n, MAX_REDIRECTS) {
        Ok(0) => Err(bad_request(
            headers,
            format!("the number of redirects must be from 1 to {MAX_REDIRECTS}"),
        )),
        Ok(n) => Ok(n),
        Err(m) => Err(bad_request(headers, m)),
    }
}

/// The next hop of a chain: `/get` at the end, else `{kind}/{n-1}`; absolute when `base` is given.
fn next_hop(kind: &str, n: u64, base: Option<&str>) -> String {
    let path = if n <= 1 {
        "/get".to_string()
    } else {
        format!("/{kind}/{}", n - 1)
    };
    format!("{}{path}", base.unwrap_or(""))
}

fn absolute_base(headers: &HeaderMap, uri: &Uri) -> Result<String, Response> {
    base_url(headers, uri)
        .map_err(|m| bad_request(headers, format!("cannot build an absolute URL: {m}")))
}

/// `/redirect/{n}`: relative hops through `/relative-redirect`, or absolute ones through
/// `/absolute-redirect` with `?absolute=true`.
async fn redirect_n(
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    n: Result<Path<String>, PathRejection>,
) -> Response {
    let n = match chain_length(n, &headers) {
        Ok(n) => n,
        Err(res) => return res,
    };
    let absolute = match query_pairs(uri.query()) {
        Ok(pairs) => pairs
            .iter()
            .any(|(k, v)| k == "absolute" && v.eq_ignore_ascii_case("true")),
        Err(m) => return bad_request(&headers, m),
    };
    let location = if absolute {
        match absolute_base(&headers, &uri) {
            Ok(base) => next_hop("absolute-redirect", n, Some(&base)),
            Err(res) => return res,
        }
    } else {
        next_hop("relative-redirect", n, None)
    };
    redirect(302, &location, &method, &headers)
}

async fn relative_redirect(
    method: Method,
    headers: HeaderMap,
    n: Result<Path<String>, PathRejection>,
) -> Response {
    match chain_length(n, &headers) {
        Ok(n) => redirect(
            302,
            &next_hop("relative-redirect", n, None),
            &method,
            &headers,
        ),
        Err(res) => res,
    }
}

async fn absolute_redirect(
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    n: Result<Path<String>, PathRejection>,
) -> Response {
    let n = match chain_length(n, &headers) {
        Ok(n) => n,
        Err(res) => return res,
    };
    match absolute_base(&headers, &uri) {
        Ok(base) => redirect(
            302,
            &next_hop("absolute-redirect", n, Some(&base)),
            &method,
            &headers,
        ),
        Err(res) => res,
    }
}

/// `/redirect-to?url=&status_code=`: a checked target with any 3xx.
async fn redirect_to(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let headers = &parts.headers;
    let mut pairs = match query_pairs(parts.uri.query()) {
        Ok(p) => p,
        Err(m) => return bad_request(headers, m),
    };
    let is_form =
        super::echo::media_type(headers).is_some_and(|t| t == "application/x-www-form-urlencoded");
    if is_form && !pairs.iter().any(|(k, _)| k == "url") {
        let bytes = match read_body(headers, body, state.config.max_body_bytes).await {
            Ok(b) => b,
            Err(res) => return res,
        };
        match std::str::from_utf8(&bytes)
            .map_err(|_| "the form body is not valid UTF-8".to_string())
            .and_then(|t| query_pairs(Some(t)))
        {
            Ok(form) => pairs.extend(form),
            Err(m) => return bad_request(headers, m),
        }
    }
    let Some(url) = pairs
        .iter()
        .find(|(k, _)| k == "url")
        .map(|(_, v)| v.as_str())
    else {
        return bad_request(
            headers,
            "url is required, as in /redirect-to?url=/get&status_code=307",
        );
    };
    let code = match pairs
        .iter()
        .find(|(k, _)| k == "status_code")
        .map(|(_, v)| v.trim())
    {
        None => 302,
        Some(v) => match v.parse::<u16>() {
            Ok(c) if (300..=399).contains(&c) => c,
            _ => {
                return bad_request(
                    headers,
                    format!(
                        "status_code must be a redirect status from 300 to 399; got {:?}",
                        shorten(v)
                    ),
                )
            }
        },
    };
    let own_host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::trim);
    match check_target(url, own_host, &state.config.allow_redirect_hosts) {
        Ok(location) => redirect(code, &location, &parts.method, headers),
        Err(m) => bad_request(headers, m),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        let none: &[String] = &[];
        let allowed = vec!["example.org".to_string(), "[::1]".to_string()];
        for ok in [
            "/get",
            "get",
            "../x",
            "?q=1",
            "#f",
            "/a%20b",
            "/status/200?x=http://evil.example",
        ] {
            assert!(check_target(ok, None, none).is_ok(), "{ok}");
        }
        assert_eq!(check_target("/a b/é", None, none).unwrap(), "/a%20b/%C3%A9");
        for bad in [
            "",
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "\\/evil.example",
            "/%2F%2Fevil.example",
            "/%2fevil.example",
            "%2F%2Fevil.example",
            "/%5Cevil.example",
            "/%252F%252Fevil.example",
            "/\t/evil.example",
            "/%09/evil.example",
            "/a%0d%0aSet-Cookie:x",
            " //evil.example",
            "https://evil.example",
            "http:evil.example",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>",
            "javascript%3Aalert(1)",
            "https://example.org@evil.example",
            "https://example.org\\@evil.example",
            "https://exa mple.org/",
            "ftp://example.org/",
        ] {
            assert!(check_target(bad, None, none).is_err(), "{bad}");
            assert!(check_target(bad, None, &allowed).is_err(), "{bad}");
        }
        assert!(check_target("https://evil.example", None, &allowed).is_err());
        // '*' opens every http(s) host, as httpbin does, but still no other scheme and no
        // control characters.
        let star = vec!["*".to_string()];
        for ok in [
            "https://evil.example/x",
            "//evil.example/y",
            "http://10.0.0.1:81/",
        ] {
            assert!(check_target(ok, None, &star).is_ok(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "ftp://example.org/",
            "/a%0d%0aSet-Cookie:x",
            "",
        ] {
            assert!(check_target(bad, None, &star).is_err(), "{bad}");
        }
        assert!(check_target("https://example.org/x?y=1", None, &allowed).is_ok());
        assert!(check_target("HTTP://EXAMPLE.ORG.:8443/", None, &allowed).is_ok());
        assert!(check_target("http://[::1]:8080/", None, &allowed).is_ok());
        assert!(
            check_target("https://sub.example.org/", None, &allowed).is_err(),
            "exact hosts only"
        );
        assert!(
            check_target("http://127.0.0.1:8080/get", Some("127.0.0.1:8080"), none).is_ok(),
            "own host"
        );
        assert!(check_target("http://127.0.0.1:9999/get", Some("127.0.0.1:8080"), none).is_err());
    }

    #[test]
    fn authorities() {
        for ok in [
            "localhost",
            "127.0.0.1:8080",
            "[::1]",
            "[::1]:80",
            "a-b.example_x.org",
        ] {
            assert!(valid_authority(ok), "{ok}");
        }
        for bad in [
            "", ":80", "a:", "a:99999", "a:8x", "[::1", "[zz]", "[::1]x", "a/b", "a@b", "a b",
        ] {
            assert!(!valid_authority(bad), "{bad}");
        }
        // The one-pass check agrees with the definition on every string of up to five of
        // these characters.
        let alphabet = [
            "a", "1", "9", ".", ":", "[", "]", "-", "_", " ", "\u{e9}", "@",
        ];
        let mut all = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = all
                .iter()
                .filter(|s| s.chars().count() == all.last().map_or(0, |l| l.chars().count()))
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            all.extend(longer);
        }
        assert!(all.len() > 200_000);
        for a in all
            .iter()
            .map(String::as_str)
            .chain(["a:65535", "a:65536", "a:00080"])
        {
            assert_eq!(valid_authority(a), authority_by_parts(a), "{a:?}");
        }
        assert!(!valid_authority_bytes(b"a\xff:80"));
        assert_eq!(
            next_hop("relative-redirect", 3, None),
            "/relative-redirect/2"
        );
        assert_eq!(
            next_hop("absolute-redirect", 1, Some("http://h")),
            "http://h/get"
        );
    }
}
