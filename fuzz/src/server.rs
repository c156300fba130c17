//! The test server's router and fast path, called in process: method, request target, headers
//! and body all come from the fuzzer, as hyper would hand them over after parsing a request head.
//! Checks: no panic, an answer in bounded (paused) time, HEAD without a body, no 5xx the client
//! did not ask for, and where the fast path takes a request, the very answer the router gives.

use std::sync::OnceLock;
use std::time::Duration;

use axum::body::Body;
use axum::Router;
use http::{HeaderName, HeaderValue, Method, Request};
use http_body_util::BodyExt;
use hyper::ext as hyper_reason;
use tower::ServiceExt;

const METHODS: [&str; 9] = [
    "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND",
];

/// At most this much of a response body is read.
const BODY_READ: usize = 1 << 20;

struct Harness {
    runtime: tokio::runtime::Runtime,
    router: Router,
    halves: httpstatus_server::fuzzing::Halves,
}

fn harness() -> &'static Harness {
    static H: OnceLock<Harness> = OnceLock::new();
    H.get_or_init(|| Harness {
        // Paused time: `/delay/10` and `/drip` finish at once, and a request that never
        // finishes shows up as the timeout below, not as a stuck fuzzer.
        runtime: tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .expect("a current-thread runtime"),
        router: httpstatus_server::app(httpstatus_server::Config::default()),
        halves: httpstatus_server::fuzzing::Halves::new(httpstatus_server::Config::default()),
    })
}

/// Input layout: the first byte picks the method; then the request target up to the first
/// newline; then `name: value` header lines; an empty line; the body.
pub fn request(data: &[u8]) {
    let Some((&m, rest)) = data.split_first() else {
        return;
    };
    let method = Method::from_bytes(METHODS[usize::from(m) % METHODS.len()].as_bytes())
        .expect("a known method");
    let (head, body) = match find(rest, b"\n\n") {
        Some(i) => (&rest[..i], &rest[i + 2..]),
        None => (rest, &[][..]),
    };
    let mut lines = head.split(|b| *b == b'\n');
    let target = lines.next().unwrap_or_default();
    let Ok(target) = std::str::from_utf8(target) else {
        return;
    };
    let mut builder = Request::builder().method(method.clone()).uri(target);
    let mut has_host = false;
    for line in lines {
        let Some(colon) = line.iter().position(|b| *b == b':') else {
            continue;
        };
        let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(&line[..colon]),
            HeaderValue::from_bytes(line[colon + 1..].trim_ascii()),
        ) else {
            // hyper would have refused the request head.
            return;
        };
        has_host |= name == http::header::HOST;
        builder = builder.header(name, value);
    }
    if !has_host {
        builder = builder.header(http::header::HOST, "localhost");
    }
    let Ok(request) = builder.body(Body::from(body.to_vec())) else {
        // Not a valid request target: hyper answers 400 before the router sees it.
        return;
    };
    let h = harness();
    if let Some(fast) = h.halves.fast(&request) {
        // The fast path must answer exactly as the router would.
        // hyper hands over a body only with Content-Length or Transfer-Encoding, and those
        // send a request to the router; so the router gets the same request without one.
        let (parts, _body) = request.into_parts();
        let copy = Request::from_parts(parts, Body::empty());
        let routed = h
            .runtime
            .block_on(h.halves.router().oneshot(copy))
            .expect("infallible");
        let (mut a, mut b) = (
            h.runtime.block_on(collect(fast)),
            h.runtime.block_on(collect(routed)),
        );
        // Content-Length is hyper's to state on the wire from the body; in process, the router
        // states it and the fast path leaves it to hyper. Either way it must be the body's length
        // (the GET body's, for a HEAD: the fast path keeps the body, hyper does not send it).
        let length = a.3.len();
        for (side, stated) in [("fast path", a.4), ("router", b.4)] {
            if let Some(n) = stated {
                assert_eq!(n, length, "{method} {target}: {side} Content-Length");
            }
        }
        (a.4, b.4) = (None, None);
        if method == Method::HEAD {
            (a.3, b.3) = (Vec::new(), Vec::new());
        }
        assert_eq!(a, b, "{method} {target}: fast path and router differ");
        return;
    }
    let (status, read) = h.runtime.block_on(async {
        let call = async {
            let response = h.router.clone().oneshot(request).await.expect("infallible");
            let status = response.status();
            let mut body = response.into_body();
            let mut read = 0usize;
            while let Some(frame) = body.frame().await {
                let Ok(frame) = frame else { break };
                if let Some(d) = frame.data_ref() {
                    read += d.len();
                }
                if read > BODY_READ {
                    break;
                }
            }
            (status, read)
        };
        tokio::time::timeout(Duration::from_secs(3600), call)
            .await
            .unwrap_or_else(|_| panic!("{method} {target}: no complete answer in an hour"))
    });
    if method == Method::HEAD {
        assert_eq!(read, 0, "{target}: HEAD answered with a body");
    }
    if status.is_server_error() {
        // 5xx only when the client asked for it: the code in the target, a 5xx mask or a range.
        let t = target.to_ascii_lowercase();
        assert!(
            t.contains(status.as_str()) || t.contains("5x") || t.contains('-') || t.contains(','),
            "{method} {target}: unrequested {status}"
        );
    }
}

/// Status, headers but the date and Content-Length, reason phrase, body and the stated
/// Content-Length of an answer.
type Collected = (
    u16,
    Vec<(String, Vec<u8>)>,
    Option<String>,
    Vec<u8>,
    Option<usize>,
);

async fn collect(res: axum::response::Response) -> Collected {
    let status = res.status().as_u16();
    let stated = res
        .headers()
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    let mut headers: Vec<(String, Vec<u8>)> = res
        .headers()
        .iter()
        .filter(|(n, _)| *n != http::header::DATE && *n != http::header::CONTENT_LENGTH)
        .map(|(n, v)| (n.to_string(), v.as_bytes().to_vec()))
        .collect();
    headers.sort();
    let reason = res
        .extensions()
        .get::<hyper_reason::ReasonPhrase>()
        .map(|r| String::from_utf8_lossy(r.as_bytes()).into_owned());
    let body = res
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes().to_vec())
        .unwrap_or_default();
    (status, headers, reason, body, stated)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
