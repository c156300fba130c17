//! The endpoints that describe the request or return fixed documents: inspect, cookies, formats,
//! images, against the real server: shapes and values, decoded bodies and images, bad input,
//! HEAD against GET, and 405s.

use std::io::Read;
use std::sync::OnceLock;
use std::time::Duration;

use httpstatus_server::Config;
use reqwest::blocking::{Client, Response};
use serde_json::{json, Value};

use super::{assert_named_error, client, header_str, raw, status, TestServer};

/// One server with the default settings for this file, started once.
fn shared() -> &'static TestServer {
    static SERVER: OnceLock<TestServer> = OnceLock::new();
    SERVER.get_or_init(TestServer::start)
}

/// A client that leaves compressed bodies as they came.
fn raw_client() -> Client {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_gzip()
        .no_brotli()
        .no_deflate()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

fn header_all(res: &Response, name: &str) -> Vec<String> {
    res.headers()
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect()
}

fn get_json(path: &str) -> Value {
    let res = client().get(shared().url(path)).send().unwrap();
    assert_eq!(status(&res), 200, "{path}");
    assert_eq!(
        header_str(&res, "content-type"),
        "application/json",
        "{path}"
    );
    res.json().unwrap()
}

fn get_error(path: &str, want: u16) -> String {
    let res = client().get(shared().url(path)).send().unwrap();
    assert_named_error(res, want, path)
}

#[test]
fn inspect_describes_the_request() {
    let server = shared();
    let c = client();
    let v: Value = c
        .get(server.url("/headers"))
        .header("X-Probe", "one")
        .header("User-Agent", "content-test/1.0")
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(v["headers"]["X-Probe"], "one", "{v}");
    assert_eq!(v["headers"]["User-Agent"], "content-test/1.0", "{v}");
    assert_eq!(v.as_object().unwrap().len(), 1, "{v}");

    assert_eq!(get_json("/ip"), json!({ "origin": "127.0.0.1" }));

    let v: Value = c
        .get(server.url("/user-agent"))
        .header("User-Agent", "content-test/2.0")
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(v, json!({ "user-agent": "content-test/2.0" }));
    // No User-Agent at all: an empty string, not an error.
    let res = raw(
        server.addr,
        "GET /user-agent HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(res.starts_with("HTTP/1.1 200"), "{res}");
    assert!(res.contains("\"user-agent\": \"\""), "{res}");

    let a = get_json("/uuid");
    let b = get_json("/uuid");
    let ua = uuid::Uuid::parse_str(a["uuid"].as_str().unwrap()).unwrap();
    assert_eq!(ua.get_version_num(), 4);
    assert_eq!(ua.hyphenated().to_string(), a["uuid"]);
    assert_ne!(a, b, "a fresh UUID each time");

    assert_eq!(get_json("/hostname"), json!({ "hostname": "httpstatus" }));
    assert_eq!(get_json("/env"), json!({ "env": {} }), "nothing by default");

    // A bad query is a 400, not a 500.
    get_error("/headers?a=%ff", 400);
}

#[test]
fn hostname_and_env_follow_the_settings() {
    let server = TestServer::with_config(Config {
        hostname: Some("box-7".into()),
        expose_env: vec!["PATH".into(), "HTTPSTATUS_CONTENT_TEST_SURELY_UNSET".into()],
        ..Config::default()
    });
    let c = client();
    let v: Value = c
        .get(server.url("/hostname"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(v, json!({ "hostname": "box-7" }));
    let v: Value = c.get(server.url("/env")).send().unwrap().json().unwrap();
    let path = std::env::var("PATH").unwrap();
    assert_eq!(
        v,
        json!({ "env": { "PATH": path } }),
        "only the named, set variables"
    );
}

#[test]
fn dump_request_is_the_wire_form() {
    let server = shared();
    let c = client();
    let res = c
        .post(server.url("/dump/request?x=1&y=%20"))
        .header("X-Dump", "yes")
        .body("hello, body")
        .send()
        .unwrap();
    assert_eq!(status(&res), 200);
    assert_eq!(
        header_str(&res, "content-type"),
        "text/plain; charset=utf-8"
    );
    let text = res.text().unwrap();
    assert!(
        text.starts_with("POST /dump/request?x=1&y=%20 HTTP/1.1\r\n"),
        "{text}"
    );
    assert!(text.contains("\r\nX-Dump: yes\r\n"), "{text}");
    assert!(text.contains("\r\nContent-Length: 11\r\n"), "{text}");
    assert!(text.ends_with("\r\n\r\nhello, body"), "{text}");

    let res = raw(
        server.addr,
        "PUT /dump/request HTTP/1.1\r\nHost: example.test\r\nConnection: close\r\n\r\n",
    );
    assert!(res.starts_with("HTTP/1.1 200"), "{res}");
    assert!(
        res.contains(
            "PUT /dump/request HTTP/1.1\r\nHost: example.test\r\nConnection: close\r\n\r\n"
        ),
        "{res}"
    );

    // A body over the server's limit (1 MiB by default) is a real 413.
    let res = c
        .post(server.url("/dump/request"))
        .body(vec![b'a'; 1024 * 1024 + 1])
        .send()
        .unwrap();
    assert_named_error(res, 413, "dump over the body limit");
}

#[test]
fn cookies_are_read_set_and_deleted() {
    let server = shared();
    let c = client();
    let v: Value = c
        .get(server.url("/cookies"))
        .header("Cookie", "a=1; b=\"two\"; a=3")
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(v, json!({ "cookies": { "a": "1", "b": "two" } }));
    assert_eq!(get_json("/cookies"), json!({ "cookies": {} }));

    let res = c
        .get(server.url("/cookies/set?a=1&b=x-y&a=2&empty="))
        .send()
        .unwrap();
    assert_eq!(status(&res), 302);
    assert_eq!(header_str(&res, "location"), "/cookies");
    assert_eq!(
        header_all(&res, "set-cookie"),
        ["a=1; Path=/", "b=x-y; Path=/", "empty=; Path=/"]
    );

    let res = c
        .get(server.url("/cookies/set/sid/abc%21123"))
        .send()
        .unwrap();
    assert_eq!(status(&res), 302);
    assert_eq!(header_str(&res, "location"), "/cookies");
    assert_eq!(header_all(&res, "set-cookie"), ["sid=abc!123; Path=/"]);

    let res = c.get(server.url("/cookies/delete?a&b")).send().unwrap();
    assert_eq!(status(&res), 302);
    assert_eq!(header_str(&res, "location"), "/cookies");
    let lines = header_all(&res, "set-cookie");
    assert_eq!(lines.len(), 2, "{lines:?}");
    for (line, name) in lines.iter().zip(["a", "b"]) {
        assert!(line.starts_with(&format!("{name}=;")), "{line}");
        assert!(line.contains("Max-Age=0"), "{line}");
        assert!(
            line.contains("Expires=Thu, 01 Jan 1970 00:00:00 GMT"),
            "{line}"
        );
        assert!(line.contains("Path=/"), "{line}");
    }
    let res = c.get(server.url("/cookies/set")).send().unwrap();
    assert_eq!(status(&res), 302, "nothing to set is still a redirect");
    assert!(header_all(&res, "set-cookie").is_empty());
}

#[test]
fn cookies_refuse_bad_names_and_values() {
    for (path, needle) in [
        ("/cookies/set?bad%20name=1", "bad name"),
        ("/cookies/set?a%3Db=1", "a=b"),
        ("/cookies/set?=1", "cookie name"),
        ("/cookies/set?ok=has%20space", "ok"),
        ("/cookies/set?ok=semi%3Bcolon", "ok"),
        ("/cookies/set?ok=%22quoted%22", "ok"),
        ("/cookies/set?ok=caf%C3%A9", "ok"),
        ("/cookies/set/ok/a%2Cb", "ok"),
        ("/cookies/set/b%40d/1", "b@d"),
        ("/cookies/delete?b%40d", "b@d"),
        ("/cookies/set?a=%ff", "UTF-8"),
    ] {
        let msg = get_error(path, 400);
        assert!(msg.contains(needle), "{path}: {msg}");
    }
    let many: Vec<String> = (0..21).map(|i| format!("c{i}=v")).collect();
    let msg = get_error(&format!("/cookies/set?{}", many.join("&")), 400);
    assert!(msg.contains("20"), "{msg}");
    let long = "v".repeat(4100);
    let msg = get_error(&format!("/cookies/set?big={long}"), 400);
    assert!(msg.contains("4096"), "{msg}");
}

#[test]
fn fixed_documents() {
    let server = shared();
    let c = client();
    let v = get_json("/json");
    assert_eq!(
        v["reference"]["classes"].as_array().unwrap().len(),
        5,
        "{v}"
    );

    let check = |path: &str, content_type: &str, needles: &[&str]| {
        let res = c.get(server.url(path)).send().unwrap();
        assert_eq!(status(&res), 200, "{path}");
        assert_eq!(header_str(&res, "content-type"), content_type, "{path}");
        let text = res.text().unwrap();
        for needle in needles {
            assert!(text.contains(needle), "{path} has {needle}: {text}");
        }
        text
    };
    let xml = check("/xml", "application/xml", &["<?xml version=\"1.0\""]);
    assert!(xml.trim_end().ends_with("</reference>"));
    check(
        "/html",
        "text/html; charset=utf-8",
        &["<!DOCTYPE html>", "<h1>", "</html>"],
    );
    let robots = check(
        "/robots.txt",
        "text/plain; charset=utf-8",
        &["User-agent: *"],
    );
    assert!(robots.lines().any(|l| l == "Disallow: /deny"), "{robots}");
    check("/deny", "text/plain; charset=utf-8", &["robots.txt"]);
    check(
        "/encoding/utf8",
        "text/html; charset=utf-8",
        &["<meta charset=\"utf-8\">", "สวัสดี", "Καλημέρα", "€"],
    );
    let form = check(
        "/forms/post",
        "text/html; charset=utf-8",
        &["<form method=\"post\" action=\"/post\">", "type=\"submit\""],
    );
    let doc = scraper::Html::parse_document(&form);
    let inputs = scraper::Selector::parse("form input[name], form textarea[name]").unwrap();
    assert!(doc.select(&inputs).count() >= 6, "{form}");
}

fn inflate(encoding: &str, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    match encoding {
        "gzip" => flate2::read::GzDecoder::new(body)
            .read_to_end(&mut out)
            .unwrap(),
        "deflate" => flate2::read::ZlibDecoder::new(body)
            .read_to_end(&mut out)
            .unwrap(),
        "br" => brotli::Decompressor::new(body, 4096)
            .read_to_end(&mut out)
            .unwrap(),
        other => panic!("unexpected encoding {other}"),
    };
    out
}

#[test]
fn compressed_bodies_are_really_compressed() {
    let server = shared();
    let c = raw_client();
    for (path, encoding, flag) in [
        ("/gzip", "gzip", "gzipped"),
        ("/deflate", "deflate", "deflated"),
        ("/brotli", "br", "brotli"),
    ] {
        // Whatever Accept-Encoding says, as httpbin does.
        for accept in ["identity", "gzip, deflate, br"] {
            let res = c
                .get(server.url(path))
                .header("Accept-Encoding", accept)
                .header("X-Probe", "compressed")
                .send()
                .unwrap();
            assert_eq!(status(&res), 200, "{path}");
            assert_eq!(header_str(&res, "content-type"), "application/json");
            assert_eq!(header_all(&res, "content-encoding"), [encoding], "{path}");
            let length: usize = header_str(&res, "content-length").parse().unwrap();
            let body = res.bytes().unwrap();
            assert_eq!(body.len(), length, "{path}");
            let v: Value = serde_json::from_slice(&inflate(encoding, &body)).unwrap();
            assert_eq!(v[flag], true, "{path}: {v}");
            assert_eq!(v["method"], "GET", "{path}: {v}");
            assert_eq!(v["origin"], "127.0.0.1", "{path}: {v}");
            assert_eq!(v["headers"]["X-Probe"], "compressed", "{path}: {v}");
            assert_eq!(v["headers"]["Accept-Encoding"], accept, "{path}: {v}");
        }
    }
}

#[test]
fn base64_decodes_and_encodes() {
    let server = shared();
    let c = client();
    let text = |path: &str| {
        let res = c.get(server.url(path)).send().unwrap();
        assert_eq!(status(&res), 200, "{path}");
        assert_eq!(
            header_str(&res, "content-type"),
            "text/plain; charset=utf-8",
            "{path}"
        );
        res.text().unwrap()
    };
    assert_eq!(
        text("/base64/SFRUUEJJTiBpcyBhd2Vzb21l"),
        "HTTPBIN is awesome"
    );
    assert_eq!(text("/base64/aGk_"), "hi?", "URL-safe alphabet");
    assert_eq!(text("/base64/aGk"), "hi", "padding optional");
    assert_eq!(text("/base64/decode/aGVsbG8="), "hello");
    assert_eq!(text("/base64/encode/hello"), "aGVsbG8=");
    assert_eq!(
        text("/base64/encode/hi%3F%3E"),
        "aGk_Pg==",
        "URL-safe output"
    );
    // Bytes that are not UTF-8 are not labelled as text.
    let res = c.get(server.url("/base64/__79")).send().unwrap();
    assert_eq!(status(&res), 200);
    assert_eq!(header_str(&res, "content-type"), "application/octet-stream");
    assert_eq!(res.bytes().unwrap().as_ref(), [0xff, 0xfe, 0xfd]);

    for (path, needle) in [
        ("/base64/%21%21%21%21", "value"),
        ("/base64/a", "value"),
        ("/base64/decode/%2A%2A", "data"),
        ("/base64/rot13/abc", "operation"),
    ] {
        let msg = get_error(path, 400);
        assert!(msg.contains(needle), "{path}: {msg}");
    }
    let long = "A".repeat(4100);
    for path in [
        format!("/base64/{long}"),
        format!("/base64/decode/{long}"),
        format!("/base64/encode/{long}"),
    ] {
        let msg = get_error(&path, 400);
        assert!(msg.contains("4096"), "{msg}");
    }
}

#[test]
fn links_pages() {
    let server = shared();
    let c = client();
    let res = c.get(server.url("/links/3")).send().unwrap();
    assert_eq!(status(&res), 302);
    assert_eq!(header_str(&res, "location"), "/links/3/0");

    let res = c.get(server.url("/links/4/2")).send().unwrap();
    assert_eq!(status(&res), 200);
    assert_eq!(header_str(&res, "content-type"), "text/html; charset=utf-8");
    let doc = scraper::Html::parse_document(&res.text().unwrap());
    let a = scraper::Selector::parse("a").unwrap();
    let hrefs: Vec<_> = doc
        .select(&a)
        .map(|e| e.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(hrefs, ["/links/4/0", "/links/4/1", "/links/4/3"]);

    let res = c.get(server.url("/links/200/0")).send().unwrap();
    assert_eq!(status(&res), 200, "the cap itself is allowed");
    for (path, needle) in [
        ("/links/201", "200"),
        ("/links/201/0", "200"),
        ("/links/-1", "n"),
        ("/links/x/0", "n"),
        ("/links/3/y", "offset"),
        ("/links/3/9999", "offset"),
    ] {
        let msg = get_error(path, 400);
        assert!(msg.contains(needle), "{path}: {msg}");
    }
}

const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";

fn assert_image(kind: &str, body: &[u8]) {
    match kind {
        "png" => {
            assert!(body.starts_with(PNG_MAGIC));
            let decoder = png::Decoder::new(std::io::Cursor::new(body.to_vec()));
            let mut reader = decoder.read_info().unwrap();
            let mut buf = vec![0; reader.output_buffer_size().unwrap()];
            let info = reader.next_frame(&mut buf).unwrap();
            assert_eq!((info.width, info.height), (100, 100));
            assert_eq!(info.color_type, png::ColorType::Rgb);
            let px = |x: usize, y: usize| &buf[(y * 100 + x) * 3..(y * 100 + x) * 3 + 3];
            assert_eq!(px(0, 0), [0x1f, 0x7a, 0x8c], "background");
            assert_eq!(px(50, 50), [0xf2, 0x8e, 0x2b], "diamond");
            assert_eq!(px(50, 16), [0xff, 0xff, 0xff], "ring");
        }
        "jpeg" => {
            assert!(body.starts_with(&[0xff, 0xd8, 0xff]) && body.ends_with(&[0xff, 0xd9]));
        }
        "webp" => {
            assert!(body.starts_with(b"RIFF") && &body[8..12] == b"WEBP");
            assert_eq!(&body[12..16], b"VP8L", "lossless");
            let riff_len = u32::from_le_bytes(body[4..8].try_into().unwrap()) as usize;
            assert_eq!(riff_len + 8, body.len());
        }
        "svg" => {
            let text = std::str::from_utf8(body).unwrap();
            assert!(text.contains("<svg") && text.trim_end().ends_with("</svg>"));
        }
        other => panic!("unexpected kind {other}"),
    }
}

#[test]
fn images_by_kind_and_by_accept() {
    let server = shared();
    let c = client();
    let types = [
        ("png", "image/png"),
        ("jpeg", "image/jpeg"),
        ("webp", "image/webp"),
        ("svg", "image/svg+xml"),
    ];
    for (kind, content_type) in types {
        let res = c.get(server.url(&format!("/image/{kind}"))).send().unwrap();
        assert_eq!(status(&res), 200, "{kind}");
        assert_eq!(header_str(&res, "content-type"), content_type);
        let body = res.bytes().unwrap();
        assert_image(kind, &body);
        // Served from memory: the same bytes each time.
        let again = c.get(server.url(&format!("/image/{kind}"))).send().unwrap();
        assert_eq!(again.bytes().unwrap(), body);
    }
    for (accept, kind) in [
        ("image/webp", "webp"),
        ("image/svg+xml", "svg"),
        ("image/jpeg", "jpeg"),
        ("image/png", "png"),
        ("image/*", "png"),
        ("*/*", "png"),
        (
            "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8",
            "webp",
        ),
        ("image/webp;q=0.1, image/jpeg", "jpeg"),
    ] {
        let res = c
            .get(server.url("/image"))
            .header("Accept", accept)
            .send()
            .unwrap();
        assert_eq!(status(&res), 200, "{accept}");
        assert_eq!(header_str(&res, "vary"), "Accept");
        let (_, content_type) = types.iter().find(|(k, _)| *k == kind).unwrap();
        assert_eq!(header_str(&res, "content-type"), *content_type, "{accept}");
        assert_image(kind, &res.bytes().unwrap());
    }
    // No Accept at all: PNG.
    let res = raw(
        server.addr,
        "GET /image HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(res.starts_with("HTTP/1.1 200"), "{res}");
    assert!(res.contains("\r\nContent-Type: image/png\r\n"), "{res}");

    for accept in ["application/json", "image/gif", "image/*;q=0"] {
        let res = c
            .get(server.url("/image"))
            .header("Accept", accept)
            .send()
            .unwrap();
        assert_eq!(status(&res), 406, "{accept}");
        assert_eq!(header_str(&res, "content-type"), "application/json");
        let v: Value = res.json().unwrap();
        let msg = v["error"]["message"].as_str().unwrap();
        for t in ["image/webp", "image/svg+xml", "image/jpeg", "image/png"] {
            assert!(msg.contains(t), "{accept}: {msg}");
        }
    }
    let msg = get_error("/image/gif", 404);
    assert!(
        msg.contains("gif") && msg.contains("png, jpeg, webp and svg"),
        "{msg}"
    );
}

/// Every GET endpoint of this file: HEAD gives the same status and headers, and no body.
#[test]
fn head_is_get_without_the_body() {
    let server = shared();
    let c = raw_client();
    for path in [
        "/headers",
        "/ip",
        "/user-agent",
        "/uuid",
        "/hostname",
        "/env",
        "/dump/request",
        "/cookies",
        "/cookies/set?a=1&b=2",
        "/cookies/set/a/b",
        "/cookies/delete?a",
        "/json",
        "/xml",
        "/html",
        "/robots.txt",
        "/deny",
        "/encoding/utf8",
        "/forms/post",
        "/gzip",
        "/deflate",
        "/brotli",
        "/base64/SFRUUEJJTiBpcyBhd2Vzb21l",
        "/base64/encode/abc",
        "/base64/decode/YWJj",
        "/base64/!!",
        "/links/5",
        "/links/5/2",
        "/links/500",
        "/image",
        "/image/png",
        "/image/jpeg",
        "/image/webp",
        "/image/svg",
        "/image/gif",
    ] {
        let send = |method: reqwest::Method| {
            c.request(method, server.url(path))
                .header("Cookie", "k=v")
                .header("X-Probe", "head")
                .header("User-Agent", "content-test")
                .header("Accept-Encoding", "identity")
                .send()
                .unwrap()
        };
        let get = send(reqwest::Method::GET);
        let head = send(reqwest::Method::HEAD);
        assert_eq!(get.status(), head.status(), "{path}");
        let mut get_headers = get.headers().clone();
        let mut head_headers = head.headers().clone();
        get_headers.remove("date");
        head_headers.remove("date");
        assert_eq!(get_headers, head_headers, "{path}");
        assert!(
            head_headers.contains_key("content-length"),
            "{path}: HEAD tells the length"
        );
        assert!(head.bytes().unwrap().is_empty(), "{path}: HEAD has no body");
    }
}

#[test]
fn other_methods_get_a_real_405() {
    let server = shared();
    let c = client();
    for path in [
        "/headers",
        "/ip",
        "/user-agent",
        "/uuid",
        "/hostname",
        "/env",
        "/cookies",
        "/cookies/set?a=1",
        "/cookies/set/a/b",
        "/cookies/delete?a",
        "/json",
        "/xml",
        "/html",
        "/robots.txt",
        "/deny",
        "/encoding/utf8",
        "/forms/post",
        "/gzip",
        "/deflate",
        "/brotli",
        "/base64/YWJj",
        "/base64/encode/abc",
        "/links/5",
        "/links/5/1",
        "/image",
        "/image/png",
    ] {
        for method in [reqwest::Method::POST, reqwest::Method::DELETE] {
            let res = c.request(method.clone(), server.url(path)).send().unwrap();
            assert_eq!(header_str(&res, "allow"), "GET, HEAD, OPTIONS", "{path}");
            assert_named_error(res, 405, &format!("{method} {path}"));
        }
    }
    // OPTIONS is answered (by the CORS layer, before the 204 with Allow of the routes).
    for path in ["/headers", "/cookies", "/json", "/image/png"] {
        let res = c
            .request(reqwest::Method::OPTIONS, server.url(path))
            .send()
            .unwrap();
        assert!(res.status().is_success(), "OPTIONS {path}");
    }
    let msg = get_error("/base64/aGk/Pw", 400);
    assert!(msg.contains("%2F"), "{msg}");
    // /dump/request takes any method (go-httpbin).
    for method in ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"] {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let res = c
            .request(method.clone(), server.url("/dump/request"))
            .send()
            .unwrap();
        assert_eq!(status(&res), 200, "{method}");
    }
}
