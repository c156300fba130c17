//! Digest authentication, the WebSocket echo and the streamed endpoints, against the real
//! server: chunked framing and trailers over raw sockets, the digest flow with responses
//! computed here and with `curl --digest`, and the WebSocket echo with tungstenite.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use md5::Md5;
use reqwest::blocking::Response;
use serde_json::Value;
use sha2::{Digest as _, Sha256, Sha512, Sha512_256};

use super::{assert_named_error, client, header_str, raw, TestServer};

/// One server with the default test settings (max delay 3 s), started once.
fn shared() -> &'static TestServer {
    static SERVER: OnceLock<TestServer> = OnceLock::new();
    SERVER.get_or_init(TestServer::start)
}

/// A raw HTTP/1.1 response taken apart: status, headers (lower-case names), the decoded
/// chunks, and the trailer fields.
#[derive(Debug)]
struct Chunked {
    status: u16,
    headers: HashMap<String, String>,
    chunks: Vec<Vec<u8>>,
    trailers: Vec<(String, String)>,
}

impl Chunked {
    fn body(&self) -> Vec<u8> {
        self.chunks.concat()
    }
}

/// Sends `request` (with `Connection: close`) and reads the whole answer as bytes.
fn raw_bytes(addr: SocketAddr, request: &str) -> Vec<u8> {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    out
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Parses a chunked answer strictly: every chunk size line, data, CRLF, the last chunk, the
/// trailer section and the final CRLF.
fn parse_chunked(bytes: &[u8]) -> Chunked {
    let head_end = find(bytes, b"\r\n\r\n", 0).expect("a header section");
    let head = String::from_utf8_lossy(&bytes[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    let status = status_line.split(' ').nth(1).unwrap().parse().unwrap();
    let headers: HashMap<String, String> = lines
        .map(|l| {
            let (k, v) = l.split_once(':').unwrap();
            (k.trim().to_ascii_lowercase(), v.trim().to_string())
        })
        .collect();
    assert_eq!(
        headers.get("transfer-encoding").map(String::as_str),
        Some("chunked"),
        "{head}"
    );
    let mut pos = head_end + 4;
    let mut chunks = Vec::new();
    loop {
        let eol = find(bytes, b"\r\n", pos).expect("a chunk size line");
        let size_text = String::from_utf8_lossy(&bytes[pos..eol]).into_owned();
        let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16)
            .unwrap_or_else(|_| panic!("chunk size {size_text:?}"));
        pos = eol + 2;
        if size == 0 {
            break;
        }
        chunks.push(bytes[pos..pos + size].to_vec());
        assert_eq!(
            &bytes[pos + size..pos + size + 2],
            b"\r\n",
            "CRLF after a chunk"
        );
        pos += size + 2;
    }
    let mut trailers = Vec::new();
    loop {
        let eol = find(bytes, b"\r\n", pos).expect("the end of the trailer section");
        if eol == pos {
            pos += 2;
            break;
        }
        let line = String::from_utf8_lossy(&bytes[pos..eol]).into_owned();
        let (k, v) = line.split_once(':').unwrap();
        trailers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        pos = eol + 2;
    }
    assert_eq!(pos, bytes.len(), "nothing after the chunked body");
    Chunked {
        status,
        headers,
        chunks,
        trailers,
    }
}

fn get_chunked(server: &TestServer, target: &str, extra: &str) -> Chunked {
    parse_chunked(&raw_bytes(
        server.addr,
        &format!("GET {target} HTTP/1.1\r\nHost: localhost\r\n{extra}Connection: close\r\n\r\n"),
    ))
}

#[test]
fn stream_sends_json_lines_with_ids() {
    let server = shared();
    let r = get_chunked(server, "/stream/5?a=1", "X-Test: yes\r\n");
    assert_eq!(r.status, 200);
    assert_eq!(r.headers["content-type"], "application/json");
    let body = String::from_utf8(r.body()).unwrap();
    assert!(body.ends_with('\n'));
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(lines.len(), 5);
    for (i, line) in lines.iter().enumerate() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["id"], i, "{line}");
        assert_eq!(v["args"]["a"], "1");
        assert_eq!(v["headers"]["X-Test"], "yes");
        assert_eq!(v["origin"], "127.0.0.1");
        assert!(
            v["url"].as_str().unwrap().ends_with("/stream/5?a=1"),
            "{line}"
        );
    }
    // n = 0 is an empty body; the cap is 100 lines.
    assert!(get_chunked(server, "/stream/0", "").chunks.is_empty());
    assert_eq!(
        get_chunked(server, "/stream/100", "")
            .body()
            .split(|b| *b == b'\n')
            .count(),
        101
    );
    let c = client();
    for bad in ["/stream/101", "/stream/-1", "/stream/x", "/stream/1.5"] {
        let msg = assert_named_error(c.get(server.url(bad)).send().unwrap(), 400, bad);
        assert!(msg.contains("n (the number of lines)"), "{msg}");
    }
    assert!(
        assert_named_error(c.get(server.url("/stream/101")).send().unwrap(), 400, "cap")
            .contains("100")
    );
    // HEAD: the same status and headers; other methods: 405 with Allow.
    let head = c.head(server.url("/stream/3")).send().unwrap();
    assert_eq!(head.status(), 200);
    assert_eq!(header_str(&head, "content-type"), "application/json");
    assert_eq!(
        c.head(server.url("/stream/101")).send().unwrap().status(),
        400
    );
    let head = raw(
        server.addr,
        "HEAD /stream/3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head.ends_with("\r\n\r\n"), "HEAD has no body: {head}");
    let post = c.post(server.url("/stream/3")).send().unwrap();
    assert_eq!(header_str(&post, "allow"), "GET, HEAD, OPTIONS");
    assert_named_error(post, 405, "POST /stream");
}

#[test]
fn stream_bytes_chunks_and_seeds() {
    let server = shared();
    let a = get_chunked(server, "/stream-bytes/25?chunk_size=10&seed=7", "");
    assert_eq!(a.status, 200);
    assert_eq!(a.headers["content-type"], "application/octet-stream");
    assert_eq!(
        a.chunks.iter().map(Vec::len).collect::<Vec<_>>(),
        [10, 10, 5]
    );
    let again = get_chunked(server, "/stream-bytes/25?chunk_size=10&seed=7", "");
    assert_eq!(a.body(), again.body(), "the same seed gives the same bytes");
    let other = get_chunked(server, "/stream-bytes/25?chunk_size=10&seed=8", "");
    assert_ne!(a.body(), other.body());
    // Default chunk size 10 KiB; the cap is 100 KiB.
    let big = get_chunked(server, "/stream-bytes/102400", "");
    assert_eq!(big.body().len(), 102_400);
    assert_eq!(big.chunks.len(), 10);
    assert!(get_chunked(server, "/stream-bytes/0", "").chunks.is_empty());
    let c = client();
    for (bad, what) in [
        ("/stream-bytes/102401", "102400"),
        ("/stream-bytes/-5", "n (the number of bytes)"),
        ("/stream-bytes/10?chunk_size=0", "chunk_size"),
        ("/stream-bytes/10?chunk_size=x", "chunk_size"),
        ("/stream-bytes/10?seed=x", "seed"),
    ] {
        let msg = assert_named_error(c.get(server.url(bad)).send().unwrap(), 400, bad);
        assert!(msg.contains(what), "{bad}: {msg}");
    }
    let head = c.head(server.url("/stream-bytes/10")).send().unwrap();
    assert_eq!(head.status(), 200);
    assert_eq!(
        header_str(&head, "content-type"),
        "application/octet-stream"
    );
    assert_eq!(
        c.delete(server.url("/stream-bytes/10"))
            .send()
            .unwrap()
            .status(),
        405
    );
}

#[test]
fn sse_sends_ping_events() {
    let server = shared();
    let r = get_chunked(server, "/sse?count=3&duration=0.2&delay=0.1", "");
    assert_eq!(r.status, 200);
    assert_eq!(r.headers["content-type"], "text/event-stream");
    let body = String::from_utf8(r.body()).unwrap();
    assert!(body.ends_with("\n\n"));
    let events: Vec<&str> = body.trim_end().split("\n\n").collect();
    assert_eq!(events.len(), 3, "{body}");
    for (i, e) in events.iter().enumerate() {
        let lines: Vec<&str> = e.lines().collect();
        assert_eq!(lines.len(), 3, "{e}");
        assert_eq!(lines[0], format!("id: {i}"));
        assert_eq!(lines[1], "event: ping");
        let data: Value = serde_json::from_str(lines[2].strip_prefix("data: ").unwrap()).unwrap();
        assert_eq!(data["id"], i);
        assert!(data["timestamp"].as_u64().unwrap() > 1_600_000_000_000);
    }
    // Go-style durations work; one event is fine.
    assert_eq!(
        get_chunked(server, "/sse?count=1&duration=100ms", "")
            .body()
            .split(|b| *b == b'\n')
            .filter(|l| l.starts_with(b"event: ping"))
            .count(),
        1
    );
    let c = client();
    for (bad, what) in [
        ("/sse?count=0", "count"),
        ("/sse?count=1001", "1000"),
        ("/sse?duration=4", "--max-delay"),
        ("/sse?delay=2&duration=2", "--max-delay"),
        ("/sse?duration=x", "duration"),
        ("/sse?delay=-1", "delay"),
    ] {
        let msg = assert_named_error(c.get(server.url(bad)).send().unwrap(), 400, bad);
        assert!(msg.contains(what), "{bad}: {msg}");
    }
    let head = c
        .head(server.url("/sse?count=1&duration=0"))
        .send()
        .unwrap();
    assert_eq!(head.status(), 200);
    assert_eq!(header_str(&head, "content-type"), "text/event-stream");
    assert_eq!(c.post(server.url("/sse")).send().unwrap().status(), 405);
}

#[test]
fn trailers_follow_the_body() {
    let server = shared();
    let r = get_chunked(
        server,
        "/trailers?X-One=1&x-two=b&x-two=c",
        "TE: trailers\r\n",
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.headers["trailer"], "x-one, x-two");
    assert_eq!(r.headers["content-type"], "application/json");
    let echo: Value = serde_json::from_slice(&r.body()).unwrap();
    assert_eq!(echo["args"]["X-One"], "1");
    assert_eq!(echo["method"], "GET");
    assert_eq!(
        r.trailers,
        [
            ("x-one".to_string(), "1".to_string()),
            ("x-two".to_string(), "b".to_string()),
            ("x-two".to_string(), "c".to_string())
        ]
    );
    assert!(!r.headers.contains_key("httpstatus-trailers"));
    // A POST body is echoed too.
    let post = parse_chunked(&raw_bytes(
        server.addr,
        "POST /trailers?x-sum=3 HTTP/1.1\r\nHost: localhost\r\nTE: trailers\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
    ));
    let echo: Value = serde_json::from_slice(&post.body()).unwrap();
    assert_eq!(echo["data"], "hello");
    assert_eq!(post.trailers, [("x-sum".to_string(), "3".to_string())]);
    // Without TE: trailers hyper does not send them, and the answer says so.
    let r = get_chunked(server, "/trailers?x-one=1", "");
    assert!(r.trailers.is_empty());
    assert!(r.headers["httpstatus-trailers"].contains("TE: trailers"));
    // No parameters: still a chunked echo.
    let r = get_chunked(server, "/trailers", "TE: trailers\r\n");
    assert!(r.trailers.is_empty() && !r.headers.contains_key("trailer"));
    let c = client();
    for bad in [
        "Content-Length=1",
        "Transfer-Encoding=chunked",
        "trailer=x",
        "Connection=close",
        "Set-Cookie=a%3Db",
        "Authorization=x",
        "bad%20name=1",
    ] {
        let msg = assert_named_error(
            c.get(server.url(&format!("/trailers?{bad}")))
                .send()
                .unwrap(),
            400,
            bad,
        );
        let name = bad
            .split('=')
            .next()
            .unwrap()
            .to_ascii_lowercase()
            .replace("%20", " ");
        assert!(msg.to_ascii_lowercase().contains(&name), "{bad}: {msg}");
    }
    let head = c.head(server.url("/trailers?x-one=1")).send().unwrap();
    assert_eq!(head.status(), 200);
    // hyper leaves out `Trailer` (like `Transfer-Encoding`) on HEAD answers, which have no body.
    assert_eq!(header_str(&head, "content-type"), "application/json");
}

// ---- Digest authentication ----

fn h(alg: &str, data: &str) -> String {
    let bytes = data.as_bytes();
    let digest: Vec<u8> = match alg {
        "MD5" => Md5::digest(bytes).to_vec(),
        "SHA-256" => Sha256::digest(bytes).to_vec(),
        "SHA-512" => Sha512::digest(bytes).to_vec(),
        "SHA-512-256" => Sha512_256::digest(bytes).to_vec(),
        other => panic!("{other}"),
    };
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The parameters of a `WWW-Authenticate: Digest ...` challenge.
fn challenge_params(res: &Response) -> HashMap<String, String> {
    let value = header_str(res, "www-authenticate");
    let rest = value.strip_prefix("Digest ").expect("a Digest challenge");
    rest.split(", ")
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap();
            (k.to_string(), v.trim_matches('"').to_string())
        })
        .collect()
}

/// The `Authorization` a client with `passwd` sends for `method uri` after `challenge`.
fn authorization(
    challenge: &HashMap<String, String>,
    user: &str,
    passwd: &str,
    method: &str,
    uri: &str,
    body: &str,
) -> String {
    let alg = challenge["algorithm"].as_str();
    let realm = &challenge["realm"];
    let nonce = &challenge["nonce"];
    let ha1 = h(alg, &format!("{user}:{realm}:{passwd}"));
    let (nc, cnonce) = ("00000001", "0a4f113b");
    match challenge.get("qop").map(String::as_str) {
        None => {
            let ha2 = h(alg, &format!("{method}:{uri}"));
            let response = h(alg, &format!("{ha1}:{nonce}:{ha2}"));
            format!(
                r#"Digest username="{user}", realm="{realm}", nonce="{nonce}", uri="{uri}", algorithm={alg}, response="{response}", opaque="{}""#,
                challenge["opaque"]
            )
        }
        Some(qop) => {
            let ha2 = if qop == "auth-int" {
                h(alg, &format!("{method}:{uri}:{}", h(alg, body)))
            } else {
                h(alg, &format!("{method}:{uri}"))
            };
            let response = h(alg, &format!("{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}"));
            format!(
                r#"Digest username="{user}", realm="{realm}", nonce="{nonce}", uri="{uri}", algorithm={alg}, qop={qop}, nc={nc}, cnonce="{cnonce}", response="{response}", opaque="{}""#,
                challenge["opaque"]
            )
        }
    }
}

/// The `Set-Cookie` values of an answer, as `name=value`.
fn set_cookies(res: &Response) -> Vec<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| {
            let v = v.to_str().unwrap();
            assert!(v.ends_with("; Path=/"), "{v}");
            v.split(';').next().unwrap().to_string()
        })
        .collect()
}

#[test]
fn digest_auth_flow() {
    let server = shared();
    let c = client();
    for (path, alg, qop) in [
        ("/digest-auth/auth/user/passwd", "MD5", Some("auth")),
        (
            "/digest-auth/AUTH/user/passwd/sha-256",
            "SHA-256",
            Some("auth"),
        ),
        (
            "/digest-auth/auth/user/passwd/SHA-512/never",
            "SHA-512",
            Some("auth"),
        ),
        ("/digest-auth/none/user/passwd/MD5", "MD5", None),
        (
            "/digest-auth/auth/user/passwd/sha-512-256/5",
            "SHA-512-256",
            Some("auth"),
        ),
    ] {
        let first = c.get(server.url(path)).send().unwrap();
        assert_eq!(first.status(), 401, "{path}");
        let ch = challenge_params(&first);
        assert_eq!(ch["realm"], "httpstatus");
        assert_eq!(ch["algorithm"], alg);
        assert_eq!(ch.get("qop").map(String::as_str), qop, "{path}");
        assert_eq!(ch["stale"], "FALSE");
        let stale_after = if path.ends_with("/5") { "5" } else { "never" };
        assert_eq!(
            set_cookies(&first),
            [
                format!("stale_after={stale_after}"),
                "fake=fake_value".into()
            ]
        );
        assert_named_error(first, 401, path);

        let ok = c
            .get(server.url(path))
            .header(
                "authorization",
                authorization(&ch, "user", "passwd", "GET", path, ""),
            )
            .send()
            .unwrap();
        assert_eq!(ok.status(), 200, "{path}");
        let v: Value = ok.json().unwrap();
        assert_eq!(
            v,
            serde_json::json!({"authenticated": true, "user": "user"})
        );

        let wrong = c
            .get(server.url(path))
            .header(
                "authorization",
                authorization(&ch, "user", "nope", "GET", path, ""),
            )
            .send()
            .unwrap();
        assert_eq!(wrong.status(), 401, "{path}");
        assert_ne!(
            challenge_params(&wrong)["nonce"],
            ch["nonce"],
            "a fresh nonce"
        );
        let other_user = c
            .get(server.url(path))
            .header(
                "authorization",
                authorization(&ch, "admin", "passwd", "GET", path, ""),
            )
            .send()
            .unwrap();
        assert_eq!(other_user.status(), 401, "{path}");
    }
    // auth-int covers the body.
    let path = "/digest-auth/auth-int/u/p/SHA-256";
    let ch = challenge_params(&c.post(server.url(path)).send().unwrap());
    assert_eq!(ch["qop"], "auth-int");
    let auth = authorization(&ch, "u", "p", "POST", path, "payload");
    let ok = c
        .post(server.url(path))
        .header("authorization", &auth)
        .body("payload")
        .send()
        .unwrap();
    assert_eq!(ok.status(), 200);
    let tampered = c
        .post(server.url(path))
        .header("authorization", &auth)
        .body("PAYLOAD")
        .send()
        .unwrap();
    assert_eq!(tampered.status(), 401);
    // HEAD answers as GET does.
    let head = c
        .head(server.url("/digest-auth/auth/user/passwd"))
        .send()
        .unwrap();
    assert_eq!(head.status(), 401);
    assert!(header_str(&head, "www-authenticate").starts_with("Digest realm="));
}

#[test]
fn digest_auth_goes_stale_after_n_uses() {
    let server = shared();
    let c = client();
    let path = "/digest-auth/auth/user/passwd/MD5/2";
    let first = c.get(server.url(path)).send().unwrap();
    assert_eq!(set_cookies(&first), ["stale_after=2", "fake=fake_value"]);
    let ch = challenge_params(&first);
    let auth = authorization(&ch, "user", "passwd", "GET", path, "");
    let send = |auth: &str, cookie: &str| {
        c.get(server.url(path))
            .header("authorization", auth)
            .header("cookie", cookie)
            .send()
            .unwrap()
    };
    let one = send(&auth, "stale_after=2; fake=fake_value");
    assert_eq!(one.status(), 200);
    assert_eq!(set_cookies(&one), ["fake=fake_value", "stale_after=1"]);
    let two = send(&auth, "stale_after=1; fake=fake_value");
    assert_eq!(two.status(), 200);
    assert_eq!(set_cookies(&two), ["fake=fake_value", "stale_after=0"]);
    // The third use of the nonce: stale.
    let three = send(&auth, "stale_after=0; fake=fake_value");
    assert_eq!(three.status(), 401);
    let fresh = challenge_params(&three);
    assert_eq!(fresh["stale"], "TRUE");
    let nonce = &ch["nonce"];
    assert_eq!(
        set_cookies(&three),
        [
            "stale_after=2",
            format!("last_nonce={nonce}").as_str(),
            "fake=fake_value"
        ]
    );
    // The old nonce stays stale; the fresh one works.
    let jar = format!("stale_after=2; last_nonce={nonce}; fake=fake_value");
    let again = send(&auth, &jar);
    assert_eq!(again.status(), 401);
    assert_eq!(challenge_params(&again)["stale"], "TRUE");
    let renewed = send(
        &authorization(&fresh, "user", "passwd", "GET", path, ""),
        &jar,
    );
    assert_eq!(renewed.status(), 200);
    assert_eq!(set_cookies(&renewed), ["fake=fake_value", "stale_after=1"]);

    // require-cookie: no cookies at all is a new challenge, a missing fake cookie a 403.
    let path = "/digest-auth/auth/user/passwd?require-cookie=1";
    let ch = challenge_params(&c.get(server.url(path)).send().unwrap());
    let auth = authorization(&ch, "user", "passwd", "GET", path, "");
    let res = c
        .get(server.url(path))
        .header("authorization", &auth)
        .send()
        .unwrap();
    assert_eq!(res.status(), 401);
    let res = c
        .get(server.url(path))
        .header("authorization", &auth)
        .header("cookie", "other=1")
        .send()
        .unwrap();
    assert!(assert_named_error(res, 403, "require-cookie").contains("fake"));
    let res = c
        .get(server.url(path))
        .header("authorization", &auth)
        .header("cookie", "fake=fake_value")
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
}

#[test]
fn digest_auth_bad_input() {
    let server = shared();
    let c = client();
    for (path, what) in [
        ("/digest-auth/bogus/u/p", "qop"),
        ("/digest-auth/auth/u/p/SHA-1", "algorithm"),
        ("/digest-auth/auth/u/p/MD5/x", "stale_after"),
        ("/digest-auth/auth/u/p/MD5/1001", "stale_after"),
    ] {
        let msg = assert_named_error(c.get(server.url(path)).send().unwrap(), 400, path);
        assert!(msg.contains(what), "{path}: {msg}");
    }
    let path = "/digest-auth/auth/user/passwd";
    let ch = challenge_params(&c.get(server.url(path)).send().unwrap());
    let good = authorization(&ch, "user", "passwd", "GET", path, "");
    for (auth, what) in [
        ("Digest username=\"user", "not closed"),
        ("Digest username", "no value"),
        ("Digest username=\"user\"", "realm"),
        (
            &good.replace("uri=\"/digest-auth", "uri=\"/elsewhere"),
            "uri",
        ),
        (
            &good.replace("algorithm=MD5", "algorithm=SHA-256"),
            "algorithm",
        ),
        (&good.replace("qop=auth", "qop=auth-int"), "qop"),
        (&good.replace("nc=00000001", "nc=1"), "nc"),
        (
            &good.replace("realm=\"httpstatus\"", "realm=\"other\""),
            "realm",
        ),
    ] {
        let res = c
            .get(server.url(path))
            .header("authorization", auth)
            .send()
            .unwrap();
        let msg = assert_named_error(res, 400, auth);
        assert!(msg.contains(what), "{auth}: {msg}");
    }
    // Another scheme is simply not Digest credentials: the challenge.
    let res = c
        .get(server.url(path))
        .header("authorization", "Basic dXNlcjpwYXNzd2Q=")
        .send()
        .unwrap();
    assert_eq!(res.status(), 401);
}

#[test]
fn digest_auth_with_curl() {
    let Some(curl) = httpstatus_testkit::program("curl", "curl") else {
        return;
    };
    let server = shared();
    for path in [
        "/digest-auth/auth/user/passwd",
        "/digest-auth/auth/user/passwd/SHA-256",
        "/digest-auth/none/user/passwd",
        // Not SHA-512-256: curl before 8.8 hashes it with SHA-256 (digest_auth_flow checks it).
        "/digest-auth/auth/user/passwd/md5-sess",
        "/digest-auth/auth/user/passwd/SHA-256-sess",
    ] {
        let out = Command::new(&curl)
            .args([
                "-sS",
                "--max-time",
                "20",
                "--digest",
                "-u",
                "user:passwd",
                "-w",
                "\n%{http_code}",
            ])
            .arg(server.url(path))
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{path}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.ends_with("\n200"), "{path}: {text}");
        assert!(text.contains("\"authenticated\": true"), "{path}: {text}");
        let out = Command::new(&curl)
            .args([
                "-sS",
                "--max-time",
                "20",
                "--digest",
                "-u",
                "user:wrong",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
            ])
            .arg(server.url(path))
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), "401", "{path}");
    }
}

// ---- WebSocket ----

fn ws_connect(server: &TestServer, target: &str) -> tungstenite::WebSocket<TcpStream> {
    let stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let url = format!("ws://{}{target}", server.addr);
    let (ws, res) = tungstenite::client::client(url.as_str(), stream).unwrap();
    assert_eq!(res.status().as_u16(), 101);
    ws
}

#[test]
fn websocket_echoes_and_closes() {
    use tungstenite::protocol::frame::coding::{CloseCode, Data, OpCode};
    use tungstenite::Message;

    let server = shared();
    let mut ws = ws_connect(server, "/websocket/echo");
    ws.send(Message::text("hello")).unwrap();
    assert_eq!(ws.read().unwrap(), Message::text("hello"));
    ws.send(Message::binary(vec![0u8, 1, 2, 255])).unwrap();
    assert_eq!(ws.read().unwrap(), Message::binary(vec![0u8, 1, 2, 255]));
    ws.send(Message::Ping(vec![7u8, 8].into())).unwrap();
    assert_eq!(ws.read().unwrap(), Message::Pong(vec![7u8, 8].into()));
    ws.close(None).unwrap();
    loop {
        match ws.read() {
            Ok(Message::Close(_)) => {}
            Ok(other) => panic!("unexpected {other:?}"),
            Err(tungstenite::Error::ConnectionClosed) => break,
            Err(e) => panic!("{e}"),
        }
    }

    // A message above max_message_size closes the connection with 1009.
    let mut ws = ws_connect(server, "/websocket/echo?max_message_size=64");
    ws.send(Message::text("x".repeat(64))).unwrap();
    assert_eq!(ws.read().unwrap(), Message::text("x".repeat(64)));
    ws.send(Message::binary(vec![1u8; 100])).unwrap();
    match ws.read().unwrap() {
        Message::Close(Some(frame)) => {
            assert_eq!(frame.code, CloseCode::Size);
            assert!(!frame.reason.is_empty());
        }
        other => panic!("expected a close frame, got {other:?}"),
    }

    // Fragments within max_fragment_size are joined; a whole message above
    // max_message_size closes with 1009 too.
    let mut ws = ws_connect(
        server,
        "/websocket/echo?max_fragment_size=40&max_message_size=64",
    );
    let part = |data: &str, opcode, fin| {
        Message::Frame(tungstenite::protocol::frame::Frame::message(
            data.as_bytes().to_vec(),
            opcode,
            fin,
        ))
    };
    let text = OpCode::Data(Data::Text);
    let more = OpCode::Data(Data::Continue);
    ws.send(part(&"a".repeat(30), text, false)).unwrap();
    ws.send(part(&"b".repeat(30), more, true)).unwrap();
    assert_eq!(
        ws.read().unwrap(),
        Message::text("a".repeat(30) + &"b".repeat(30))
    );
    ws.send(part(&"a".repeat(30), text, false)).unwrap();
    ws.send(part(&"b".repeat(30), more, false)).unwrap();
    ws.send(part(&"c".repeat(30), more, true)).unwrap();
    match ws.read().unwrap() {
        Message::Close(Some(frame)) => assert_eq!(frame.code, CloseCode::Size),
        other => panic!("expected a close frame, got {other:?}"),
    }
}

#[test]
fn websocket_refuses_text_that_is_not_utf8() {
    use tungstenite::protocol::frame::coding::{CloseCode, Data, OpCode};
    use tungstenite::protocol::frame::Frame;
    use tungstenite::Message;

    let mut ws = ws_connect(shared(), "/websocket/echo");
    let bad = Frame::message(vec![0xffu8, 0xfe], OpCode::Data(Data::Text), true);
    ws.send(Message::Frame(bad)).unwrap();
    match ws.read().unwrap() {
        Message::Close(Some(frame)) => assert_eq!(frame.code, CloseCode::Invalid),
        other => panic!("expected a close frame, got {other:?}"),
    }
}

#[test]
fn websocket_lifetime_is_bounded() {
    use tungstenite::protocol::frame::coding::CloseCode;
    use tungstenite::Message;

    let server = TestServer::with_config(httpstatus_server::Config {
        max_delay: Duration::from_millis(300),
        ..httpstatus_server::Config::default()
    });
    let mut ws = ws_connect(&server, "/websocket/echo");
    match ws.read().unwrap() {
        Message::Close(Some(frame)) => {
            assert_eq!(frame.code, CloseCode::Away);
            assert!(frame.reason.contains("--max-delay"), "{}", frame.reason);
        }
        other => panic!("expected a close frame, got {other:?}"),
    }
}

#[test]
fn websocket_refuses_bad_handshakes() {
    let server = shared();
    let c = client();
    let msg = assert_named_error(
        c.get(server.url("/websocket/echo")).send().unwrap(),
        400,
        "plain GET",
    );
    assert!(msg.contains("Upgrade"), "{msg}");
    assert_eq!(
        c.head(server.url("/websocket/echo"))
            .send()
            .unwrap()
            .status(),
        400
    );
    let res = c
        .get(server.url("/websocket/echo"))
        .header("connection", "Upgrade")
        .header("upgrade", "websocket")
        .header("sec-websocket-version", "8")
        .header("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==")
        .send()
        .unwrap();
    assert_eq!(header_str(&res, "sec-websocket-version"), "13");
    assert_named_error(res, 426, "version 8");
    let res = c.post(server.url("/websocket/echo")).send().unwrap();
    assert_eq!(header_str(&res, "allow"), "GET, HEAD, OPTIONS");
    assert_named_error(res, 405, "POST");
    for (q, what) in [
        ("max_message_size=0", "max_message_size"),
        ("max_message_size=2000000", "max_message_size"),
        (
            "max_fragment_size=100&max_message_size=10",
            "max_fragment_size",
        ),
    ] {
        let msg = assert_named_error(
            c.get(server.url(&format!("/websocket/echo?{q}")))
                .send()
                .unwrap(),
            400,
            q,
        );
        assert!(msg.contains(what), "{q}: {msg}");
    }
    // A raw upgrade request gets a real 101 with the RFC 6455 accept key.
    let mut s = TcpStream::connect(server.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(b"GET /websocket/echo HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && s.read(&mut byte).unwrap() == 1 {
        head.push(byte[0]);
    }
    let answer = String::from_utf8_lossy(&head).to_ascii_lowercase();
    assert!(answer.starts_with("http/1.1 101"), "{answer}");
    assert!(
        answer.contains("sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo="),
        "{answer}"
    );
}
