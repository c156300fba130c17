//! `/status/{codes}`, `/{code}`, `/random/{list}`: every code with its semantics, and bad input.

use std::io::{Read, Write};
use std::time::Duration;

use httpstatus_codes::{Body, Explanation};
use reqwest::header;
use serde_json::Value;

use super::{client, raw, TestServer};

#[test]
fn every_code_from_100_to_599_answers_with_its_semantics() {
    let server = TestServer::start();
    let c = client();
    for code in 100..=599u16 {
        let res = c
            .get(server.url(&format!("/status/{code}")))
            .send()
            .unwrap();
        let got = res.status().as_u16();
        let h = res.headers().clone();
        let body = res.bytes().unwrap();
        match code {
            101 => {
                assert_eq!(
                    got, 426,
                    "101 without an upgrade request is refused with 426"
                );
                assert_eq!(h[header::UPGRADE], "echo");
                continue;
            }
            100..=199 => {
                assert_eq!(got, 200, "{code}: a 1xx is never the final response");
                assert!(h.contains_key("httpstatus-interim"), "{code}");
                continue;
            }
            _ => assert_eq!(got, code, "status"),
        }
        let entry = httpstatus_codes::explain(code).and_then(|e| e.entry());
        let forbidden = entry.is_some_and(|e| e.semantics.body == Body::Forbidden);
        if forbidden {
            assert!(body.is_empty(), "{code}: no body");
            assert!(
                !h.contains_key(header::CONTENT_TYPE),
                "{code}: no Content-Type"
            );
        } else {
            assert_eq!(
                h[header::CONTENT_TYPE],
                "text/plain; charset=utf-8",
                "{code}"
            );
            if code != 206 {
                assert!(
                    String::from_utf8_lossy(&body).starts_with(&code.to_string()),
                    "{code}"
                );
            }
        }
        if matches!(code, 204 | 304) {
            assert!(
                !h.contains_key(header::CONTENT_LENGTH),
                "{code}: no Content-Length"
            );
        }
        let has = |name: header::HeaderName| h.contains_key(name);
        match code {
            201 | 300 | 301 | 302 | 303 | 305 | 307 | 308 => {
                assert_eq!(
                    h[header::LOCATION],
                    "/redirect/1",
                    "{code}: Location points inside this server, where httpbin points"
                )
            }
            401 => assert!(h[header::WWW_AUTHENTICATE]
                .to_str()
                .unwrap()
                .starts_with("Basic ")),
            407 => assert!(has(header::PROXY_AUTHENTICATE)),
            405 => assert_eq!(h[header::ALLOW], "POST, OPTIONS"),
            416 => assert_eq!(h[header::CONTENT_RANGE], "bytes */1024"),
            429 | 503 => assert_eq!(h[header::RETRY_AFTER], "5"),
            426 => assert!(has(header::UPGRADE)),
            206 => {
                let range = h[header::CONTENT_RANGE].to_str().unwrap().to_string();
                let (span, total) = range.trim_start_matches("bytes ").split_once('/').unwrap();
                let (a, b) = span.split_once('-').unwrap();
                let len = b.parse::<usize>().unwrap() - a.parse::<usize>().unwrap() + 1;
                assert_eq!(body.len(), len, "206 body matches its Content-Range");
                assert!(len < total.parse::<usize>().unwrap(), "a real part");
            }
            _ => {}
        }
    }
}

#[test]
fn non_standard_codes_and_bad_input() {
    let server = TestServer::start();
    let c = client();
    assert_eq!(
        c.get(server.url("/status/799"))
            .send()
            .unwrap()
            .status()
            .as_u16(),
        799
    );
    for bad in [
        "/status/abc",
        "/status/99",
        "/status/1000",
        "/status/-1",
        "/status/200:0,500:0",
        "/status/,",
        "/status/200:NaN",
        "/status/200:-1",
        "/status/504-500",
        "/status/%FF",
        "/status/200?sleep=999999999",
        "/status/200?delay=NaN",
        "/status/200?delay=-1",
        "/status/200?header=Content-Type:text/html",
        "/status/200?header=Transfer-Encoding:chunked",
        "/status/200?header=Set-Cookie:a=b",
        "/status/302?location=//evil.example",
        "/status/302?location=https://evil.example",
        "/status/200?lang=fr",
    ] {
        let res = c
            .get(server.url(bad))
            .header(header::ACCEPT, "application/json")
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 400, "{bad}");
        let v: Value = res.json().unwrap();
        let msg = v["error"]["message"].as_str().unwrap();
        assert!(msg.len() > 10, "{bad}: the body names the problem: {msg}");
    }
    let many = vec!["200"; 10_000].join(",");
    let res = c
        .get(server.url(&format!("/status/{many}")))
        .send()
        .unwrap();
    // 40 kB of path is over the request-head limit, so hyper refuses it before routing.
    assert!(
        matches!(res.status().as_u16(), 400 | 414 | 431),
        "a 10,000-code list is refused, not served"
    );
    let hundred_and_one = vec!["200"; 101].join(",");
    let res = c
        .get(server.url(&format!("/status/{hundred_and_one}")))
        .send()
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    assert!(res.text().unwrap().contains("at most 100"));
    let res = c.get(server.url("/status/200,500,")).send().unwrap();
    assert_eq!(res.status().as_u16(), 400);
    assert!(res.text().unwrap().contains("empty entry"));
}

#[test]
fn reason_phrases_are_the_registry_ones() {
    let server = TestServer::start();
    for (code, line) in [
        (413, "HTTP/1.1 413 Content Too Large"),
        (422, "HTTP/1.1 422 Unprocessable Content"),
        (510, "HTTP/1.1 510 Not Extended"),
        (404, "HTTP/1.1 404 Not Found"),
    ] {
        let out = raw(
            server.addr,
            &format!("GET /status/{code} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        );
        assert!(out.starts_with(line), "{out}");
    }
    // Every final code: the fast path's status line (no `Accept`) is the router's (`Accept`
    // sends the request there), whether the phrase is hyper's own or the registry's.
    let line = |code: u16, accept: &str| {
        let out = raw(
            server.addr,
            &format!("GET /status/{code} HTTP/1.1\r\nHost: x\r\n{accept}Connection: close\r\n\r\n"),
        );
        out.lines().next().unwrap_or_default().to_string()
    };
    for code in 200..=999 {
        let fast = line(code, "");
        assert!(fast.starts_with(&format!("HTTP/1.1 {code} ")), "{fast}");
        assert!(fast.len() > 13, "{code}: a phrase: {fast}");
        assert_eq!(fast, line(code, "Accept: text/plain\r\n"), "{code}");
    }
}

#[test]
fn negotiated_bodies_and_languages() {
    let server = TestServer::start();
    let c = client();
    let text = c
        .get(server.url("/status/404"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert_eq!(text, "404 Not Found\n");
    let v: Value = c
        .get(server.url("/status/404"))
        .header(header::ACCEPT, "application/json")
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(v["code"], 404);
    assert_eq!(v["phrase"], "Not Found");
    assert!(!v["summary"].as_str().unwrap().is_empty());
    let th: Value = c
        .get(server.url("/status/404?lang=th"))
        .header(header::ACCEPT, "application/json")
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert!(th["summary"]
        .as_str()
        .unwrap()
        .chars()
        .any(|ch| ('\u{0E00}'..='\u{0E7F}').contains(&ch)));
    assert_eq!(th["phrase"], "Not Found", "the phrase stays English");
    let by_header: Value = c
        .get(server.url("/status/404"))
        .header(header::ACCEPT, "application/json")
        .header(header::ACCEPT_LANGUAGE, "th-TH,th;q=0.9")
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(by_header["lang"], "th");
    let html = c
        .get(server.url("/status/404"))
        .header(header::ACCEPT, "text/html")
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(html.contains("<h1>404 Not Found</h1>"));
}

#[test]
fn head_gets_headers_only() {
    let server = TestServer::start();
    let out = raw(
        server.addr,
        "HEAD /status/200 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    let (head, body) = out.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200 OK"));
    assert!(
        head.to_ascii_lowercase().contains("content-length: 7"),
        "{head}"
    );
    assert!(body.is_empty(), "HEAD carries no body: {body:?}");
}

#[test]
fn options_headers_and_choices() {
    let server = TestServer::start();
    let c = client();
    let res = c
        .get(server.url("/status/200?header=X-Test:1&header=Cache-Control:no-cache"))
        .send()
        .unwrap();
    assert_eq!(res.headers()["x-test"], "1");
    assert_eq!(res.headers()[header::CACHE_CONTROL], "no-cache");
    let res = c
        .get(server.url("/418"))
        .header("X-HttpStatus-Response-Foo", "bar")
        .send()
        .unwrap();
    assert_eq!(res.status().as_u16(), 418);
    assert_eq!(res.headers()["foo"], "bar");
    let res = c.get(server.url("/503?retry_after=30")).send().unwrap();
    assert_eq!(res.headers()[header::RETRY_AFTER], "30");
    let res = c.get(server.url("/302")).send().unwrap();
    assert_eq!(
        res.headers()[header::LOCATION],
        "/200",
        "httpstat.us style points at /200"
    );
    let res = c
        .get(server.url("/301?location=/somewhere"))
        .send()
        .unwrap();
    assert_eq!(res.headers()[header::LOCATION], "/somewhere");
    let res = c.get(server.url("/200?empty=1")).send().unwrap();
    assert!(res.bytes().unwrap().is_empty());
    let res = c.get(server.url("/200?body=hello")).send().unwrap();
    assert_eq!(res.text().unwrap(), "hello");
    let res = c.get(server.url("/500/any/path/after")).send().unwrap();
    assert_eq!(res.status().as_u16(), 500);
    assert_eq!(
        c.get(server.url("/favicon.ico"))
            .send()
            .unwrap()
            .status()
            .as_u16(),
        404
    );
    assert_eq!(
        c.post(server.url("/status/201"))
            .body("x")
            .send()
            .unwrap()
            .status()
            .as_u16(),
        201
    );
    // Weights: a zero weight is never chosen.
    for _ in 0..20 {
        assert_eq!(
            c.get(server.url("/status/200:1,500:0"))
                .send()
                .unwrap()
                .status()
                .as_u16(),
            200
        );
    }
    // A seed makes the choice repeatable.
    let pick = |seed: u32| {
        c.get(server.url(&format!("/random/200,201,500-504?seed={seed}")))
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(pick(7), pick(7));
    let seen: std::collections::BTreeSet<u16> = (0..40).map(pick).collect();
    assert!(
        seen.len() > 2,
        "different seeds give different codes: {seen:?}"
    );
    assert!(seen
        .iter()
        .all(|c| [200, 201, 500, 501, 502, 503, 504].contains(c)));
    let res = c.get(server.url("/status/200?sleep=50")).send().unwrap();
    assert_eq!(res.status().as_u16(), 200);
}

#[test]
fn real_100_continue_and_101_upgrade() {
    let server = TestServer::start();
    let out = raw(
        server.addr,
        "POST /status/100 HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
    );
    let interim = out
        .find("HTTP/1.1 100 Continue")
        .expect("a real interim response");
    let last = out
        .find("HTTP/1.1 200 OK")
        .expect("then the final response");
    assert!(interim < last, "{out}");

    let mut s = std::net::TcpStream::connect(server.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(
        b"GET /status/101 HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n",
    )
    .unwrap();
    let mut buf = [0u8; 1024];
    let n = s.read(&mut buf).unwrap();
    let head = String::from_utf8_lossy(&buf[..n]).to_string();
    assert!(
        head.starts_with("HTTP/1.1 101 Switching Protocols"),
        "{head}"
    );
    assert!(head.to_ascii_lowercase().contains("upgrade: echo"));
    s.write_all(b"ping").unwrap();
    let mut got = [0u8; 4];
    s.read_exact(&mut got).unwrap();
    assert_eq!(&got, b"ping", "the echo protocol answers after the switch");
}

#[test]
fn limits_give_the_documented_answers() {
    let server = TestServer::start();
    let c = client();
    let long = "a".repeat(9 * 1024);
    let res = c
        .get(server.url(&format!("/status/200?x={long}")))
        .send()
        .unwrap();
    assert_eq!(res.status().as_u16(), 414);
    let out = raw(
        server.addr,
        &format!(
            "GET /status/200 HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
            "b".repeat(32 * 1024)
        ),
    );
    assert!(
        out.starts_with("HTTP/1.1 431"),
        "an oversized head gets 431: {}",
        out.lines().next().unwrap_or("")
    );
}

#[test]
fn registry_fallback_for_unassigned_codes() {
    let server = TestServer::start();
    let res = client()
        .get(server.url("/status/463"))
        .header(header::ACCEPT, "application/json")
        .send()
        .unwrap();
    assert_eq!(res.status().as_u16(), 463);
    let v: Value = res.json().unwrap();
    assert_eq!(v["registered"], false);
    let Some(Explanation::Unassigned { treat_as, .. }) = httpstatus_codes::explain(463) else {
        panic!()
    };
    assert_eq!(
        v["title"], treat_as.title.en,
        "explained by its class fallback"
    );
}

/// A raw response as status line, headers as a sorted set without Date, and body.
fn normalise(response: String) -> String {
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap_or("").to_string();
    let mut headers: Vec<String> = lines
        .map(str::to_ascii_lowercase)
        .filter(|l| !l.starts_with("date:"))
        .collect();
    headers.sort();
    format!("{status}\n{}\n\n{body}", headers.join("\n"))
}

/// Plain requests are answered before the router; a query string sends the same request through
/// it. Both must give the same bytes, for every final code and both URL styles.
#[test]
fn the_fast_path_answers_exactly_like_the_router() {
    let server = TestServer::start();
    for prefix in ["/status/", "/"] {
        for code in 200..=999u16 {
            for method in ["GET", "HEAD"] {
                if method == "HEAD" && code % 50 != 0 {
                    continue;
                }
                let ask = |query: &str| {
                    normalise(raw(
                        server.addr,
                        &format!("{method} {prefix}{code}{query} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                    ))
                };
                let fast = ask("");
                let routed = ask("?via=router");
                assert!(fast.starts_with(&format!("HTTP/1.1 {code} ")), "{fast}");
                assert_eq!(fast, routed, "{method} {prefix}{code}");
            }
        }
    }
}

/// The same for the reference's code pages, their JSON twins and the API's entries.
#[test]
fn the_fast_path_serves_pages_and_entries_like_the_router() {
    let server = TestServer::start();
    for (i, e) in httpstatus_codes::entries().iter().enumerate() {
        let page = e.id.replacen(':', "/", 1);
        let extra = if i % 10 == 0 {
            "Accept-Encoding: gzip\r\n"
        } else {
            ""
        };
        for path in [
            format!("/codes/{page}"),
            format!("/codes/{page}.json"),
            format!("/api/v1/codes/{}", e.id),
        ] {
            let ask = |query: &str| {
                normalise(raw(
                    server.addr,
                    &format!(
                        "GET {path}{query} HTTP/1.1\r\nHost: x\r\n{extra}Connection: close\r\n\r\n"
                    ),
                ))
            };
            let fast = ask("");
            assert!(
                fast.starts_with("HTTP/1.1 200 OK"),
                "{path}: {}",
                fast.lines().next().unwrap_or("")
            );
            assert_eq!(fast, ask("?via=router"), "{path}");
        }
    }
}
