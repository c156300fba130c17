//! Exact HTTP/1.1 (RFC 9110, RFC 9112) on the wire, over raw sockets: unread bodies and
//! keep-alive, lingering close, `Host`, long targets, versions, header-name case, request
//! content codings, reason phrases, ETags per encoding, HEAD and GET, OPTIONS and 405.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::OnceLock;
use std::time::Duration;

use httpstatus_server::{Config, ENDPOINTS};
use serde_json::Value;

use super::{client, TestServer};

fn shared() -> &'static TestServer {
    static SERVER: OnceLock<TestServer> = OnceLock::new();
    SERVER.get_or_init(TestServer::start)
}

/// One parsed HTTP/1.1 response: status line, headers as sent (name case kept), body.
#[derive(Debug)]
struct Wire {
    status_line: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Wire {
    fn status(&self) -> u16 {
        self.status_line
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap()
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

/// Reads one response from `r`; `head_only` for answers to HEAD.
fn read_response(r: &mut BufReader<TcpStream>, head_only: bool) -> Wire {
    let mut status_line = String::new();
    r.read_line(&mut status_line).unwrap();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (n, v) = line.split_once(':').unwrap();
        headers.push((n.to_string(), v.trim().to_string()));
    }
    let mut wire = Wire {
        status_line: status_line.trim_end().to_string(),
        headers,
        body: Vec::new(),
    };
    let code = wire.status();
    if head_only || code == 204 || code == 304 || (100..200).contains(&code) {
        return wire;
    }
    if let Some(n) = wire.header("content-length") {
        let mut body = vec![0; n.parse().unwrap()];
        r.read_exact(&mut body).unwrap();
        wire.body = body;
    } else if wire
        .header("transfer-encoding")
        .is_some_and(|t| t.contains("chunked"))
    {
        loop {
            let mut size = String::new();
            r.read_line(&mut size).unwrap();
            let n = usize::from_str_radix(size.trim(), 16).unwrap();
            let mut chunk = vec![0; n + 2];
            r.read_exact(&mut chunk).unwrap();
            if n == 0 {
                break;
            }
            wire.body.extend_from_slice(&chunk[..n]);
        }
    } else {
        r.read_to_end(&mut wire.body).unwrap();
    }
    wire
}

fn connect(addr: SocketAddr) -> (TcpStream, BufReader<TcpStream>) {
    let s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    let r = BufReader::new(s.try_clone().unwrap());
    (s, r)
}

/// Sends `request` on a fresh connection and reads one response.
fn exchange(addr: SocketAddr, request: &[u8]) -> Wire {
    let (mut s, mut r) = connect(addr);
    s.write_all(request).unwrap();
    read_response(&mut r, request.starts_with(b"HEAD "))
}

/// Whether the server closed the connection (EOF, or a reset after it).
fn closed(r: &mut BufReader<TcpStream>) -> bool {
    let mut rest = Vec::new();
    match r.read_to_end(&mut rest) {
        Ok(_) => rest.is_empty(),
        Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
    }
}

#[test]
fn a_body_sent_after_the_head_does_not_cost_the_next_request() {
    let server = shared();
    // The handler of /status/200 never reads the body; the client sends it late, then asks
    // again on the same connection.
    for _ in 0..5 {
        let (mut s, mut r) = connect(server.addr);
        s.write_all(b"POST /status/201 HTTP/1.1\r\nHost: t\r\nContent-Length: 2000\r\n\r\n")
            .unwrap();
        std::thread::sleep(Duration::from_millis(30));
        s.write_all(&[b'x'; 2000]).unwrap();
        s.write_all(b"GET /get?second=1 HTTP/1.1\r\nHost: t\r\n\r\n")
            .unwrap();
        let first = read_response(&mut r, false);
        assert_eq!(first.status(), 201);
        assert_ne!(first.header("connection"), Some("close"));
        let second = read_response(&mut r, false);
        assert_eq!(second.status(), 200, "{second:?}");
        assert_eq!(second.json()["args"]["second"], "1");
    }
    // Chunked, too.
    let (mut s, mut r) = connect(server.addr);
    s.write_all(
        b"PUT /status/404 HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(30));
    s.write_all(b"0\r\n\r\nGET /status/202 HTTP/1.1\r\nHost: t\r\n\r\n")
        .unwrap();
    assert_eq!(read_response(&mut r, false).status(), 404);
    assert_eq!(read_response(&mut r, false).status(), 202);
}

#[test]
fn a_body_over_the_limit_gets_the_answer_not_a_reset() {
    let server = TestServer::with_config(Config {
        max_body_bytes: 64 * 1024,
        ..Config::default()
    });
    // As Python's http.client does: the whole body first, then read the answer.
    for (path, want) in [("/status/500", 500), ("/post", 413), ("/upload", 413)] {
        let (mut s, mut r) = connect(server.addr);
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            5_000_000
        );
        s.write_all(head.as_bytes()).unwrap();
        s.write_all(&vec![b' '; 5_000_000])
            .unwrap_or_else(|e| panic!("{path}: the body could be sent whole: {e}"));
        let res = read_response(&mut r, false);
        assert_eq!(res.status(), want, "{path}");
        assert_eq!(res.header("connection"), Some("close"), "{path}");
        if want == 413 {
            assert_eq!(res.status_line, "HTTP/1.1 413 Content Too Large");
            assert!(res.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains("limit"));
        }
        assert!(closed(&mut r), "{path}: then the connection closes");
    }
    // A chunked body that grows past the limit while it is read.
    let (mut s, mut r) = connect(server.addr);
    s.write_all(b"POST /anything HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
        .unwrap();
    for _ in 0..100 {
        s.write_all(b"1000\r\n").unwrap();
        s.write_all(&[b'a'; 4096]).unwrap();
        s.write_all(b"\r\n").unwrap();
    }
    s.write_all(b"0\r\n\r\n").unwrap();
    let res = read_response(&mut r, false);
    assert_eq!(res.status(), 413);
    assert_eq!(res.header("connection"), Some("close"));
}

#[test]
fn expect_continue_without_reading_is_answered_and_closed() {
    let server = shared();
    let (mut s, mut r) = connect(server.addr);
    s.write_all(
        b"POST /status/403 HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\nExpect: 100-continue\r\n\r\n",
    )
    .unwrap();
    let res = read_response(&mut r, false);
    assert_eq!(res.status(), 403, "the final answer, no 100 Continue first");
    assert_eq!(res.header("connection"), Some("close"));
}

#[test]
fn host_is_checked() {
    let server = shared();
    for (request, why) in [
        (&b"GET /get HTTP/1.1\r\n\r\n"[..], "missing"),
        (b"GET /get HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "twice"),
        (b"GET /get HTTP/1.1\r\nHost: a b\r\n\r\n", "invalid"),
        (b"GET /get HTTP/1.1\r\nHost: user@a\r\n\r\n", "userinfo"),
        (b"GET /status/200 HTTP/1.1\r\n\r\n", "missing, fast path"),
        (
            b"GET /codes/404 HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n",
            "twice, page",
        ),
    ] {
        let res = exchange(server.addr, request);
        assert_eq!(res.status(), 400, "{why}");
        let v = res.json();
        assert!(
            v["error"]["message"].as_str().unwrap().contains("Host"),
            "{why}: {v}"
        );
    }
    // HTTP/1.0 may leave Host out; an empty Host is valid.
    assert_eq!(
        exchange(server.addr, b"GET /get HTTP/1.0\r\n\r\n").status(),
        200
    );
    assert_eq!(
        exchange(server.addr, b"GET /status/204 HTTP/1.1\r\nHost:\r\n\r\n").status(),
        204
    );
    assert_eq!(
        exchange(server.addr, b"GET /get HTTP/1.1\r\nHost: [::1]:80\r\n\r\n").status(),
        200
    );
}

#[test]
fn long_targets_get_414_and_versions_are_read_as_rfc_9112_says() {
    let server = shared();
    for len in [9_000, 20_000, 70_000] {
        let request = format!("GET /get?q={} HTTP/1.1\r\nHost: t\r\n\r\n", "a".repeat(len));
        let res = exchange(server.addr, request.as_bytes());
        assert_eq!(res.status_line, "HTTP/1.1 414 URI Too Long", "{len}");
        assert!(res.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("limit"));
    }
    // A long header is still 431.
    let request = format!(
        "GET /get HTTP/1.1\r\nHost: t\r\nX-Big: {}\r\n\r\n",
        "b".repeat(20_000)
    );
    assert_eq!(exchange(server.addr, request.as_bytes()).status(), 431);

    // A higher minor version is served as HTTP/1.1; a major version 2 in an HTTP/1 line is 505.
    let res = exchange(server.addr, b"GET /get HTTP/1.2\r\nHost: t\r\n\r\n");
    assert_eq!(res.status(), 200);
    assert!(res.status_line.starts_with("HTTP/1.1 "));
    let res = exchange(server.addr, b"GET /get HTTP/2.0\r\nHost: t\r\n\r\n");
    assert_eq!(res.status_line, "HTTP/1.1 505 HTTP Version Not Supported");
    assert_eq!(res.json()["error"]["status"], 505);
    // A line split over several writes is held until its end.
    let (mut s, mut r) = connect(server.addr);
    s.write_all(b"GET /status/2").unwrap();
    std::thread::sleep(Duration::from_millis(30));
    s.write_all(b"06 HTTP/1.3\r\nHost: t\r\nRange: bytes=0-1\r\n\r\n")
        .unwrap();
    assert_eq!(read_response(&mut r, false).status(), 206);
}

#[test]
fn header_names_go_out_in_title_case() {
    let server = shared();
    let res = exchange(server.addr, b"GET /get HTTP/1.1\r\nHost: t\r\n\r\n");
    for name in [
        "Content-Type",
        "Content-Length",
        "Date",
        "Access-Control-Allow-Origin",
    ] {
        assert!(
            res.headers.iter().any(|(n, _)| n == name),
            "{name} as written: {:?}",
            res.headers
        );
    }
    let res = exchange(server.addr, b"GET /status/418 HTTP/1.1\r\nHost: t\r\n\r\n");
    assert!(res
        .headers
        .iter()
        .any(|(n, _)| n == "X-Content-Type-Options"));
}

#[test]
fn compressed_request_bodies_are_decoded() {
    use std::io::Write as _;
    let server = shared();
    let c = client();
    let json = br#"{"hello":"world","n":[1,2,3]}"#;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(json).unwrap();
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(json).unwrap();
    let mut br = Vec::new();
    brotli::BrotliCompress(&mut &json[..], &mut br, &Default::default()).unwrap();
    for (coding, body) in [
        ("gzip", gz.finish().unwrap()),
        ("deflate", z.finish().unwrap()),
        ("br", br),
    ] {
        let res = c
            .post(server.url("/post"))
            .header("Content-Type", "application/json")
            .header("Content-Encoding", coding)
            .body(body)
            .send()
            .unwrap();
        assert_eq!(res.status(), 200, "{coding}");
        let v: Value = res.json().unwrap();
        assert_eq!(v["json"]["hello"], "world", "{coding}");
        assert_eq!(v["data"], std::str::from_utf8(json).unwrap(), "{coding}");
    }
    // Not what it says it is: 400. A coding we do not know: 415 with Accept-Encoding.
    let res = c
        .post(server.url("/post"))
        .header("Content-Encoding", "gzip")
        .body("plain text")
        .send()
        .unwrap();
    assert_eq!(res.status(), 400);
    let res = c
        .post(server.url("/post"))
        .header("Content-Encoding", "compress")
        .body("x")
        .send()
        .unwrap();
    assert_eq!(res.status(), 415);
    assert_eq!(res.headers()["accept-encoding"], "gzip, deflate, br");
    // A small gzip that decodes past the body limit: 413, not a full memory.
    let mut bomb = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    bomb.write_all(&vec![0u8; 8 * 1024 * 1024]).unwrap();
    let bomb = bomb.finish().unwrap();
    assert!(bomb.len() < 64 * 1024);
    let res = c
        .post(server.url("/anything"))
        .header("Content-Encoding", "gzip")
        .body(bomb)
        .send()
        .unwrap();
    assert_eq!(res.status(), 413);
}

#[test]
fn a_408_closes_the_connection() {
    let server = shared();
    let (mut s, mut r) = connect(server.addr);
    s.write_all(b"GET /status/408 HTTP/1.1\r\nHost: t\r\n\r\n")
        .unwrap();
    let res = read_response(&mut r, false);
    assert_eq!(res.status(), 408);
    assert_eq!(res.header("connection"), Some("close"));
    assert!(closed(&mut r));
}

#[test]
fn each_encoding_has_its_own_etag() {
    let server = shared();
    let get = |encoding: &str, inm: Option<&str>| {
        let mut req =
            format!("GET /codes/404 HTTP/1.1\r\nHost: t\r\nAccept-Encoding: {encoding}\r\n");
        if let Some(tag) = inm {
            req.push_str(&format!("If-None-Match: {tag}\r\n"));
        }
        req.push_str("\r\n");
        exchange(server.addr, req.as_bytes())
    };
    let plain = get("identity", None);
    let gz = get("gzip", None);
    let br = get("br", None);
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    assert_eq!(br.header("content-encoding"), Some("br"));
    let tags: Vec<&str> = [&plain, &gz, &br]
        .iter()
        .map(|r| r.header("etag").unwrap())
        .collect();
    assert!(
        tags[0] != tags[1] && tags[1] != tags[2] && tags[0] != tags[2],
        "{tags:?}"
    );
    assert!(
        tags.iter().all(|t| t.starts_with('"')),
        "strong tags: {tags:?}"
    );
    assert_eq!(get("gzip", Some(tags[1])).status(), 304);
    assert_eq!(get("identity", Some(tags[1])).status(), 200);
    // An unquoted If-None-Match is invalid and ignored.
    let bare = tags[0].trim_matches('"');
    assert_eq!(get("identity", Some(bare)).status(), 200);
    let etag = exchange(
        server.addr,
        b"GET /etag/abc HTTP/1.1\r\nHost: t\r\nIf-None-Match: abc\r\n\r\n",
    );
    assert_eq!(etag.status(), 200, "unquoted tag ignored on /etag too");
}

/// Headers that may differ between two answers to the same request: the date, fresh cookies,
/// and the framing of a streamed body, which a HEAD answer may leave out (RFC 9112 §6.1: hyper
/// states no `Transfer-Encoding` or `Trailer` for a body it does not send).
const VOLATILE: [&str; 4] = ["date", "set-cookie", "transfer-encoding", "trailer"];

#[test]
fn head_has_the_headers_of_get_everywhere() {
    let server = shared();
    let mut checked = 0;
    for e in ENDPOINTS {
        if e.example.starts_with("/delay") || e.example.starts_with("/drip") {
            continue; // same code path as any other; only slow
        }
        let request = |method: &str| {
            format!(
                "{method} {} HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n",
                e.example
            )
        };
        let get = exchange(server.addr, request("GET").as_bytes());
        let head = exchange(server.addr, request("HEAD").as_bytes());
        if get.status() == 405 || get.status() == 101 {
            continue;
        }
        assert_eq!(get.status(), head.status(), "{}", e.example);
        let strip = |w: &Wire| {
            let mut h: Vec<(String, String)> = w
                .headers
                .iter()
                .filter(|(n, _)| !VOLATILE.iter().any(|v| n.eq_ignore_ascii_case(v)))
                .map(|(n, v)| {
                    // A Digest challenge carries a fresh nonce each time: compare its scheme.
                    if v.starts_with("Digest ") {
                        (n.clone(), "Digest".to_string())
                    } else {
                        (n.clone(), v.clone())
                    }
                })
                .collect();
            h.sort();
            h
        };
        assert_eq!(strip(&get), strip(&head), "{}", e.example);
        checked += 1;
    }
    assert!(checked >= 18, "{checked} endpoints compared");
}

#[test]
fn options_and_405_agree_on_allow() {
    let server = shared();
    let mut checked = 0;
    for e in ENDPOINTS {
        let options = exchange(
            server.addr,
            format!("OPTIONS {} HTTP/1.1\r\nHost: t\r\n\r\n", e.example).as_bytes(),
        );
        for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
            let res = exchange(
                server.addr,
                format!(
                    "{method} {} HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n",
                    e.example
                )
                .as_bytes(),
            );
            if res.status() != 405 || e.path.starts_with("/status") || e.path == "/{code}" {
                continue;
            }
            let allow = res
                .header("allow")
                .unwrap_or_else(|| panic!("{method} {}: Allow", e.example));
            assert_eq!(
                options.header("allow"),
                Some(allow),
                "OPTIONS {} and its 405 for {method}",
                e.example
            );
            assert!(
                !allow.split(", ").any(|m| m == method),
                "{allow} lists {method}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked} 405s compared");
    // OPTIONS on routes with path parameters goes to the route once, not twice (found by
    // fuzzing: the parameters of both routings added up to a 500).
    for (path, want) in [
        ("/stauts/200", 404),
        ("/status/200", 200),
        ("/basic-auth/u/p", 401),
        ("/links/3/1", 204),
        ("/cookies/set/a/b", 204),
    ] {
        let res = exchange(
            server.addr,
            format!("OPTIONS {path} HTTP/1.1\r\nHost: t\r\n\r\n").as_bytes(),
        );
        assert_eq!(res.status(), want, "OPTIONS {path}");
    }
    // A CORS preflight is still answered by the CORS layer.
    let res = exchange(
        server.addr,
        b"OPTIONS /get HTTP/1.1\r\nHost: t\r\nOrigin: http://example.com\r\nAccess-Control-Request-Method: PUT\r\n\r\n",
    );
    assert!(res.status() < 300);
    assert!(res.header("access-control-allow-methods").is_some());
}

#[test]
fn one_reason_phrase_per_code() {
    let server = shared();
    for (request, line) in [
        (&b"GET /status/413 HTTP/1.1\r\nHost: t\r\n\r\n"[..], "HTTP/1.1 413 Content Too Large"),
        (b"GET /status/422 HTTP/1.1\r\nHost: t\r\n\r\n", "HTTP/1.1 422 Unprocessable Content"),
        (
            b"POST /upload HTTP/1.1\r\nHost: t\r\nContent-Type: text/csv\r\nContent-Length: 1\r\n\r\nx",
            "HTTP/1.1 415 Unsupported Media Type",
        ),
    ] {
        assert_eq!(exchange(server.addr, request).status_line, line);
    }
    let big = Config {
        max_body_bytes: 10,
        ..Config::default()
    };
    let small = TestServer::with_config(big);
    let res = exchange(
        small.addr,
        b"POST /upload HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{\"a\":\"0123456789ab\"}",
    );
    assert_eq!(res.status_line, "HTTP/1.1 413 Content Too Large");
    assert_eq!(res.json()["error"]["reason"], "Content Too Large");
}

#[test]
fn interim_responses_are_sent_for_real() {
    let server = shared();
    // 103 Early Hints, then the final 200, then the connection serves the next request.
    let (mut s, mut r) = connect(server.addr);
    s.write_all(b"GET /status/103?sleep=100 HTTP/1.1\r\nHost: t\r\n\r\nGET /status/204 HTTP/1.1\r\nHost: t\r\n\r\n")
        .unwrap();
    let hints = read_response(&mut r, false);
    assert_eq!(hints.status_line, "HTTP/1.1 103 Early Hints");
    assert_eq!(
        hints.header("link"),
        Some("</assets/style.css>; rel=preload; as=style")
    );
    let last = read_response(&mut r, false);
    assert_eq!(last.status(), 200);
    assert_eq!(
        last.header("httpstatus-interim"),
        Some("103 Early Hints was sent before this response")
    );
    assert_eq!(read_response(&mut r, false).status(), 204, "keep-alive");

    // 102 with the caller's header, then the final status asked for.
    let (mut s, mut r) = connect(server.addr);
    s.write_all(b"GET /status/102?final=201&header=X-Progress:50 HTTP/1.1\r\nHost: t\r\n\r\n")
        .unwrap();
    let processing = read_response(&mut r, false);
    assert_eq!(processing.status_line, "HTTP/1.1 102 Processing");
    assert_eq!(processing.header("x-progress"), Some("50"));
    assert_eq!(read_response(&mut r, false).status(), 201);

    // Behind a pipelined response that is still streaming: it comes after that one, whole.
    let (mut s, mut r) = connect(server.addr);
    s.write_all(
        b"GET /drip?numbytes=4&duration=0.4&delay=0 HTTP/1.1\r\nHost: t\r\n\r\n\
          GET /status/103?header=Link:%3C/x.js%3E;%20rel=preload HTTP/1.1\r\nHost: t\r\n\r\n",
    )
    .unwrap();
    let drip = read_response(&mut r, false);
    assert_eq!((drip.status(), drip.body.len()), (200, 4), "{drip:?}");
    let hints = read_response(&mut r, false);
    assert_eq!(hints.status(), 103);
    assert_eq!(hints.header("link"), Some("</x.js>; rel=preload"));
    assert_eq!(read_response(&mut r, false).status(), 200);

    // An HTTP/1.0 client never gets one (RFC 9110 §15.2).
    let res = exchange(server.addr, b"GET /status/103 HTTP/1.0\r\n\r\n");
    assert_eq!(res.status(), 200);
    assert!(res
        .header("httpstatus-interim")
        .unwrap()
        .contains("not sent"));
    // A bad final code is a 400 naming it.
    let res = exchange(
        server.addr,
        b"GET /status/103?final=99 HTTP/1.1\r\nHost: t\r\n\r\n",
    );
    assert_eq!(res.status(), 400);
    assert!(res.body.windows(5).any(|w| w == b"final"));

    // curl, a real client, shows the interim response before the final one.
    if let Some(curl) = httpstatus_testkit::program("curl", "curl") {
        let out = std::process::Command::new(curl)
            .args(["-sv", "-o", "/dev/null"])
            .arg(server.url("/status/103"))
            .output()
            .unwrap();
        let trace = String::from_utf8_lossy(&out.stderr);
        let hints = trace.find("< HTTP/1.1 103 Early Hints").expect(&trace);
        let ok = trace.find("< HTTP/1.1 200 OK").expect(&trace);
        assert!(hints < ok, "{trace}");
    }
}
