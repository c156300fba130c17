//! Statuses from real mechanisms, against the real server: echo, 405/413/415/417 and
//! 100-continue, conditional requests, ranges, auth, redirects and their safety, delays, drips,
//! flaky answers, the documented examples, real clients (`curl`) and bad input.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use httpstatus_server::{Config, ENDPOINTS};
use reqwest::header;
use serde_json::Value;

use super::{assert_named_error, client, header_str, raw, status, TestServer};

/// Waits until the server answers (start-up pre-renders pages, which takes a while in debug
/// builds), so that raw reads with short timeouts see the server and not its start-up.
fn ready(server: TestServer) -> TestServer {
    let c = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(120))
        .build()
        .unwrap();
    let res = c.get(server.url("/healthz")).send().unwrap();
    assert!(res.status().is_success());
    server
}

/// One server for the tests that need the default settings (max delay 3 s), started once.
fn shared() -> &'static TestServer {
    static SERVER: OnceLock<TestServer> = OnceLock::new();
    SERVER.get_or_init(|| ready(TestServer::start()))
}

/// A server with `config`, ready to answer.
fn with_config(config: Config) -> TestServer {
    ready(TestServer::with_config(config))
}

/// The test server with small limits, so that limits are cheap to reach.
fn small_server() -> TestServer {
    with_config(Config {
        max_delay: Duration::from_secs(3),
        max_body_bytes: 1024,
        ..Config::default()
    })
}

#[test]
fn every_documented_example_answers_with_its_status() {
    let server = shared();
    let c = client();
    for e in ENDPOINTS {
        let res = c.get(server.url(e.example)).send().unwrap();
        assert_eq!(status(&res), e.example_status, "{} ({})", e.example, e.path);
        assert!(!e.description.is_empty() && e.example.starts_with('/'));
    }
    // Every mechanism endpoint is documented.
    for path in [
        "/cache",
        "/cache/{n}",
        "/etag/{etag}",
        "/range/{n}",
        "/bytes/{n}",
        "/basic-auth/{user}/{passwd}",
        "/hidden-basic-auth/{user}/{passwd}",
        "/bearer",
        "/redirect/{n}",
        "/relative-redirect/{n}",
        "/absolute-redirect/{n}",
        "/redirect-to",
        "/delay/{n}",
        "/drip",
        "/unstable",
        "/response-headers",
        "/anything",
        "/get",
        "/upload",
        "/expect",
        "/head",
        "/headers",
        "/ip",
        "/user-agent",
        "/uuid",
        "/hostname",
        "/env",
        "/dump/request",
        "/cookies",
        "/cookies/set",
        "/cookies/set/{name}/{value}",
        "/cookies/delete",
        "/digest-auth/{qop}/{user}/{passwd}",
        "/digest-auth/{qop}/{user}/{passwd}/{algorithm}",
        "/digest-auth/{qop}/{user}/{passwd}/{algorithm}/{stale_after}",
        "/json",
        "/xml",
        "/html",
        "/robots.txt",
        "/deny",
        "/encoding/utf8",
        "/gzip",
        "/deflate",
        "/brotli",
        "/base64/{value}",
        "/base64/encode/{data}",
        "/base64/decode/{data}",
        "/forms/post",
        "/links/{n}",
        "/links/{n}/{offset}",
        "/image",
        "/image/{kind}",
        "/stream/{n}",
        "/stream-bytes/{n}",
        "/sse",
        "/trailers",
        "/websocket/echo",
    ] {
        assert!(
            ENDPOINTS.iter().any(|e| e.path == path),
            "{path} is in ENDPOINTS"
        );
    }
}

#[test]
fn anything_echoes_the_request() {
    let server = shared();
    let c = client();
    let res = c
        .post(server.url("/anything/some/path?q=1&q=2&one=%C3%A9"))
        .header("x-custom-thing", "v")
        .header(header::CONTENT_TYPE, "application/json")
        .body(r#"{"a":[1,2]}"#)
        .send()
        .unwrap();
    assert_eq!(status(&res), 200);
    assert_eq!(header_str(&res, "content-type"), "application/json");
    assert_eq!(header_str(&res, "x-content-type-options"), "nosniff");
    let v: Value = res.json().unwrap();
    assert_eq!(v["method"], "POST");
    assert_eq!(v["args"]["q"], serde_json::json!(["1", "2"]));
    assert_eq!(v["args"]["one"], "é");
    assert_eq!(v["headers"]["X-Custom-Thing"], "v");
    assert_eq!(v["json"]["a"][1], 2);
    assert_eq!(v["data"], r#"{"a":[1,2]}"#);
    assert_eq!(v["origin"], "127.0.0.1");
    assert_eq!(
        v["url"],
        format!(
            "http://{}/anything/some/path?q=1&q=2&one=%C3%A9",
            server.addr
        )
    );

    for method in ["GET", "PUT", "PATCH", "DELETE", "TRACE", "PURGE"] {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let v: Value = c
            .request(m, server.url("/anything"))
            .send()
            .unwrap()
            .json()
            .unwrap();
        assert_eq!(v["method"], method);
    }
    assert_eq!(
        status(&c.get(server.url("/anything/")).send().unwrap()),
        200
    );

    // A form, a multipart form with a file, and a binary body.
    let v: Value = c
        .put(server.url("/anything"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("a=1&b=x+y&a=2")
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(
        v["form"],
        serde_json::json!({ "a": ["1", "2"], "b": "x y" })
    );
    assert_eq!(v["data"], "");
    let multipart = "--B0\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nvalue\r\n\
        --B0\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nfile text\r\n--B0--\r\n";
    let v: Value = c
        .post(server.url("/post"))
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=B0")
        .body(multipart)
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(v["form"]["field"], "value");
    assert_eq!(v["files"]["upload"], "file text");
    let v: Value = c
        .post(server.url("/anything"))
        .body(vec![0xff, 0x00, 0x01])
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(v["data"], "data:application/octet-stream;base64,/wAB");
    assert_eq!(v["json"], Value::Null);

    // Bad input: invalid UTF-8 in the query or a form, a broken multipart body.
    assert_named_error(
        c.get(server.url("/anything?x=%FF")).send().unwrap(),
        400,
        "invalid UTF-8 in the query",
    );
    let res = c
        .post(server.url("/anything"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(vec![b'a', b'=', 0xff])
        .send()
        .unwrap();
    assert_named_error(res, 400, "invalid UTF-8 in a form");
    let res = c
        .post(server.url("/anything"))
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=B0")
        .body("no parts here")
        .send()
        .unwrap();
    assert_named_error(res, 400, "malformed multipart");
}

#[test]
fn method_restricted_echo_gives_a_real_405_with_allow() {
    let server = shared();
    let c = client();
    for (path, method) in [
        ("/get", "GET"),
        ("/post", "POST"),
        ("/put", "PUT"),
        ("/patch", "PATCH"),
        ("/delete", "DELETE"),
    ] {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let res = c.request(m, server.url(path)).send().unwrap();
        assert_eq!(status(&res), 200, "{path}");
        let v: Value = res.json().unwrap();
        // httpbin's shapes: no "method" on the method-restricted echoes.
        assert_eq!(v["method"], Value::Null, "{path}");
        assert_eq!(v["url"], server.url(path), "{path}");
        let other = if method == "POST" {
            reqwest::Method::GET
        } else {
            reqwest::Method::POST
        };
        let res = c.request(other, server.url(path)).send().unwrap();
        let allow = header_str(&res, "allow");
        assert!(
            allow.contains(method),
            "{path}: Allow names the method: {allow}"
        );
        let msg = assert_named_error(res, 405, path);
        assert!(msg.contains("not allowed"), "{msg}");
        let res = c
            .request(reqwest::Method::OPTIONS, server.url(path))
            .send()
            .unwrap();
        assert!(
            res.status().is_success(),
            "OPTIONS {path} is answered (by the CORS layer)"
        );
    }
    let out = raw(
        server.addr,
        "HEAD /get HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    let (head, body) = out.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200 OK"), "{head}");
    assert!(body.is_empty(), "HEAD has no body");
}

#[test]
fn upload_gives_real_413_and_415() {
    let server = small_server();
    let c = client();
    let res = c
        .post(server.url("/upload"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(r#"{"k":"v"}"#)
        .send()
        .unwrap();
    assert_eq!(status(&res), 200);
    let v: Value = res.json().unwrap();
    assert_eq!(v["received_bytes"], 9);
    assert_eq!(v["json"]["k"], "v");
    let res = c
        .post(server.url("/upload"))
        .header(
            header::CONTENT_TYPE,
            "application/x-www-form-urlencoded; charset=utf-8",
        )
        .body("k=v")
        .send()
        .unwrap();
    assert_eq!(status(&res), 200);
    assert_eq!(res.json::<Value>().unwrap()["form"]["k"], "v");

    // 415 with Accept-Post, for another type and for none.
    for ct in [Some("text/plain"), Some("application/xml"), None] {
        let mut req = c.post(server.url("/upload")).body("hello");
        if let Some(ct) = ct {
            req = req.header(header::CONTENT_TYPE, ct);
        }
        let res = req.send().unwrap();
        assert_eq!(
            header_str(&res, "accept-post"),
            "application/json, application/x-www-form-urlencoded"
        );
        assert_named_error(res, 415, "another Content-Type");
    }
    // 413 from the limit (1024 bytes here): declared with Content-Length, and chunked.
    let big = format!("[{}0]", "0,".repeat(1000));
    let res = c
        .post(server.url("/upload"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(big.clone())
        .send()
        .unwrap();
    assert_named_error(res, 413, "Content-Length over the limit");
    let chunked = reqwest::blocking::Body::new(std::io::Cursor::new(big.into_bytes()));
    let res = c
        .post(server.url("/upload"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(chunked)
        .send()
        .unwrap();
    let msg = assert_named_error(res, 413, "a chunked body over the limit");
    assert!(msg.contains("1024"), "{msg}");
    // The echo endpoints have the same limit.
    let res = c
        .post(server.url("/anything"))
        .body(vec![b'x'; 2000])
        .send()
        .unwrap();
    assert_named_error(res, 413, "/anything over the limit");
    // A client waiting for 100 Continue with a body too large gets the 413 instead of a 100.
    let out = raw(
        server.addr,
        "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\nExpect: 100-continue\r\n\r\n",
    );
    assert!(out.starts_with("HTTP/1.1 413"), "{out}");
    assert!(!out.contains("100 Continue"), "{out}");

    // Bad bodies are 400; GET is 405 with Allow.
    let res = c
        .post(server.url("/upload"))
        .header(header::CONTENT_TYPE, "application/json")
        .body("{nope")
        .send()
        .unwrap();
    let msg = assert_named_error(res, 400, "invalid JSON");
    assert!(msg.contains("JSON"), "{msg}");
    let res = c.get(server.url("/upload")).send().unwrap();
    assert_eq!(header_str(&res, "allow"), "POST, OPTIONS");
    assert_named_error(res, 405, "GET /upload");
}

/// Reads from `s` until `needle` has arrived (or the stream ends).
fn read_until(s: &mut TcpStream, needle: &str) -> String {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&out).contains(needle) {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn expect_100_continue_and_417() {
    let server = shared();
    // As a careful client does it: the head, wait for 100 Continue, then the body.
    let mut s = TcpStream::connect(server.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(b"POST /expect HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\nConnection: close\r\n\r\n").unwrap();
    let interim = read_until(&mut s, "\r\n\r\n");
    assert!(
        interim.starts_with("HTTP/1.1 100 Continue\r\n"),
        "a real interim response before the body: {interim}"
    );
    s.write_all(b"hello").unwrap();
    let mut rest = String::new();
    let _ = s.read_to_string(&mut rest);
    assert!(
        rest.starts_with("HTTP/1.1 200 OK"),
        "then the final response: {rest}"
    );
    assert!(rest.contains("\"received_bytes\": 5"), "{rest}");
    assert!(rest.contains("100 Continue was sent"), "{rest}");

    // All at once, as raw() sends it: still 100 before 200.
    let out = raw(server.addr, "POST /expect HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi");
    let (Some(a), Some(b)) = (
        out.find("HTTP/1.1 100 Continue"),
        out.find("HTTP/1.1 200 OK"),
    ) else {
        panic!("{out}")
    };
    assert!(a < b, "{out}");

    // An unknown expectation: 417, no 100.
    let out = raw(server.addr, "POST /expect HTTP/1.1\r\nHost: x\r\nExpect: foo\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi");
    assert!(out.starts_with("HTTP/1.1 417 Expectation Failed"), "{out}");
    assert!(
        out.contains("100-continue"),
        "the body names what is accepted: {out}"
    );
    // No expectation: 200 that says how to get a 100.
    let c = client();
    let res = c.post(server.url("/expect")).body("x").send().unwrap();
    assert_eq!(status(&res), 200);
    assert!(res.json::<Value>().unwrap()["interim"]
        .as_str()
        .unwrap()
        .starts_with("none"));
    let res = c.get(server.url("/expect")).send().unwrap();
    assert_eq!(header_str(&res, "allow"), "POST, OPTIONS");
    assert_named_error(res, 405, "GET /expect");
}

#[test]
fn response_headers_echo_safe_headers_only() {
    let server = shared();
    let c = client();
    for method in [reqwest::Method::GET, reqwest::Method::POST] {
        let res = c
            .request(
                method,
                server.url("/response-headers?X-Test=1&X-Test=2&Cache-Control=no-cache"),
            )
            .send()
            .unwrap();
        assert_eq!(status(&res), 200);
        let tests: Vec<_> = res
            .headers()
            .get_all("x-test")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect();
        assert_eq!(tests, ["1", "2"]);
        assert_eq!(header_str(&res, "cache-control"), "no-cache");
        assert_eq!(header_str(&res, "content-type"), "application/json");
        let length = header_str(&res, "content-length");
        let v: Value = res.json().unwrap();
        assert_eq!(v["X-Test"], serde_json::json!(["1", "2"]));
        // httpbin's body names the response's own Content-Type and Content-Length.
        assert_eq!(v["Content-Type"], "application/json");
        assert_eq!(v["Content-Length"], length.as_str());
    }
    // As httpbin allows: Location, Set-Cookie and a content type that renders no markup.
    let res = c
        .get(server.url(
            "/response-headers?Location=https://example.com/x&Set-Cookie=a%3Db&Content-Type=text/plain",
        ))
        .send()
        .unwrap();
    assert_eq!(status(&res), 200);
    assert_eq!(header_str(&res, "location"), "https://example.com/x");
    assert_eq!(header_str(&res, "set-cookie"), "a=b");
    assert_eq!(header_str(&res, "content-type"), "text/plain");
    for bad in [
        "/response-headers?Content-Type=text/html",
        "/response-headers?content-type=text/html",
        "/response-headers?Content-Type=image/svg%2Bxml",
        "/response-headers?Content-Type=application/xhtml%2Bxml",
        "/response-headers?Transfer-Encoding=chunked",
        "/response-headers?Content-Length=0",
        "/response-headers?Connection=close",
        "/response-headers?Access-Control-Allow-Origin=*",
        "/response-headers?X-Content-Type-Options=none",
        "/response-headers?bad%20name=1",
        "/response-headers?=1",
        "/response-headers?X-A=a%0d%0aSet-Cookie:%20x=y",
        "/response-headers?X-A=%FF",
    ] {
        assert_named_error(c.get(server.url(bad)).send().unwrap(), 400, bad);
    }
    let many: Vec<String> = (0..21).map(|i| format!("X-H{i}=1")).collect();
    assert_named_error(
        c.get(server.url(&format!("/response-headers?{}", many.join("&"))))
            .send()
            .unwrap(),
        400,
        "21 headers",
    );
    let res = c.put(server.url("/response-headers?X-A=1")).send().unwrap();
    assert_eq!(status(&res), 405);
    assert!(header_str(&res, "allow").contains("POST"));
}

#[test]
fn cache_gives_real_304s() {
    let server = shared();
    let c = client();
    let res = c.get(server.url("/cache")).send().unwrap();
    assert_eq!(status(&res), 200);
    let etag = header_str(&res, "etag");
    let modified = header_str(&res, "last-modified");
    assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
    assert!(modified.ends_with(" GMT"), "{modified}");
    assert_eq!(header_str(&res, "cache-control"), "no-cache");

    let not_modified = |name: &str, value: &str| {
        let res = c
            .get(server.url("/cache"))
            .header(name, value)
            .send()
            .unwrap();
        assert_eq!(status(&res), 304, "{name}: {value}");
        assert_eq!(
            header_str(&res, "etag"),
            etag,
            "a 304 carries the validators"
        );
        assert_eq!(header_str(&res, "last-modified"), modified);
        assert!(!res.headers().contains_key(header::CONTENT_TYPE));
        assert!(!res.headers().contains_key(header::CONTENT_LENGTH));
        assert!(res.bytes().unwrap().is_empty());
    };
    not_modified("if-none-match", &etag);
    not_modified("if-none-match", &format!("\"other\", W/{etag}"));
    not_modified("if-none-match", "*");
    not_modified("if-modified-since", &modified);
    not_modified("if-modified-since", "Fri, 01 Jan 2100 00:00:00 GMT");
    // httpbin's rule on /cache: any conditional request is a 304, whatever its validators.
    not_modified("if-none-match", "\"other\"");
    not_modified("if-modified-since", "Sun, 01 Jan 2000 00:00:00 GMT");
    not_modified("if-modified-since", "not a date");
    assert_eq!(status(&c.post(server.url("/cache")).send().unwrap()), 405);

    let res = c.get(server.url("/cache/60")).send().unwrap();
    assert_eq!(status(&res), 200);
    assert_eq!(header_str(&res, "cache-control"), "public, max-age=60");
    assert!(res.json::<Value>().unwrap()["url"]
        .as_str()
        .unwrap()
        .ends_with("/cache/60"));
    for bad in [
        "/cache/-1",
        "/cache/abc",
        "/cache/NaN",
        "/cache/1.5",
        "/cache/99999999999999999999999",
        "/cache/%FF",
    ] {
        assert_named_error(c.get(server.url(bad)).send().unwrap(), 400, bad);
    }
}

#[test]
fn etag_gives_304_and_412() {
    let server = shared();
    let c = client();
    let res = c.get(server.url("/etag/abc")).send().unwrap();
    assert_eq!(status(&res), 200);
    assert_eq!(header_str(&res, "etag"), "\"abc\"");
    let get = |name: &str, value: &str| {
        c.get(server.url("/etag/abc"))
            .header(name, value)
            .send()
            .unwrap()
    };
    for inm in ["\"abc\"", "W/\"abc\"", "\"x\", \"abc\"", "*"] {
        let res = get("if-none-match", inm);
        assert_eq!(status(&res), 304, "If-None-Match: {inm}");
        assert_eq!(header_str(&res, "etag"), "\"abc\"");
        assert!(res.bytes().unwrap().is_empty());
    }
    assert_eq!(status(&get("if-none-match", "\"x\"")), 200);
    // Unquoted: not an entity tag, so the field is invalid and ignored (httpbin reads it as one).
    assert_eq!(status(&get("if-none-match", "abc")), 200);
    assert_eq!(status(&get("if-match", "\"abc\"")), 200);
    assert_eq!(status(&get("if-match", "*")), 200);
    let msg = assert_named_error(get("if-match", "\"x\""), 412, "If-Match mismatch");
    assert!(msg.contains("If-Match"), "{msg}");
    assert_named_error(
        get("if-match", "W/\"abc\""),
        412,
        "If-Match uses the strong comparison",
    );
    // Unsafe methods: If-Match for optimistic locking, If-None-Match: * for create-only.
    let res = c
        .put(server.url("/etag/abc"))
        .header("if-match", "\"stale\"")
        .body("x")
        .send()
        .unwrap();
    assert_named_error(res, 412, "PUT with a stale If-Match");
    let res = c
        .put(server.url("/etag/abc"))
        .header("if-match", "\"abc\"")
        .body("x")
        .send()
        .unwrap();
    assert_eq!(status(&res), 200);
    assert_eq!(res.json::<Value>().unwrap()["data"], "x");
    let res = c
        .put(server.url("/etag/abc"))
        .header("if-none-match", "*")
        .send()
        .unwrap();
    assert_named_error(res, 412, "PUT with If-None-Match: *");
    for bad in [
        "/etag/a%22b",
        "/etag/a%20b",
        "/etag/%FF",
        &format!("/etag/{}", "a".repeat(300)),
    ] {
        assert_named_error(c.get(server.url(bad)).send().unwrap(), 400, bad);
    }
}

#[test]
fn ranges_give_206_multipart_and_416() {
    let server = shared();
    let c = client();
    let res = c.get(server.url("/range/1024")).send().unwrap();
    assert_eq!(status(&res), 200);
    assert_eq!(header_str(&res, "accept-ranges"), "bytes");
    assert_eq!(header_str(&res, "content-type"), "application/octet-stream");
    let etag = header_str(&res, "etag");
    let modified = header_str(&res, "last-modified");
    let full = res.bytes().unwrap();
    assert_eq!(full.len(), 1024);
    assert_eq!(&full[..27], b"abcdefghijklmnopqrstuvwxyza");

    let ranged = |range: &str| {
        c.get(server.url("/range/1024"))
            .header(header::RANGE, range)
            .send()
            .unwrap()
    };
    for (range, content_range, body) in [
        ("bytes=0-9", "bytes 0-9/1024", &full[0..10]),
        ("bytes=-5", "bytes 1019-1023/1024", &full[1019..]),
        ("bytes=1020-", "bytes 1020-1023/1024", &full[1020..]),
        ("bytes=1000-5000", "bytes 1000-1023/1024", &full[1000..]),
        ("bytes=2000-3000, 26-27", "bytes 26-27/1024", &full[26..28]),
    ] {
        let res = ranged(range);
        assert_eq!(status(&res), 206, "{range}");
        assert_eq!(header_str(&res, "content-range"), content_range, "{range}");
        assert_eq!(header_str(&res, "etag"), etag);
        assert_eq!(&res.bytes().unwrap()[..], body, "{range}");
    }
    // Several ranges: multipart/byteranges.
    let res = ranged("bytes=0-1,26-28,-2");
    assert_eq!(status(&res), 206);
    let ct = header_str(&res, "content-type");
    let boundary = ct
        .strip_prefix("multipart/byteranges; boundary=")
        .unwrap()
        .to_string();
    let text = res.text().unwrap();
    assert_eq!(
        text.matches(&format!("--{boundary}\r\n")).count(),
        3,
        "{text}"
    );
    assert!(
        text.contains("Content-Range: bytes 0-1/1024\r\n\r\nab\r\n"),
        "{text}"
    );
    assert!(
        text.contains("Content-Range: bytes 26-28/1024\r\n\r\nabc\r\n"),
        "{text}"
    );
    assert!(
        text.contains("Content-Range: bytes 1022-1023/1024\r\n\r\nij\r\n"),
        "{text}"
    );
    assert!(text.ends_with(&format!("--{boundary}--\r\n")));

    // Unsatisfiable, invalid or excessive: 416 with Content-Range: bytes */n.
    let many = format!("bytes={}", vec!["0-0"; 101].join(","));
    for range in [
        "bytes=1024-",
        "bytes=5000-6000",
        "bytes=-0",
        "bytes=abc",
        "bytes=9-2",
        "bytes=",
        &many,
        "bytes=0-1023,0-1023,0-1023",
    ] {
        let res = ranged(range);
        assert_eq!(header_str(&res, "content-range"), "bytes */1024", "{range}");
        assert_named_error(res, 416, range);
    }
    // Another unit is ignored.
    assert_eq!(status(&ranged("items=0-1")), 200);
    // If-Range: the current ETag or date keeps the Range; anything else gets everything.
    let if_range = |v: &str| {
        c.get(server.url("/range/1024"))
            .header(header::RANGE, "bytes=0-9")
            .header(header::IF_RANGE, v)
            .send()
            .unwrap()
    };
    assert_eq!(status(&if_range(&etag)), 206);
    assert_eq!(status(&if_range(&modified)), 206);
    let res = if_range("\"old\"");
    assert_eq!(status(&res), 200);
    assert_eq!(res.bytes().unwrap().len(), 1024);
    assert_eq!(
        status(&if_range(&format!("W/{etag}"))),
        200,
        "a weak tag never matches If-Range"
    );
    assert_eq!(status(&if_range("Sun, 01 Jan 2000 00:00:00 GMT")), 200);
    // Conditional requests work here too.
    assert_eq!(
        status(
            &c.get(server.url("/range/1024"))
                .header("if-none-match", &etag)
                .send()
                .unwrap()
        ),
        304
    );
    // HEAD ignores Range; an empty representation has no satisfiable range.
    let out = raw(
        server.addr,
        "HEAD /range/10 HTTP/1.1\r\nHost: x\r\nRange: bytes=0-1\r\nConnection: close\r\n\r\n",
    );
    assert!(out.starts_with("HTTP/1.1 200 OK"), "{out}");
    assert!(
        out.to_ascii_lowercase().contains("content-length: 10\r\n"),
        "{out}"
    );
    assert!(out.ends_with("\r\n\r\n"), "no body: {out}");
    assert_eq!(
        c.get(server.url("/range/0"))
            .send()
            .unwrap()
            .bytes()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        status(
            &c.get(server.url("/range/0"))
                .header(header::RANGE, "bytes=-1")
                .send()
                .unwrap()
        ),
        416
    );
    assert_eq!(
        c.get(server.url("/range/102400"))
            .send()
            .unwrap()
            .bytes()
            .unwrap()
            .len(),
        102_400
    );
    for bad in [
        "/range/102401",
        "/range/-1",
        "/range/abc",
        "/range/NaN",
        "/range/1e3",
        "/range/99999999999999999999999",
    ] {
        assert_named_error(c.get(server.url(bad)).send().unwrap(), 400, bad);
    }
    assert_eq!(
        status(&c.post(server.url("/range/10")).send().unwrap()),
        405
    );
}

#[test]
fn bytes_are_random_or_seeded() {
    let server = shared();
    let c = client();
    let get = |path: &str| c.get(server.url(path)).send().unwrap();
    let a = get("/bytes/64?seed=7");
    assert_eq!(status(&a), 200);
    assert_eq!(header_str(&a, "content-type"), "application/octet-stream");
    let a = a.bytes().unwrap();
    assert_eq!(a.len(), 64);
    assert_eq!(
        a,
        get("/bytes/64?seed=7").bytes().unwrap(),
        "a seed repeats"
    );
    assert_ne!(a, get("/bytes/64?seed=8").bytes().unwrap());
    assert_eq!(get("/bytes/0").bytes().unwrap().len(), 0);
    for bad in [
        "/bytes/102401",
        "/bytes/-1",
        "/bytes/x",
        "/bytes/16?seed=-1",
        "/bytes/16?seed=NaN",
    ] {
        assert_named_error(get(bad), 400, bad);
    }
}

#[test]
fn auth_challenges() {
    let server = shared();
    let c = client();
    let url = server.url("/basic-auth/user/passwd");
    let res = c.get(&url).send().unwrap();
    assert_eq!(
        header_str(&res, "www-authenticate"),
        "Basic realm=\"httpstatus\", charset=\"UTF-8\""
    );
    assert_named_error(res, 401, "no credentials");
    let res = c
        .get(&url)
        .basic_auth("user", Some("wrong"))
        .send()
        .unwrap();
    assert!(header_str(&res, "www-authenticate").starts_with("Basic "));
    assert_named_error(res, 401, "wrong password");
    let res = c
        .get(&url)
        .header(header::AUTHORIZATION, "Basic %%%")
        .send()
        .unwrap();
    assert_named_error(res, 401, "not base64");
    let res = c
        .get(&url)
        .basic_auth("user", Some("passwd"))
        .send()
        .unwrap();
    assert_eq!(status(&res), 200);
    let v: Value = res.json().unwrap();
    assert_eq!(
        v,
        serde_json::json!({ "authenticated": true, "user": "user" })
    );
    // Percent-encoded UTF-8 in the path; the credentials are UTF-8 too.
    let res = c
        .get(server.url("/basic-auth/%C3%A9t%C3%A9/p%3Aw"))
        .basic_auth("été", Some("p:w"))
        .send()
        .unwrap();
    assert_eq!(status(&res), 200);

    let url = server.url("/hidden-basic-auth/user/passwd");
    let res = c.get(&url).send().unwrap();
    assert!(
        !res.headers().contains_key(header::WWW_AUTHENTICATE),
        "hidden: no challenge"
    );
    assert_eq!(status(&res), 404);
    let nothing = c.get(server.url("/hidden-basic-auth")).send().unwrap();
    assert_eq!(
        header_str(&res, "content-type"),
        header_str(&nothing, "content-type"),
        "like any missing path"
    );
    assert!(res
        .text()
        .unwrap()
        .contains("nothing at /hidden-basic-auth/user/passwd"));
    assert_eq!(
        status(&c.get(&url).basic_auth("user", Some("nope")).send().unwrap()),
        404
    );
    assert_eq!(
        status(
            &c.get(&url)
                .basic_auth("user", Some("passwd"))
                .send()
                .unwrap()
        ),
        200
    );

    let url = server.url("/bearer");
    let res = c.get(&url).send().unwrap();
    assert_eq!(
        header_str(&res, "www-authenticate"),
        "Bearer realm=\"httpstatus\""
    );
    assert_named_error(res, 401, "no token");
    let res = c.get(&url).basic_auth("u", Some("p")).send().unwrap();
    assert!(header_str(&res, "www-authenticate").starts_with("Bearer"));
    assert_eq!(status(&res), 401);
    let res = c
        .get(&url)
        .header(header::AUTHORIZATION, "Bearer")
        .send()
        .unwrap();
    assert!(header_str(&res, "www-authenticate").contains("invalid_token"));
    assert_eq!(status(&res), 401);
    let res = c.get(&url).bearer_auth("abc.def-123").send().unwrap();
    assert_eq!(status(&res), 200);
    assert_eq!(res.json::<Value>().unwrap()["token"], "abc.def-123");
}

#[test]
fn redirect_chains() {
    let server = shared();
    let c = client();
    let location = |path: &str| {
        let res = c.get(server.url(path)).send().unwrap();
        assert_eq!(status(&res), 302, "{path}");
        header_str(&res, "location")
    };
    let base = format!("http://{}", server.addr);
    assert_eq!(location("/redirect/3"), "/relative-redirect/2");
    assert_eq!(location("/redirect/1"), "/get");
    assert_eq!(location("/relative-redirect/2"), "/relative-redirect/1");
    assert_eq!(location("/relative-redirect/1"), "/get");
    assert_eq!(
        location("/redirect/3?absolute=true"),
        format!("{base}/absolute-redirect/2")
    );
    assert_eq!(location("/redirect/1?absolute=TRUE"), format!("{base}/get"));
    assert_eq!(
        location("/absolute-redirect/2"),
        format!("{base}/absolute-redirect/1")
    );
    assert_eq!(location("/absolute-redirect/1"), format!("{base}/get"));
    // A proxy that terminated TLS says so.
    let res = c
        .get(server.url("/absolute-redirect/1"))
        .header("x-forwarded-proto", "https")
        .send()
        .unwrap();
    assert_eq!(
        header_str(&res, "location"),
        format!("https://{}/get", server.addr)
    );
    // A client that follows redirects ends at /get.
    let follower = reqwest::blocking::Client::new();
    for path in [
        "/redirect/5",
        "/redirect/4?absolute=true",
        "/absolute-redirect/3",
        "/relative-redirect/3",
    ] {
        let res = follower.get(server.url(path)).send().unwrap();
        assert_eq!(status(&res), 200, "{path}");
        assert_eq!(res.url().path(), "/get");
    }
    for bad in [
        "/redirect/0",
        "/redirect/-1",
        "/redirect/101",
        "/redirect/abc",
        "/redirect/NaN",
        "/redirect/%FF",
        "/relative-redirect/0",
        "/absolute-redirect/9999999999999999999999",
    ] {
        assert_named_error(c.get(server.url(bad)).send().unwrap(), 400, bad);
    }
    // An absolute URL is built only from a valid Host.
    let out = raw(
        server.addr,
        "GET /absolute-redirect/1 HTTP/1.1\r\nHost: evil.example/x\r\nConnection: close\r\n\r\n",
    );
    assert!(out.starts_with("HTTP/1.1 400"), "{out}");
    let out = raw(
        server.addr,
        "GET /absolute-redirect/1 HTTP/1.1\r\nHost: [::1]:8080\r\nConnection: close\r\n\r\n",
    );
    assert!(
        out.contains("\r\nLocation: http://[::1]:8080/get\r\n"),
        "{out}"
    );
}

#[test]
fn redirect_to_is_not_an_open_redirect() {
    let server = shared();
    let c = client();
    let go = |query: &str| {
        c.get(server.url(&format!("/redirect-to?{query}")))
            .send()
            .unwrap()
    };
    let res = go("url=/get");
    assert_eq!(status(&res), 302);
    assert_eq!(header_str(&res, "location"), "/get");
    for code in [300, 301, 303, 304, 305, 307, 308, 399] {
        let res = go(&format!("url=/status/200&status_code={code}"));
        assert_eq!(status(&res), code);
        assert_eq!(header_str(&res, "location"), "/status/200");
    }
    let res = go("url=%2Fanything%3Fa%3D1%26b%3D2");
    assert_eq!(header_str(&res, "location"), "/anything?a=1&b=2");
    // Its own host is fine.
    let res = go(&format!("url=http://{}/get", server.addr));
    assert_eq!(
        header_str(&res, "location"),
        format!("http://{}/get", server.addr)
    );
    // url and status_code in a form body, as httpbin accepts them.
    let res = c
        .post(server.url("/redirect-to"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("url=/get&status_code=303")
        .send()
        .unwrap();
    assert_eq!(status(&res), 303);
    assert_eq!(header_str(&res, "location"), "/get");

    let unsafe_targets = [
        "//evil.example",
        "/%2F%2Fevil.example",
        "%2F%2Fevil.example",
        "/%252F%252Fevil.example",
        "/\\evil.example",
        "/%5Cevil.example",
        "%5C%5Cevil.example",
        "/%09/evil.example",
        "%20//evil.example",
        "https://evil.example",
        "http://evil.example/get",
        "HTTPS://EVIL.EXAMPLE",
        "https:evil.example",
        "https://example.org@evil.example",
        "javascript:alert(1)",
        "data:text/html,%3Cscript%3Ealert(1)%3C/script%3E",
        "ftp://example.org/",
        "/get%0D%0ASet-Cookie:%20x=1",
        "",
    ];
    for target in unsafe_targets {
        let msg = assert_named_error(go(&format!("url={target}")), 400, target);
        assert!(!msg.is_empty());
    }
    for bad in [
        "",
        "url",
        "status_code=302",
        "url=/get&status_code=200",
        "url=/get&status_code=abc",
        "url=/get&status_code=-302",
        "url=/get&status_code=70000",
        "url=%FF",
    ] {
        assert_named_error(go(bad), 400, bad);
    }

    // With example.org allowed: that host (any port, any case, http or https) and nothing else.
    let server = with_config(Config {
        max_delay: Duration::from_secs(3),
        allow_redirect_hosts: vec!["example.org".into()],
        ..Config::default()
    });
    let go = |query: &str| {
        c.get(server.url(&format!("/redirect-to?{query}")))
            .send()
            .unwrap()
    };
    for target in [
        "https://example.org",
        "https://example.org/path?q=1",
        "http://EXAMPLE.org:8443/x",
    ] {
        let res = go(&format!(
            "url={}",
            target.replace('?', "%3F").replace('=', "%3D")
        ));
        assert_eq!(status(&res), 302, "{target}");
        assert_eq!(header_str(&res, "location"), target);
    }
    let res = go("url=https://example.org/&status_code=308");
    assert_eq!(status(&res), 308);
    for target in [
        "https://evil.example",
        "https://sub.example.org",
        "https://example.org@evil.example",
        "https://example.org.evil.example",
        "//example.org",
        "javascript:alert(1)",
    ] {
        assert_named_error(go(&format!("url={target}")), 400, target);
    }
}

#[test]
fn delays_drips_and_flaky_answers() {
    let server = shared();
    let c = client();
    let res = c.get(server.url("/delay/0.1?x=1")).send().unwrap();
    assert_eq!(status(&res), 200);
    assert_eq!(res.json::<Value>().unwrap()["args"]["x"], "1");
    assert_eq!(
        status(&c.post(server.url("/delay/0")).body("b").send().unwrap()),
        200
    );
    for bad in [
        "/delay/4",
        "/delay/-1",
        "/delay/NaN",
        "/delay/inf",
        "/delay/1e309",
        "/delay/abc",
        "/delay/%FF",
    ] {
        assert_named_error(c.get(server.url(bad)).send().unwrap(), 400, bad);
    }

    let res = c
        .get(server.url("/drip?numbytes=5&duration=0.2"))
        .send()
        .unwrap();
    assert_eq!(status(&res), 200);
    assert_eq!(header_str(&res, "content-type"), "application/octet-stream");
    assert_eq!(header_str(&res, "content-length"), "5");
    assert_eq!(res.text().unwrap(), "*****");
    let res = c
        .get(server.url("/drip?numbytes=3000&duration=0.1&delay=0.1&code=503"))
        .send()
        .unwrap();
    assert_eq!(status(&res), 503);
    assert_eq!(
        header_str(&res, "retry-after"),
        "5",
        "the code's own headers come along"
    );
    assert_eq!(res.bytes().unwrap().len(), 3000);
    assert_eq!(
        c.get(server.url("/drip?numbytes=0&duration=0"))
            .send()
            .unwrap()
            .bytes()
            .unwrap()
            .len(),
        0
    );
    for bad in [
        "numbytes=-1",
        "numbytes=NaN",
        "numbytes=999999999999",
        "duration=-1",
        "duration=NaN",
        "duration=4",
        "delay=inf",
        "delay=2&duration=2",
        "code=204",
        "code=99",
        "code=abc",
        "code=1000",
        "numbytes=%FF",
    ] {
        assert_named_error(
            c.get(server.url(&format!("/drip?{bad}"))).send().unwrap(),
            400,
            bad,
        );
    }

    assert_eq!(
        status(
            &c.get(server.url("/unstable?failure_rate=1"))
                .send()
                .unwrap()
        ),
        500
    );
    assert_eq!(
        status(
            &c.get(server.url("/unstable?failure_rate=0"))
                .send()
                .unwrap()
        ),
        200
    );
    let res = c
        .get(server.url("/unstable?failure_rate=1&failure_code=503"))
        .send()
        .unwrap();
    assert_eq!(status(&res), 503);
    assert!(res.headers().contains_key(header::RETRY_AFTER));
    let seeded = |seed: u32| {
        status(
            &c.get(server.url(&format!("/unstable?seed={seed}")))
                .send()
                .unwrap(),
        )
    };
    let outcomes: Vec<u16> = (0..20).map(seeded).collect();
    assert_eq!(
        outcomes,
        (0..20).map(seeded).collect::<Vec<_>>(),
        "a seed repeats"
    );
    assert!(
        outcomes.contains(&200) && outcomes.contains(&500),
        "{outcomes:?}"
    );
    for bad in [
        "failure_rate=NaN",
        "failure_rate=-1",
        "failure_rate=2",
        "failure_rate=x",
        "failure_code=200",
        "failure_code=abc",
        "seed=-1",
    ] {
        assert_named_error(
            c.get(server.url(&format!("/unstable?{bad}")))
                .send()
                .unwrap(),
            400,
            bad,
        );
    }
}

/// Runs `curl` with `args` and returns its stdout; fails the test when curl fails.
fn run_curl(curl: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(curl)
        .args(["-sS", "--max-time", "20"])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", curl.display()));
    assert!(
        out.status.success(),
        "curl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn real_clients_curl() {
    let Some(curl_path) = httpstatus_testkit::program("curl", "curl") else {
        return;
    };
    let curl = |args: &[&str]| run_curl(&curl_path, args);
    let server = shared();
    // curl -L follows /redirect/3 to a 200 at /get.
    let out = curl(&[
        "-L",
        "-o",
        "/dev/null",
        "-w",
        "%{http_code} %{num_redirects} %{url_effective}",
        &server.url("/redirect/3"),
    ]);
    assert_eq!(
        String::from_utf8_lossy(&out),
        format!("200 3 {}", server.url("/get"))
    );
    // curl -u passes /basic-auth; without it, 401.
    let out = curl(&[
        "-u",
        "user:passwd",
        "-w",
        "\n%{http_code}",
        &server.url("/basic-auth/user/passwd"),
    ]);
    let text = String::from_utf8_lossy(&out);
    assert!(
        text.ends_with("\n200") && text.contains("\"authenticated\": true"),
        "{text}"
    );
    let out = curl(&[
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        &server.url("/basic-auth/user/passwd"),
    ]);
    assert_eq!(out, b"401");
    // curl -r 0-9 gets 10 bytes and a 206.
    let dir = std::env::temp_dir().join(format!("httpstatus-mech-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let body = dir.join("range.bin");
    let out = curl(&[
        "-r",
        "0-9",
        "-o",
        body.to_str().unwrap(),
        "-w",
        "%{http_code}",
        &server.url("/range/1024"),
    ]);
    assert_eq!(out, b"206");
    assert_eq!(std::fs::read(&body).unwrap(), b"abcdefghij");
    // A conditional request gets a 304: with the ETag curl saved, and with a date.
    let etag = dir.join("etag.txt");
    let out = curl(&[
        "--etag-save",
        etag.to_str().unwrap(),
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        &server.url("/cache"),
    ]);
    assert_eq!(out, b"200");
    let out = curl(&[
        "--etag-compare",
        etag.to_str().unwrap(),
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        &server.url("/cache"),
    ]);
    assert_eq!(out, b"304");
    let out = curl(&[
        "-z",
        "Fri, 01 Jan 2100 00:00:00 GMT",
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        &server.url("/cache"),
    ]);
    assert_eq!(out, b"304");
    // curl sends Expect: 100-continue for large uploads and gets 100 before the final answer.
    let out = curl(&[
        "-v",
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        "-H",
        "Expect: 100-continue",
        "-H",
        "Content-Type: application/json",
        "--data-binary",
        "[1,2,3]",
        &server.url("/expect"),
    ]);
    assert_eq!(out, b"200");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_input_never_gives_a_5xx_or_a_dropped_connection() {
    let server = shared();
    let c = client();
    let ten_thousand = vec!["a=1"; 10_000].join("&");
    let paths = [
        format!("/response-headers?{ten_thousand}"),
        format!("/anything?{ten_thousand}"),
        format!("/redirect-to?url=/get&{ten_thousand}"),
        "/range/%F0%28%8C%BC".to_string(),
        "/basic-auth/%FF/x".to_string(),
        "/etag/%C0%AF".to_string(),
        "/drip?numbytes=1e400".to_string(),
        "/unstable?failure_rate=1e-400000".to_string(),
        "/delay/0x10".to_string(),
        "/cache/%00".to_string(),
    ];
    for path in &paths {
        let res = c.get(server.url(path)).send().unwrap();
        let code = status(&res);
        assert!(
            (400..500).contains(&code) || code == 200,
            "{}: {code}",
            &path[..path.len().min(60)]
        );
    }
    let ranges = format!("bytes={}", vec!["0-0"; 10_000].join(","));
    let res = c
        .get(server.url("/range/10"))
        .header(header::RANGE, ranges)
        .send()
        .unwrap();
    assert!(matches!(status(&res), 416 | 431), "{}", status(&res));
    let res = c
        .get(server.url("/range/10"))
        .header(header::RANGE, vec![0xffu8, 0xfe].as_slice())
        .send()
        .unwrap();
    assert_eq!(status(&res), 416, "a non-ASCII Range is refused, not a 5xx");
}
