//! Responses rendered once and served from memory: the body, a strong ETag, and its gzip and
//! brotli forms, each made the first time a client asks for that encoding (so memory holds only
//! what is used, and start-up compresses nothing). Serving one is a clone of `Bytes` and a few
//! header inserts.

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
        let etag = HeaderValue::from_str(&format!("\"{:016x}\"", fnv1a(&identity)))
            .unwrap_or_else(|_| HeaderValue::from_static("\"0\""));
        Cached {
            identity,
            gzip: OnceLock::new(),
            br: OnceLock::new(),
            etag,
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

    /// The response for a request with these headers: 304 on a matching `If-None-Match`, else
    /// the best encoding the client accepts.
    pub fn respond(&self, req: &HeaderMap) -> Response {
        let mut res = Response::new(Body::empty());
        let h = res.headers_mut();
        h.insert(header::ETAG, self.etag.clone());
        h.insert(header::CACHE_CONTROL, self.cache_control.clone());
        h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        if if_none_match(req, &self.etag) {
            *res.status_mut() = StatusCode::NOT_MODIFIED;
            return res;
        }
        h.insert(header::CONTENT_TYPE, self.content_type.clone());
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
        let body = match (br, gz) {
            (Some(br), _) => {
                h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
                br.clone()
            }
            (None, Some(gz)) => {
                h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
                gz.clone()
            }
            (None, None) => self.identity.clone(),
        };
        *res.body_mut() = Body::from(body);
        res
    }
}

/// Whether `If-None-Match` names this ETag (or `*`), comparing weakly as RFC 9110 §13.1.2 says.
pub(crate) fn if_none_match(req: &HeaderMap, etag: &HeaderValue) -> bool {
    let ours = etag.to_str().unwrap_or("").trim_start_matches("W/");
    req.get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == "*" || t == ours)
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
        req.insert(header::IF_NONE_MATCH, res.headers()[header::ETAG].clone());
        assert_eq!(c.respond(&req).status(), StatusCode::NOT_MODIFIED);
        assert!(c
            .respond(&HeaderMap::new())
            .headers()
            .get(header::CONTENT_ENCODING)
            .is_none());
    }
}
