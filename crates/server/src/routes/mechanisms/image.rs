//! Images we draw ourselves (httpbin, go-httpbin).
//!
//! Every image is the same 100×100 badge, drawn in code: a teal background, a white ring and an
//! orange diamond in the middle. Each format is encoded once, on first use, and then served from
//! memory.
//!
//! - `/image/png`, `/image/jpeg`, `/image/webp` (lossless), `/image/svg` (`image/svg+xml`).
//! - `/image`: the format is chosen by `Accept`, honouring q-values: an exact media type wins,
//!   preferring WebP, then SVG, then JPEG, then PNG (httpbin's order); `image/*`, `*/*` or no
//!   `Accept` give PNG. Nothing acceptable is a 406 whose body lists the available types. The
//!   answer carries `Vary: Accept`.
//! - Another kind, `/image/gif` say, is a 404 naming the kinds.
//!
//! Where we differ on purpose: `*/*` gives PNG (httpbin answers 406; go-httpbin 415), and
//! q-values count (`image/webp;q=0` is not WebP). GET and HEAD only (and OPTIONS); others a real
//! 405 with `Allow`.

use std::sync::OnceLock;

use axum::body::{Body, Bytes};
use axum::extract::rejection::PathRejection;
use axum::extract::Path;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use http::{header, HeaderMap, HeaderValue, StatusCode};

use super::{error, only, path_param, shorten};
use crate::state::AppState;

const GET_HEAD: &str = "GET, HEAD, OPTIONS";
/// Width and height of the badge, in pixels.
const SIZE: u32 = 100;

/// The image formats, in httpbin's order of preference for an exact `Accept` match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Webp,
    Svg,
    Jpeg,
    Png,
}

const KINDS: [Kind; 4] = [Kind::Webp, Kind::Svg, Kind::Jpeg, Kind::Png];
const AVAILABLE: &str = "image/webp, image/svg+xml, image/jpeg, image/png";

impl Kind {
    fn from_path(s: &str) -> Option<Kind> {
        match s {
            "png" => Some(Kind::Png),
            "jpeg" => Some(Kind::Jpeg),
            "webp" => Some(Kind::Webp),
            "svg" => Some(Kind::Svg),
            _ => None,
        }
    }

    fn media_type(self) -> &'static str {
        match self {
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
            Kind::Webp => "image/webp",
            Kind::Svg => "image/svg+xml",
        }
    }

    fn bytes(self) -> Bytes {
        static PNG: OnceLock<Bytes> = OnceLock::new();
        static JPEG: OnceLock<Bytes> = OnceLock::new();
        static WEBP: OnceLock<Bytes> = OnceLock::new();
        match self {
            Kind::Png => PNG.get_or_init(|| Bytes::from(encode_png())).clone(),
            Kind::Jpeg => JPEG.get_or_init(|| Bytes::from(encode_jpeg())).clone(),
            Kind::Webp => WEBP.get_or_init(|| Bytes::from(encode_webp())).clone(),
            Kind::Svg => Bytes::from_static(SVG.as_bytes()),
        }
    }
}

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/image", only(get(by_accept), GET_HEAD))
        .route("/image/{kind}", only(get(by_kind), GET_HEAD))
}

const BACKGROUND: [u8; 3] = [0x1f, 0x7a, 0x8c];
const RING: [u8; 3] = [0xff, 0xff, 0xff];
const DIAMOND: [u8; 3] = [0xf2, 0x8e, 0x2b];

/// The colour of pixel (x, y) of the badge.
fn pixel(x: u32, y: u32) -> [u8; 3] {
    // Distances from the centre of the image, measured from pixel centres.
    let dx = f64::from(x) + 0.5 - 50.0;
    let dy = f64::from(y) + 0.5 - 50.0;
    let r = (dx * dx + dy * dy).sqrt();
    if dx.abs() + dy.abs() <= 20.0 {
        DIAMOND
    } else if (30.0..=38.0).contains(&r) {
        RING
    } else {
        BACKGROUND
    }
}

/// The badge as RGB bytes, row by row.
fn rgb() -> Vec<u8> {
    (0..SIZE)
        .flat_map(|y| (0..SIZE).flat_map(move |x| pixel(x, y)))
        .collect()
}

fn encode_png() -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, SIZE, SIZE);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let written = enc
        .write_header()
        .and_then(|mut w| w.write_image_data(&rgb()).and_then(|()| w.finish()));
    if let Err(err) = written {
        tracing::error!(%err, "PNG encoding failed");
    }
    out
}

fn encode_jpeg() -> Vec<u8> {
    let mut out = Vec::new();
    let side = u16::try_from(SIZE).unwrap_or(100);
    let enc = jpeg_encoder::Encoder::new(&mut out, 90);
    if let Err(err) = enc.encode(&rgb(), side, side, jpeg_encoder::ColorType::Rgb) {
        tracing::error!(%err, "JPEG encoding failed");
    }
    out
}

fn encode_webp() -> Vec<u8> {
    let mut out = Vec::new();
    let enc = image_webp::WebPEncoder::new(&mut out);
    if let Err(err) = enc.encode(&rgb(), SIZE, SIZE, image_webp::ColorType::Rgb8) {
        tracing::error!(%err, "WebP encoding failed");
    }
    out
}

const SVG: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">
  <title>httpstatus test badge</title>
  <rect width="100" height="100" fill="#1f7a8c"/>
  <circle cx="50" cy="50" r="34" fill="none" stroke="#ffffff" stroke-width="8"/>
  <polygon points="50,30 70,50 50,70 30,50" fill="#f28e2b"/>
</svg>
"##;

fn image_response(kind: Kind) -> Response {
    let mut res = Response::new(Body::from(kind.bytes()));
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(kind.media_type()),
    );
    res
}

/// The image format `Accept` asks for, or `None` when none is acceptable.
fn choose(headers: &HeaderMap) -> Option<Kind> {
    let ranges = crate::negotiate::accept_ranges(headers);
    if ranges.is_empty() {
        return Some(Kind::Png);
    }
    // (q, exact match, preference): the highest wins. A wildcard match prefers PNG.
    let mut best: Option<(f32, bool, u8, Kind)> = None;
    for (index, kind) in KINDS.into_iter().enumerate() {
        let mut found: Option<(u8, f32)> = None;
        for (range, q) in &ranges {
            let specificity = if range == kind.media_type() {
                3
            } else if range == "image/*" {
                2
            } else if range == "*/*" {
                1
            } else {
                continue;
            };
            if found.is_none_or(|(s, _)| specificity > s) {
                found = Some((specificity, *q));
            }
        }
        let Some((specificity, q)) = found else {
            continue;
        };
        if q <= 0.0 {
            continue;
        }
        let exact = specificity == 3;
        let preference = match (exact, kind) {
            (true, _) => 10 - u8::try_from(index).unwrap_or(9),
            (false, Kind::Png) => 5,
            (false, _) => 4 - u8::try_from(index).unwrap_or(4),
        };
        let candidate = (q, exact, preference, kind);
        if best.is_none_or(|(bq, be, bp, _)| (q, exact, preference) > (bq, be, bp)) {
            best = Some(candidate);
        }
    }
    best.map(|(_, _, _, kind)| kind)
}

async fn by_accept(headers: HeaderMap) -> Response {
    let mut res = match choose(&headers) {
        Some(kind) => image_response(kind),
        None => error(
            StatusCode::NOT_ACCEPTABLE,
            &headers,
            format!("no image type in Accept is available; available: {AVAILABLE}, image/*"),
        ),
    };
    res.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept"));
    res
}

async fn by_kind(path: Result<Path<String>, PathRejection>, headers: HeaderMap) -> Response {
    let kind = match path_param(path, &headers) {
        Ok(k) => k,
        Err(res) => return res,
    };
    match Kind::from_path(&kind) {
        Some(kind) => image_response(kind),
        None => error(
            StatusCode::NOT_FOUND,
            &headers,
            format!(
                "image kind {:?} is not available; the kinds are png, jpeg, webp and svg",
                shorten(&kind)
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn accept_picks_the_format() {
        assert_eq!(choose(&HeaderMap::new()), Some(Kind::Png));
        for (value, want) in [
            ("image/webp", Some(Kind::Webp)),
            ("image/svg+xml", Some(Kind::Svg)),
            ("image/jpeg", Some(Kind::Jpeg)),
            ("image/png", Some(Kind::Png)),
            ("image/*", Some(Kind::Png)),
            ("*/*", Some(Kind::Png)),
            ("image/png, image/webp", Some(Kind::Webp)),
            ("image/webp;q=0.5, image/jpeg", Some(Kind::Jpeg)),
            ("image/webp;q=0, image/*", Some(Kind::Png)),
            ("image/png;q=0, image/*", Some(Kind::Webp)),
            (
                "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8",
                Some(Kind::Webp),
            ),
            ("text/html, image/*;q=0.9", Some(Kind::Png)),
            ("application/json", None),
            ("image/gif", None),
            ("image/*;q=0", None),
        ] {
            assert_eq!(choose(&accept(value)), want, "{value}");
        }
    }

    #[test]
    fn images_encode() {
        assert!(Kind::Png.bytes().starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!(Kind::Jpeg.bytes().starts_with(&[0xff, 0xd8, 0xff]));
        let webp = Kind::Webp.bytes();
        assert!(webp.starts_with(b"RIFF") && &webp[8..12] == b"WEBP");
        assert_eq!(pixel(0, 0), BACKGROUND);
        assert_eq!(pixel(50, 50), DIAMOND);
        assert_eq!(pixel(50, 16), RING);
    }
}
