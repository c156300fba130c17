//! The test server's router, called in process: method, request target, headers and body all
//! come from the fuzzer, as hyper would hand them over after parsing a request head.

use std::sync::OnceLock;
use std::time::Duration;

use axum::body::Body;
use axum::Router;
use http::{HeaderName, HeaderValue, Method, Request};
use http_body_util::BodyExt;
use tower::ServiceExt;

const METHODS: [&str; 9] = [
    "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND",
];

/// At most this much of a response body is read.
const BODY_READ: usize = 1 << 20;

struct Harness {
    runtime: tokio::runtime::Runtime,
    router: Router,
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

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
