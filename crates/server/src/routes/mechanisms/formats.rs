//! Fixed documents and encodings (httpbin, go-httpbin).
//!
//! - `/json`, `/xml`, `/html`: small documents of our own (`application/json`, `application/xml`,
//!   `text/html; charset=utf-8`).
//! - `/deny`: a text page saying that robots.txt disallows it (`/robots.txt` itself is the site's,
//!   in `routes::seo`, and disallows `/deny` among the other test endpoints).
//! - `/encoding/utf8`: an HTML page of our own in many scripts (Thai, Greek, Cyrillic, Devanagari,
//!   Arabic, CJK, symbols, emoji), `text/html; charset=utf-8`.
//! - `/gzip`, `/deflate`, `/brotli`: httpbin's description of the request (`headers`, `method`,
//!   `origin`) plus `"gzipped": true`, `"deflated": true` or `"brotli": true`, compressed with
//!   gzip, zlib-wrapped deflate (as both peers) or brotli whatever `Accept-Encoding` says, with
//!   `Content-Encoding` set. No compression layer sits on these routes, so nothing is encoded twice.
//! - `/base64/{value}` (httpbin, go-httpbin), `/base64/decode/{data}` and `/base64/encode/{data}`
//!   (go-httpbin): decode URL-safe or standard base64 (padding optional), or encode with the
//!   URL-safe alphabet and padding. Input above 4096 bytes, bad base64 or another operation is a
//!   400 naming the problem; httpbin answers 200 with a hint instead.
//! - `/forms/post`: an HTML form of our own that POSTs to `/post`.
//! - `/links/{n}`: 302 to `/links/{n}/0`; `/links/{n}/{offset}`: a page of `n` links to
//!   `/links/{n}/{i}`, the current one unlinked. `n` and `offset` from 0 to 200; above is a 400
//!   (httpbin clamps, go-httpbin refuses above 256).
//!
//! Where we differ on purpose: decoded base64 is sent as `text/plain; charset=utf-8` (as
//! go-httpbin; `application/octet-stream` when it is not UTF-8), never as `text/html` as httpbin
//! does, which would make it a reflected-XSS vector. A HEAD request to `/gzip`, `/deflate` or
//! `/brotli` is described as the GET it stands for, so that HEAD and GET have the same
//! Content-Length. Every endpoint answers GET and HEAD (and OPTIONS); other methods get a
//! real 405 with `Allow`, as in httpbin.

use std::io::Write as _;

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use http::{header, HeaderMap, HeaderValue, StatusCode};
use serde_json::{json, Value};

use super::echo::request_info;
use super::inspect::as_get;
use super::{bad_request, json_response, only, parse_count, path_param, shorten};
use crate::state::AppState;

/// Longest input of the base64 endpoints, in bytes.
pub(super) const MAX_BASE64_BYTES: usize = 4096;
/// Most links on a `/links` page (and largest offset).
pub(super) const MAX_LINKS: u64 = 200;

const GET_HEAD: &str = "GET, HEAD, OPTIONS";
const HTML: &str = "text/html; charset=utf-8";
const TEXT: &str = "text/plain; charset=utf-8";

const LENIENT: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
const URL_SAFE_ANY_PAD: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::URL_SAFE, LENIENT);
const STANDARD_ANY_PAD: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::STANDARD, LENIENT);

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/json", only(get(json_doc), GET_HEAD))
        .route(
            "/xml",
            only(get(|| fixed(XML_DOC, "application/xml")), GET_HEAD),
        )
        .route("/html", only(get(|| fixed(HTML_DOC, HTML)), GET_HEAD))
        .route("/deny", only(get(|| fixed(DENY_TXT, TEXT)), GET_HEAD))
        .route(
            "/encoding/utf8",
            only(get(|| fixed(UTF8_DOC, HTML)), GET_HEAD),
        )
        .route("/forms/post", only(get(|| fixed(FORM_DOC, HTML)), GET_HEAD))
        .route("/gzip", only(get(gzip), GET_HEAD))
        .route("/deflate", only(get(deflate), GET_HEAD))
        .route("/brotli", only(get(brotli), GET_HEAD))
        .route("/base64/{value}", only(get(base64_decode), GET_HEAD))
        .route("/base64/{operation}/{data}", only(get(base64_op), GET_HEAD))
        .route("/links/{n}", only(get(links_redirect), GET_HEAD))
        .route("/links/{n}/{offset}", only(get(links_page), GET_HEAD))
}

fn with_type(body: impl Into<Body>, content_type: &'static str) -> Response {
    let mut res = Response::new(body.into());
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    res
}

async fn fixed(body: &'static str, content_type: &'static str) -> Response {
    with_type(body, content_type)
}

async fn json_doc() -> Response {
    json_response(
        StatusCode::OK,
        &json!({
            "reference": {
                "title": "HTTP status classes",
                "source": "RFC 9110, section 15",
                "updated": "2022-06",
                "classes": [
                    { "class": "1xx", "name": "Informational", "final": false,
                      "examples": [100, 101, 103] },
                    { "class": "2xx", "name": "Successful", "final": true,
                      "examples": [200, 201, 204, 206] },
                    { "class": "3xx", "name": "Redirection", "final": true,
                      "examples": [301, 302, 304, 307, 308] },
                    { "class": "4xx", "name": "Client Error", "final": true,
                      "examples": [400, 401, 403, 404, 429] },
                    { "class": "5xx", "name": "Server Error", "final": true,
                      "examples": [500, 502, 503, 504] }
                ]
            }
        }),
    )
}

const XML_DOC: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- A small document from httpstatus, for testing XML clients. -->
<reference title="HTTP status classes" source="RFC 9110, section 15">
  <class code="1xx" final="false">
    <name>Informational</name>
    <example>100</example>
    <example>103</example>
  </class>
  <class code="2xx" final="true">
    <name>Successful</name>
    <example>200</example>
    <example>204</example>
  </class>
  <class code="3xx" final="true">
    <name>Redirection</name>
    <example>301</example>
    <example>304</example>
  </class>
  <class code="4xx" final="true">
    <name>Client Error</name>
    <example>404</example>
    <example>429</example>
    <note>Errors &amp; refusals caused by the request.</note>
  </class>
  <class code="5xx" final="true">
    <name>Server Error</name>
    <example>500</example>
    <example>503</example>
  </class>
</reference>
"#;

const HTML_DOC: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>The lighthouse keeper's log</title>
</head>
<body>
<h1>The lighthouse keeper's log</h1>
<p>Every evening at dusk the keeper climbed the hundred and twelve steps of the tower, trimmed
the wick, wound the clockwork that turned the lens, and wrote three lines in the log: the wind,
the sea, and the ships that passed. Nobody had asked for more than three lines, and in forty
years he had never written a fourth.</p>
<p>On the night of the great storm the log reads only: <em>wind from the west, rising; sea
high and white; no ships.</em> The next morning a schooner lay at anchor in the bay, its crew
asleep on deck, and the keeper, who had watched the whole night through, added a fourth line
after all: <strong>one ship, safe.</strong></p>
<p>This page is a fixed HTML document served by httpstatus for testing HTML clients.</p>
</body>
</html>
"#;

const DENY_TXT: &str = "\
  +-------------------------------------------------+
  |  STOP: robots are not welcome on this page.     |
  |                                                 |
  |  /robots.txt disallows /deny for every agent,   |
  |  and yet here you are. A well-behaved crawler   |
  |  reads /robots.txt first and stays out.         |
  +-------------------------------------------------+
";

const UTF8_DOC: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>UTF-8 test page</title>
</head>
<body>
<h1>UTF-8 test page</h1>
<p>Each line below mixes scripts and symbols that take two, three or four bytes in UTF-8. A
client that decodes this page with the wrong character set shows mojibake instead.</p>
<pre>
Thai:        สวัสดีครับ ยินดีต้อนรับสู่หน้าทดสอบภาษาไทย
Greek:       Καλημέρα· ο κωδικός 404 σημαίνει «δεν βρέθηκε».
Russian:     Привет! Код 200 означает «всё хорошо».
Hindi:       नमस्ते, यह एक परीक्षण पृष्ठ है।
Arabic:      مرحبا، هذه صفحة اختبار.
Hebrew:      שלום, זה דף בדיקה.
Japanese:    こんにちは、テストページです。
Chinese:     你好，这是一个测试页面。
Korean:      안녕하세요, 테스트 페이지입니다.
Georgian:    გამარჯობა
Amharic:     ሰላም
Maths:       ∀x ∈ ℝ: x² ≥ 0 · ∑ᵢ 1/2ⁱ = 1 · √2 ≈ 1.414 · ∞ ≠ ∅
Arrows:      ← ↑ → ↓ ↔ ⇒ ⇔ ↻
Currency:    € £ ¥ ₹ ₩ ₺ ₿ ¢
Punctuation: „quotes“ «guillemets» ‘single’ “double” — en–dash … ¿¡
Boxes:       ┌─┬─┐ │ │ │ ├─┼─┤ └─┴─┘ ░▒▓█
Emoji:       🚦 🛰️ 🧪 🔒 📦 ✅ ❌ 🙂
Combining:   é = e + ◌́ · ñ = n + ◌̃
</pre>
</body>
</html>
"#;

const FORM_DOC: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Report a status sighting</title>
</head>
<body>
<h1>Report a status sighting</h1>
<p>This form sends a <code>POST</code> to <code>/post</code>, which echoes what it received.</p>
<form method="post" action="/post">
  <p><label>Your name <input type="text" name="reporter" required></label></p>
  <p><label>Email <input type="email" name="email"></label></p>
  <p><label>Status code <input type="number" name="code" min="100" max="999" value="404"></label></p>
  <fieldset>
    <legend>Class</legend>
    <label><input type="radio" name="class" value="informational"> 1xx</label>
    <label><input type="radio" name="class" value="success"> 2xx</label>
    <label><input type="radio" name="class" value="redirection"> 3xx</label>
    <label><input type="radio" name="class" value="client-error" checked> 4xx</label>
    <label><input type="radio" name="class" value="server-error"> 5xx</label>
  </fieldset>
  <fieldset>
    <legend>Details</legend>
    <label><input type="checkbox" name="flags" value="reproducible"> Reproducible</label>
    <label><input type="checkbox" name="flags" value="cached"> Served from a cache</label>
    <label><input type="checkbox" name="flags" value="retried"> Retried</label>
  </fieldset>
  <p><label>Seen at <input type="datetime-local" name="seen_at"></label></p>
  <p><label>Notes <textarea name="notes" rows="4" cols="40"></textarea></label></p>
  <p><button type="submit">Send report</button></p>
</form>
</body>
</html>
"#;

/// httpbin's description of the request for the compressed endpoints, plus `flag: true`.
fn compressed_echo(req: Request, flag: &str) -> Result<Vec<u8>, Response> {
    let (parts, _body) = req.into_parts();
    let mut info = request_info(&as_get(parts))?;
    let mut doc = serde_json::Map::new();
    for key in ["headers", "method", "origin"] {
        doc.insert(key.into(), info.remove(key).unwrap_or(Value::Null));
    }
    doc.insert(flag.into(), Value::Bool(true));
    let mut body = serde_json::to_vec_pretty(&Value::Object(doc)).unwrap_or_default();
    body.push(b'\n');
    Ok(body)
}

fn encoded(body: Result<Vec<u8>, String>, encoding: &'static str, headers: &HeaderMap) -> Response {
    match body {
        Ok(body) => {
            let mut res = with_type(body, "application/json");
            res.headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
            res
        }
        Err(m) => super::error(StatusCode::INTERNAL_SERVER_ERROR, headers, m),
    }
}

fn gzip_bytes(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data)
        .and_then(|()| enc.finish())
        .map_err(|e| format!("gzip failed: {e}"))
}

fn deflate_bytes(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data)
        .and_then(|()| enc.finish())
        .map_err(|e| format!("deflate failed: {e}"))
}

fn brotli_bytes(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 5,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut std::io::Cursor::new(data), &mut out, &params)
        .map_err(|e| format!("brotli failed: {e}"))?;
    Ok(out)
}

async fn gzip(req: Request) -> Response {
    let headers = req.headers().clone();
    match compressed_echo(req, "gzipped") {
        Ok(body) => encoded(gzip_bytes(&body), "gzip", &headers),
        Err(res) => res,
    }
}

async fn deflate(req: Request) -> Response {
    let headers = req.headers().clone();
    match compressed_echo(req, "deflated") {
        Ok(body) => encoded(deflate_bytes(&body), "deflate", &headers),
        Err(res) => res,
    }
}

async fn brotli(req: Request) -> Response {
    let headers = req.headers().clone();
    match compressed_echo(req, "brotli") {
        Ok(body) => encoded(brotli_bytes(&body), "br", &headers),
        Err(res) => res,
    }
}

fn check_base64_input(what: &str, data: &str) -> Result<(), String> {
    if data.is_empty() {
        return Err(format!("{what} is empty; give some base64 to decode"));
    }
    if data.len() > MAX_BASE64_BYTES {
        return Err(format!(
            "{what} is {} bytes long; at most {MAX_BASE64_BYTES} bytes are accepted",
            data.len()
        ));
    }
    Ok(())
}

/// URL-safe base64 first, then standard; padding optional.
fn decode_base64(what: &str, data: &str) -> Result<Vec<u8>, String> {
    check_base64_input(what, data)?;
    URL_SAFE_ANY_PAD
        .decode(data)
        .or_else(|_| STANDARD_ANY_PAD.decode(data))
        .map_err(|e| format!("{what} {:?} is not valid base64: {e}", shorten(data)))
}

fn decoded_response(bytes: Vec<u8>) -> Response {
    let content_type = if std::str::from_utf8(&bytes).is_ok() {
        TEXT
    } else {
        "application/octet-stream"
    };
    with_type(bytes, content_type)
}

async fn base64_decode(path: Result<Path<String>, PathRejection>, headers: HeaderMap) -> Response {
    let value = match path_param(path, &headers) {
        Ok(v) => v,
        Err(res) => return res,
    };
    match decode_base64("value", &value) {
        Ok(bytes) => decoded_response(bytes),
        Err(m) => bad_request(&headers, m),
    }
}

async fn base64_op(
    path: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
) -> Response {
    let (operation, data) = match path_param(path, &headers) {
        Ok(v) => v,
        Err(res) => return res,
    };
    match operation.as_str() {
        "decode" => match decode_base64("data", &data) {
            Ok(bytes) => decoded_response(bytes),
            Err(m) => bad_request(&headers, m),
        },
        "encode" => match check_base64_input("data", &data) {
            Ok(()) => with_type(base64::engine::general_purpose::URL_SAFE.encode(data), TEXT),
            Err(m) => bad_request(&headers, m),
        },
        other => bad_request(
            &headers,
            format!(
                "operation {:?} is not known; use /base64/encode/{{data}} or /base64/decode/{{data}} (a '/' of standard base64 must be sent as %2F, or use the URL-safe alphabet)",
                shorten(other)
            ),
        ),
    }
}

async fn links_redirect(path: Result<Path<String>, PathRejection>, headers: HeaderMap) -> Response {
    let n = match path_param(path, &headers) {
        Ok(v) => v,
        Err(res) => return res,
    };
    let n = match parse_count("n", &n, MAX_LINKS) {
        Ok(n) => n,
        Err(m) => return bad_request(&headers, m),
    };
    let mut res = Response::new(Body::empty());
    *res.status_mut() = StatusCode::FOUND;
    if let Ok(location) = HeaderValue::from_str(&format!("/links/{n}/0")) {
        res.headers_mut().insert(header::LOCATION, location);
    }
    res
}

async fn links_page(
    path: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
) -> Response {
    let (n, offset) = match path_param(path, &headers) {
        Ok(v) => v,
        Err(res) => return res,
    };
    let (n, offset) = match (
        parse_count("n", &n, MAX_LINKS),
        parse_count("offset", &offset, MAX_LINKS),
    ) {
        (Ok(n), Ok(offset)) => (n, offset),
        (Err(m), _) | (_, Err(m)) => return bad_request(&headers, m),
    };
    with_type(links_html(n, offset), HTML)
}

fn links_html(n: u64, offset: u64) -> String {
    let mut html = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Links {offset} of {n}</title></head><body>\n"
    );
    for i in 0..n {
        if i == offset {
            html.push_str(&format!("{i} "));
        } else {
            html.push_str(&format!("<a href=\"/links/{n}/{i}\">{i}</a> "));
        }
    }
    html.push_str("\n</body></html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_both_alphabets_and_padding() {
        assert_eq!(decode_base64("v", "aGk_").unwrap(), b"hi?");
        assert_eq!(decode_base64("v", "aGk/").unwrap(), b"hi?");
        assert_eq!(decode_base64("v", "aGk=").unwrap(), b"hi");
        assert_eq!(decode_base64("v", "aGk").unwrap(), b"hi");
        for bad in ["", "a", "!!!!", "aGk==="] {
            assert!(decode_base64("v", bad).is_err(), "{bad}");
        }
        assert!(decode_base64("v", &"A".repeat(MAX_BASE64_BYTES + 4)).is_err());
    }

    #[test]
    fn links_page_unlinks_the_current_one() {
        let html = links_html(3, 1);
        assert!(html.contains("<a href=\"/links/3/0\">0</a> 1 <a href=\"/links/3/2\">2</a>"));
        assert!(!html.contains("/links/3/1\""));
    }

    #[test]
    fn compression_round_trips() {
        use std::io::Read as _;
        let data = b"{\"gzipped\": true}".repeat(10);
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&gzip_bytes(&data).unwrap()[..])
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, data);
        out.clear();
        flate2::read::ZlibDecoder::new(&deflate_bytes(&data).unwrap()[..])
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, data);
        out.clear();
        brotli::Decompressor::new(&brotli_bytes(&data).unwrap()[..], 4096)
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, data);
    }
}
