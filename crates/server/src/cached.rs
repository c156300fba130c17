//! Responses rendered once and served from memory: the body and its gzip and brotli forms, each
//! made the first time a client asks for that encoding (so memory holds only what is used, and
//! start-up compresses nothing), each with its own strong ETag (`"h"`, `"h-gzip"`, `"h-br"`): a
//! strong validator promises byte-for-byte equality, and the encodings are different bytes
//! (RFC 9110 §8.8.3). Serving one is a clone of `Bytes` and a few header inserts.

use std::sync::OnceLock;

use axum::body::Body;
use axum::response::Response;
use bytes::Bytes;
use http::header::{self, HeaderMap, HeaderValue};
use http::StatusCode;

/// Bodies smaller than this are not worth compressing.
const COMPRESS_MIN: usize = 1024;

/// A pre-rendered response body.
#[derive(Debug)]
pub(crate) struct Cached {
    identity: Bytes,
    gzip: OnceLock<Option<Bytes>>,
    br: OnceLock<Option<Bytes>>,
    etag: HeaderValue,
    etag_gzip: HeaderValue,
    etag_br: HeaderValue,
    content_type: HeaderValue,
    cache_control: HeaderValue,
}

fn fnv1a(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn gzip(data: &[u8]) -> Option<Bytes> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(data).ok()?;
    enc.finish().ok().map(Bytes::from)
}

fn brotli(data: &[u8]) -> Option<Bytes> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 9,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut std::io::Cursor::new(data), &mut out, &params).ok()?;
    Some(Bytes::from(out))
}

impl Cached {
    pub fn new(
        body: impl Into<Bytes>,
        content_type: &'static str,
        cache_control: &'static str,
    ) -> Cached {
        let identity: Bytes = body.into();
        let hash = fnv1a(&identity);
        let tag = |suffix: &str| {
            HeaderValue::from_str(&format!("\"{hash:016x}{suffix}\""))
                .unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
        };
        Cached {
            identity,
            gzip: OnceLock::new(),
            br: OnceLock::new(),
            etag: tag(""),
            etag_gzip: tag("-gzip"),
            etag_br: tag("-br"),
            content_type: HeaderValue::from_static(content_type),
            cache_control: HeaderValue::from_static(cache_control),
        }
    }

    pub fn json(value: &serde_json::Value) -> Cached {
        Cached::new(value.to_string(), "application/json", "public, max-age=300")
    }

    #[cfg(test)]
    pub fn body(&self) -> &Bytes {
        &self.identity
    }

    /// The response for a request with these headers: the best encoding the client accepts,
    /// or 304 when `If-None-Match` names that encoding's ETag.
    pub fn respond(&self, req: &HeaderMap) -> Response {
        let accepts = |coding: &str| {
            req.get_all(header::ACCEPT_ENCODING)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .any(|c| {
                    let mut parts = c.split(';');
                    let name = parts.next().unwrap_or("").trim();
                    let refused =
                        parts.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
                    name.eq_ignore_ascii_case(coding) && !refused
                })
        };
        let big = self.identity.len() >= COMPRESS_MIN;
        let smaller = |b: Option<Bytes>| b.filter(|b| b.len() < self.identity.len());
        let br = (big && accepts("br"))
            .then(|| self.br.get_or_init(|| smaller(brotli(&self.identity))))
            .and_then(Option::as_ref);
        let gz = (big && br.is_none() && accepts("gzip"))
            .then(|| self.gzip.get_or_init(|| smaller(gzip(&self.identity))))
            .and_then(Option::as_ref);
        let (body, coding, etag) = match (br, gz) {
            (Some(br), _) => (br, Some("br"), &self.etag_br),
            (None, Some(gz)) => (gz, Some("gzip"), &self.etag_gzip),
            (None, None) => (&self.identity, None, &self.etag),
        };
        let mut res = Response::new(Body::empty());
        let h = res.headers_mut();
        h.insert(header::ETAG, etag.clone());
        h.insert(header::CACHE_CONTROL, self.cache_control.clone());
        h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        if if_none_match(req, etag) {
            *res.status_mut() = StatusCode::NOT_MODIFIED;
            return res;
        }
        h.insert(header::CONTENT_TYPE, self.content_type.clone());
        if let Some(coding) = coding {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        *res.body_mut() = Body::from(body.clone());
        res
    }
}

/// Whether `If-None-Match` names this ETag (or `*`), comparing weakly as RFC 9110 §13.1.2 says.
/// A member that is not a quoted entity tag makes the field invalid, and an invalid field is
/// ignored.
pub(crate) fn if_none_match(req: &HeaderMap, etag: &HeaderValue) -> bool {
    let ours = etag.to_str().unwrap_or("").trim_start_matches("W/");
    let members = req
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .map(|v| v.to_str().unwrap_or("\u{0}"))
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .filter(|t| !t.is_empty());
    let mut matched = false;
    for t in members {
        let quoted = t.len() >= 2 && t.starts_with('"') && t.ends_with('"');
        if !(quoted || t == "*") {
            return false;
        }
        matched |= t == "*" || t == ours;
    }
    matched
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_encoding_and_revalidates() {
        let c = Cached::new("x".repeat(5000), "text/plain", "no-cache");
        let mut req = HeaderMap::new();
        req.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, br;q=0"),
        );
        let res = c.respond(&req);
        assert_eq!(res.headers()[header::CONTENT_ENCODING], "gzip");
        let gzip_tag = res.headers()[header::ETAG].clone();
        req.insert(header::IF_NONE_MATCH, gzip_tag.clone());
        let not_modified = c.respond(&req);
        assert_eq!(not_modified.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(not_modified.headers()[header::ETAG], gzip_tag);
        let plain = c.respond(&HeaderMap::new());
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        let plain_tag = plain.headers()[header::ETAG].clone();
        assert_ne!(plain_tag, gzip_tag, "each encoding has its own strong ETag");
        // The gzip tag does not validate the identity body, nor the other way round.
        let mut only_tag = HeaderMap::new();
        only_tag.insert(header::IF_NONE_MATCH, gzip_tag);
        assert_eq!(c.respond(&only_tag).status(), StatusCode::OK);
        req.insert(header::IF_NONE_MATCH, plain_tag.clone());
        assert_eq!(c.respond(&req).status(), StatusCode::OK);
        let mut br = HeaderMap::new();
        br.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("br"));
        let br_res = c.respond(&br);
        assert_eq!(br_res.headers()[header::CONTENT_ENCODING], "br");
        assert!(br_res.headers()[header::ETAG]
            .to_str()
            .unwrap()
            .ends_with("-br\""));
    }

    #[test]
    fn if_none_match_members() {
        let etag = HeaderValue::from_static("\"abc\"");
        let check = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(header::IF_NONE_MATCH, HeaderValue::from_static(v));
            if_none_match(&h, &etag)
        };
        assert!(check("\"abc\""));
        assert!(check("W/\"abc\""));
        assert!(check("\"x\", \"abc\""));
        assert!(check("*"));
        assert!(!check("\"x\""));
        assert!(!check("abc"), "unquoted: invalid, so ignored");
        assert!(
            !check("\"abc\", x"),
            "one unquoted member invalidates the field"
        );
    }
}
