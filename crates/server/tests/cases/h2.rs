//! HTTP/2 and TLS against the real server: h2c with prior knowledge, HTTPS with a self-signed
//! certificate that the clients trust explicitly, ALPN choosing `h2` or `http/1.1`; the same
//! endpoints over every transport give the same status and body as over HTTP/1.1; curl and
//! nghttp as real clients; bad input (plain HTTP on the TLS port, garbage instead of a
//! ClientHello, too many concurrent streams, a huge header block) ends only what it should.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use httpstatus_server::{Config, TlsSettings};
use reqwest::blocking::{Client, ClientBuilder, Response};
use reqwest::Version;
use serde_json::Value;

use super::TestServer;

/// A cleartext server (HTTP/1.1 and h2c), started once.
fn plain() -> &'static TestServer {
    static SERVER: OnceLock<TestServer> = OnceLock::new();
    SERVER.get_or_init(TestServer::start)
}

/// A TLS server with a self-signed certificate, started once.
fn tls() -> &'static (TestServer, TlsSettings) {
    static SERVER: OnceLock<(TestServer, TlsSettings)> = OnceLock::new();
    SERVER.get_or_init(|| start_tls(TlsSettings::self_signed().unwrap(), test_config()))
}

fn test_config() -> Config {
    Config {
        max_delay: Duration::from_secs(3),
        ..Config::default()
    }
}

/// Starts a TLS server like [`TestServer::with_config`] does a cleartext one.
fn start_tls(settings: TlsSettings, config: Config) -> (TestServer, TlsSettings) {
    let config = Config {
        tls: Some(settings.clone()),
        ..config
    };
    let server = TestServer::spawn(config);
    let addr = server.addr;
    let ready = https_client(&settings, Transport::TlsH2)
        .get(format!("https://{addr}/healthz"))
        .timeout(Duration::from_secs(120))
        .send();
    assert!(
        ready.is_ok_and(|r| r.status().is_success()),
        "TLS server answers /healthz"
    );
    (server, settings)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Transport {
    /// HTTP/1.1 in cleartext.
    Http1,
    /// HTTP/2 in cleartext with prior knowledge.
    H2c,
    /// HTTPS, ALPN offering only `http/1.1`.
    TlsHttp1,
    /// HTTPS, ALPN offering `h2` and `http/1.1`.
    TlsH2,
}

impl Transport {
    fn version(self) -> Version {
        match self {
            Transport::Http1 | Transport::TlsHttp1 => Version::HTTP_11,
            Transport::H2c | Transport::TlsH2 => Version::HTTP_2,
        }
    }
}

fn builder() -> ClientBuilder {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
}

/// A client that trusts exactly the server's certificate (no built-in roots).
fn https_client(settings: &TlsSettings, transport: Transport) -> Client {
    let cert = reqwest::Certificate::from_der(settings.certificate_der()).unwrap();
    let b = builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .add_root_certificate(cert);
    match transport {
        Transport::TlsHttp1 => b.http1_only(),
        _ => b,
    }
    .build()
    .unwrap()
}

fn client_for(transport: Transport) -> (Client, String) {
    match transport {
        Transport::Http1 => (
            builder().http1_only().build().unwrap(),
            format!("http://{}", plain().addr),
        ),
        Transport::H2c => (
            builder().http2_prior_knowledge().build().unwrap(),
            format!("http://{}", plain().addr),
        ),
        Transport::TlsHttp1 | Transport::TlsH2 => {
            let (server, settings) = tls();
            (
                https_client(settings, transport),
                format!("https://{}", server.addr),
            )
        }
    }
}

/// What a response is compared on: status, content type and the body, with the echoed request
/// headers left out of JSON bodies (HTTP/2 clients send other headers) once `Host` is checked.
#[derive(Debug, PartialEq)]
struct Seen {
    status: u16,
    content_type: Option<String>,
    location: Option<String>,
    body: Vec<u8>,
    json: Option<Vec<Value>>,
}

fn seen(res: Response, host: &str, what: &str) -> Seen {
    let status = res.status().as_u16();
    let header = |name: &str| {
        res.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    };
    let content_type = header("content-type");
    let location = header("location");
    let body = res.bytes().unwrap().to_vec();
    let is_json = content_type
        .as_deref()
        .is_some_and(|t| t.starts_with("application/json"));
    let json = is_json.then(|| {
        let text = String::from_utf8(body.clone()).unwrap();
        // One document, or JSON lines (/stream/{n}).
        let docs: Vec<Value> = match serde_json::from_str::<Value>(&text) {
            Ok(v) => vec![v],
            Err(_) => text
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect(),
        };
        docs.into_iter()
            .map(|mut v| {
                if let Some(headers) = v.get_mut("headers").and_then(Value::as_object_mut) {
                    assert_eq!(
                        headers.get("Host").and_then(Value::as_str),
                        Some(host),
                        "{what}"
                    );
                    headers.clear();
                }
                v
            })
            .collect()
    });
    Seen {
        status,
        content_type,
        location,
        body: if json.is_some() { Vec::new() } else { body },
        json,
    }
}

/// One request of the matrix: method, path, request headers, body.
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
    usize,
);

const CASES: &[Case] = &[
    ("GET", "/get?a=1", &[], 0),
    ("POST", "/post", &[("content-type", "text/plain")], 1000),
    ("GET", "/status/418", &[], 0),
    ("GET", "/status/204", &[], 0),
    ("HEAD", "/get", &[], 0),
    ("HEAD", "/status/418", &[], 0),
    ("GET", "/redirect/2", &[], 0),
    ("GET", "/range/100", &[("range", "bytes=10-19")], 0),
    ("GET", "/range/100", &[], 0),
    ("GET", "/gzip", &[], 0),
    ("GET", "/stream/3", &[], 0),
    ("GET", "/drip?duration=0&numbytes=10&code=200", &[], 0),
    ("GET", "/codes/404", &[("accept-language", "en")], 0),
    ("GET", "/api/v1/codes/404", &[], 0),
    // Over the 1 MiB body limit.
    (
        "POST",
        "/post",
        &[("content-type", "text/plain")],
        2 * 1024 * 1024,
    ),
    // Fast-path answers with longer bodies (sent from the connection's task over HTTP/2).
    ("GET", "/codes/404", &[], 0),
    ("GET", "/503", &[], 0),
];

fn run(transport: Transport, case: &Case) -> Seen {
    let (client, base) = client_for(transport);
    let (method, path, headers, body) = *case;
    let mut req = client.request(method.parse().unwrap(), format!("{base}{path}"));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    if body > 0 {
        req = req.body(vec![b'x'; body]);
    }
    let what = format!("{transport:?} {method} {path} ({body} bytes)");
    let res = req.send().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(res.version(), transport.version(), "{what}");
    let host = base.split_once("://").unwrap().1;
    seen(res, host, &what)
}

fn same_as_http1(baseline: Transport, other: Transport) {
    for case in CASES {
        let want = run(baseline, case);
        let got = run(other, case);
        assert_eq!(got, want, "{other:?} against {baseline:?}: {case:?}");
    }
}

/// The fast path's answers over HTTP/2, which the connection's task sends itself: the head from
/// `http2::prepare`, then the whole body; and many on one connection, several streams at once.
/// Only a plain request takes the fast path: curl without its `Accept: */*`, and h2load (reqwest
/// and nghttp send `Accept` and go to the router).
#[test]
fn fast_answers_over_h2_carry_date_and_length() {
    let Some(curl) = curl() else {
        return;
    };
    let base = format!("http://{}", plain().addr);
    let paths = ["/status/418", "/codes/404", "/api/v1/codes/404", "/503"];
    let dir = std::env::temp_dir().join(format!("httpstatus-h2-fast-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // The head's fields but `date` (sorted) and the body, of `path` asked with `args`.
    let fetch = |path: &str, args: &[&str]| {
        let (file, head) = (dir.join("body"), dir.join("head"));
        let (file_arg, head_arg) = (file.display().to_string(), head.display().to_string());
        let url = format!("{base}{path}");
        let mut all = vec![
            "-sS",
            "--http2-prior-knowledge",
            "-D",
            &head_arg,
            "-o",
            &file_arg,
        ];
        all.extend_from_slice(args);
        all.push(&url);
        run_tool(&curl, &all);
        let head = std::fs::read_to_string(&head).unwrap();
        let body = std::fs::read(&file).unwrap();
        (head, body)
    };
    let fields = |head: &str| {
        let mut f: Vec<String> = head
            .lines()
            .skip(1)
            .filter(|l| !l.is_empty() && !l.starts_with("date:"))
            .map(str::to_string)
            .collect();
        f.sort();
        f
    };
    for path in paths.iter().chain(&["/status/204"]) {
        let (head, body) = fetch(path, &["-H", "Accept:"]);
        let field = |name: &str| {
            head.lines()
                .find_map(|l| l.strip_prefix(name))
                .map(str::trim)
                .unwrap_or_else(|| panic!("{path}: no {name} in {head}"))
        };
        assert!(head.starts_with("HTTP/2 "), "{path}: {head}");
        assert!(
            httpdate::parse_http_date(field("date:")).is_ok(),
            "{path}: {head}"
        );
        assert!(!head.contains("connection:"), "{path}: {head}");
        if *path == "/status/204" {
            assert!(head.starts_with("HTTP/2 204"), "{head}");
            assert!(
                body.is_empty() && !head.contains("content-length:"),
                "{head}"
            );
        } else {
            let length: usize = field("content-length:").parse().unwrap();
            assert_eq!(
                body.len(),
                length,
                "{path}: Content-Length matches the body"
            );
            assert!(body.len() > 10, "{path}");
        }
        // The router's answer (curl's own `Accept: */*` keeps the request off the fast path)
        // has the very same fields and body.
        let (router_head, router_body) = fetch(path, &[]);
        assert_eq!(fields(&head), fields(&router_head), "{path}");
        assert_eq!(body, router_body, "{path}");
        // HEAD: the fields of GET but the body's length, and no body (with `-I` curl writes
        // the head to the output too: nothing follows it).
        let (head_head, head_body) = fetch(path, &["-H", "Accept:", "-I"]);
        assert_eq!(head_body, head_head.as_bytes(), "{path}: HEAD has no body");
        let without_length = |f: Vec<String>| {
            f.into_iter()
                .filter(|l| !l.starts_with("content-length:"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            without_length(fields(&head_head)),
            without_length(fields(&head)),
            "{path}: HEAD"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    let Some(h2load) = httpstatus_testkit::program("h2load", "nghttp2-client") else {
        return;
    };
    for (path, class) in paths.iter().zip(["4xx", "2xx", "2xx", "5xx"]) {
        // 40 requests, one connection, up to 8 streams at once.
        let url = format!("{base}{path}");
        let (out, _) = run_tool(&h2load, &["-n", "40", "-c", "1", "-m", "8", &url]);
        assert!(
            out.contains("40 done") && out.contains(" 0 errored"),
            "h2load {path}: every request answered: {out}"
        );
        let codes = out
            .lines()
            .find(|l| l.starts_with("status codes:"))
            .unwrap_or_else(|| panic!("h2load {path}: {out}"));
        assert!(
            codes.contains(&format!("40 {class}")),
            "h2load {path}: all {class}: {codes}"
        );
    }
}

#[test]
fn h2c_prior_knowledge_answers_as_http1_does() {
    same_as_http1(Transport::Http1, Transport::H2c);
    // Spot checks that the comparison compares something.
    let got = run(Transport::H2c, &CASES[0]);
    assert_eq!(got.status, 200);
    assert_eq!(got.json.as_ref().unwrap()[0]["args"]["a"], "1");
    let post = run(Transport::H2c, &CASES[1]);
    assert_eq!(post.json.as_ref().unwrap()[0]["data"], "x".repeat(1000));
    assert_eq!(run(Transport::H2c, &CASES[7]).status, 206);
    assert_eq!(run(Transport::H2c, &CASES[7]).body, b"klmnopqrst");
    assert_eq!(run(Transport::H2c, &CASES[10]).json.unwrap().len(), 3);
    assert_eq!(run(Transport::H2c, &CASES[14]).status, 413);
}

#[test]
fn https_answers_as_http1_does_over_both_alpn_protocols() {
    same_as_http1(Transport::TlsHttp1, Transport::TlsH2);
    // And over TLS the server knows the scheme, on both protocols.
    for transport in [Transport::TlsHttp1, Transport::TlsH2] {
        let got = run(transport, &CASES[0]);
        let url = got.json.unwrap()[0]["url"].as_str().unwrap().to_string();
        assert_eq!(
            url,
            format!("https://{}/get?a=1", tls().0.addr),
            "{transport:?}"
        );
    }
    assert_eq!(run(Transport::TlsH2, &CASES[14]).status, 413);
}

#[test]
fn alpn_negotiates_h2_or_http11() {
    let (server, settings) = tls();
    let url = format!("https://{}/status/418", server.addr);
    let h2 = https_client(settings, Transport::TlsH2)
        .get(&url)
        .send()
        .unwrap();
    assert_eq!(h2.version(), Version::HTTP_2);
    assert_eq!(h2.status(), 418);
    let h1 = https_client(settings, Transport::TlsHttp1)
        .get(&url)
        .send()
        .unwrap();
    assert_eq!(h1.version(), Version::HTTP_11);
    assert_eq!(h1.status(), 418);
    // A client that does not trust the certificate refuses it: the trust above is real.
    let strict = builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .build()
        .unwrap();
    assert!(strict.get(&url).send().is_err());
}

#[test]
fn http11_behaviour_is_kept_next_to_h2() {
    // Reason phrases and Title-Case names over HTTP/1.1, 505 for an HTTP/2.0 request line,
    // and the connection still serves HTTP/1.1 after the auto builder chose it.
    let server = plain();
    let out = super::raw(
        server.addr,
        "GET /status/418 HTTP/1.1\r\nHost: t\r\n\r\nGET /get HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
    );
    assert!(out.starts_with("HTTP/1.1 418 "), "{out}");
    assert!(out.contains("\r\nContent-Type: "), "{out}");
    assert_eq!(out.matches("HTTP/1.1 200 OK\r\n").count(), 1, "{out}");
    let out = super::raw(server.addr, "GET / HTTP/2.0\r\nHost: t\r\n\r\n");
    assert!(out.starts_with("HTTP/1.1 505 "), "{out}");
    // Upgrade: h2c is accepted with a 101 (then HTTP/2: see curl_speaks_h2c_and_https); a request
    // with a body is served over HTTP/1.1 and the header ignored.
    let out = super::raw(
        server.addr,
        "GET /get HTTP/1.1\r\nHost: t\r\nConnection: Upgrade, HTTP2-Settings, close\r\n\
         Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n",
    );
    assert!(
        out.starts_with("HTTP/1.1 101 Switching Protocols\r\n"),
        "{out}"
    );
    assert!(out.contains("\r\nUpgrade: h2c\r\n"), "{out}");
    let out = super::raw(
        server.addr,
        "POST /post HTTP/1.1\r\nHost: t\r\nConnection: Upgrade, HTTP2-Settings, close\r\n\
         Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\nContent-Length: 3\r\n\r\na=1",
    );
    assert!(out.starts_with("HTTP/1.1 200 OK\r\n"), "{out}");
}

// ---- curl and nghttp ----

fn curl() -> Option<PathBuf> {
    httpstatus_testkit::program("curl", "curl")
}

/// Runs curl with `args`; returns (stdout, stderr); panics when curl fails.
fn run_tool(program: &PathBuf, args: &[&str]) -> (String, String) {
    let out = Command::new(program).args(args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "{} {args:?}: {stdout}\n{stderr}",
        program.display()
    );
    (stdout, stderr)
}

#[test]
fn curl_speaks_h2c_and_https() {
    let Some(curl) = curl() else { return };
    let plain = format!("http://{}", plain().addr);
    let (server, settings) = tls();
    let https = format!("https://{}", server.addr);
    let fmt = "%{http_version} %{http_code}";
    let check = |args: &[&str], url: String, want: &str| {
        let mut all = vec!["-sS", "--max-time", "20", "-o", "/dev/null", "-w", fmt];
        all.extend_from_slice(args);
        all.push(&url);
        let (out, _) = run_tool(&curl, &all);
        assert_eq!(out, want, "curl {args:?} {url}");
    };
    check(
        &["--http2-prior-knowledge"],
        format!("{plain}/status/418"),
        "2 418",
    );
    check(
        &["--http2-prior-knowledge"],
        format!("{plain}/stream/3"),
        "2 200",
    );
    // --http2 on http:// asks for Upgrade: h2c: 101, then the answer on stream 1 over HTTP/2,
    // then further requests on the same connection.
    check(&["--http2"], format!("{plain}/status/418"), "2 418");
    let (_, err) = run_tool(
        &curl,
        &[
            "-sS",
            "-v",
            "--http2",
            "--max-time",
            "20",
            "-o",
            "/dev/null",
            &format!("{plain}/get"),
            "-o",
            "/dev/null",
            &format!("{plain}/status/204"),
        ],
    );
    assert!(err.contains("< HTTP/1.1 101 Switching Protocols"), "{err}");
    assert!(err.contains("< HTTP/2 200"), "{err}");
    assert!(err.contains("< HTTP/2 204"), "{err}");
    // A request with a body is not upgraded (RFC 7540 §3.2 would need it read first): HTTP/1.1.
    check(
        &["--http2", "-d", "a=1"],
        format!("{plain}/post"),
        "1.1 200",
    );
    check(&["-k"], format!("{https}/status/418"), "2 418");
    check(
        &["-k", "--http1.1"],
        format!("{https}/status/418"),
        "1.1 418",
    );
    check(&["-k", "-I"], format!("{https}/get"), "2 200");
    // Verified against the certificate itself, not -k: valid for 127.0.0.1.
    let pem = std::env::temp_dir().join(format!("httpstatus-h2-{}.pem", std::process::id()));
    std::fs::write(&pem, settings.certificate_pem()).unwrap();
    check(
        &["--cacert", pem.to_str().unwrap()],
        format!("{https}/status/204"),
        "2 204",
    );
    let _ = std::fs::remove_file(&pem);
    // A header block over the limit: 431 on that stream.
    let big = format!("X-Big: {}", "a".repeat(20 * 1024));
    check(
        &["--http2-prior-knowledge", "-H", &big],
        format!("{plain}/get"),
        "2 431",
    );
    // Plain HTTP on the TLS port: a 400 that says so.
    let (body, _) = run_tool(
        &curl,
        &[
            "-sS",
            "--max-time",
            "20",
            &format!("http://{}/get", server.addr),
        ],
    );
    assert!(body.contains("this port speaks HTTPS"), "{body}");
}

#[test]
fn nghttp_speaks_h2c_and_https() {
    let Some(nghttp) = httpstatus_testkit::program("nghttp", "nghttp2-client") else {
        return;
    };
    let plain = format!("http://{}", plain().addr);
    let https = format!("https://{}", tls().0.addr);
    // -n: discard bodies; -v: frames and headers. Several requests on one connection.
    let (out, _) = run_tool(
        &nghttp,
        &[
            "-nv",
            "-t",
            "20",
            &format!("{plain}/status/418"),
            &format!("{plain}/get"),
            &format!("{plain}/stream/3"),
        ],
    );
    assert_eq!(out.matches(":status: 418").count(), 1, "{out}");
    assert_eq!(out.matches(":status: 200").count(), 2, "{out}");
    let (out, _) = run_tool(
        &nghttp,
        &[
            "-nv",
            "-t",
            "20",
            &format!("{https}/drip?duration=0&numbytes=5"),
        ],
    );
    assert!(out.contains("The negotiated protocol: h2"), "{out}");
    assert!(out.contains(":status: 200"), "{out}");
    // nghttp -u asks for Upgrade: h2c: the 101, then HTTP/2 with the answer on stream 1.
    let (out, _) = run_tool(
        &nghttp,
        &[
            "-nuv",
            "-t",
            "20",
            &format!("{plain}/status/418"),
            &format!("{plain}/get"),
        ],
    );
    assert!(out.contains("HTTP Upgrade response"), "{out}");
    assert!(out.contains("HTTP Upgrade success"), "{out}");
    assert!(out.contains("recv (stream_id=1) :status: 418"), "{out}");
    assert_eq!(out.matches(":status: 200").count(), 1, "{out}");
}

// ---- bad input ----

/// A `GET /get` on another connection: the server still answers others.
fn others_still_served() {
    let (client, base) = client_for(Transport::H2c);
    let res = client.get(format!("{base}/get")).send().unwrap();
    assert_eq!(res.status(), 200);
    let (client, base) = client_for(Transport::TlsH2);
    let res = client.get(format!("{base}/get")).send().unwrap();
    assert_eq!(res.status(), 200);
}

fn read_all(mut s: TcpStream) -> Vec<u8> {
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    out
}

#[test]
fn plain_http_on_the_tls_port_gets_a_400() {
    let addr = tls().0.addr;
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(b"GET /get HTTP/1.1\r\nHost: t\r\n\r\n")
        .unwrap();
    let out = String::from_utf8_lossy(&read_all(s)).into_owned();
    assert!(out.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{out}");
    assert!(out.contains("https://"), "{out}");
    others_still_served();
}

#[test]
fn garbage_instead_of_a_client_hello_ends_that_connection_only() {
    let addr = tls().0.addr;
    for garbage in [
        // A handshake record header announcing a huge message, then junk.
        &b"\x16\x03\x01\xff\xffgarbage garbage garbage"[..],
        // A handshake record with a malformed ClientHello.
        &b"\x16\x03\x01\x00\x08\x01\x00\x00\x04\xde\xad\xbe\xef"[..],
        // Binary junk.
        &[0u8, 1, 2, 3, 0xff, 0xfe, 0x80, 0x16][..],
    ] {
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(garbage).unwrap();
        let _ = s.shutdown(std::net::Shutdown::Write);
        let out = read_all(s);
        // Nothing but, at most, a TLS alert record (content type 21), then the close.
        assert!(out.is_empty() || out[0] == 21, "{garbage:?}: {out:?}");
        assert!(!String::from_utf8_lossy(&out).contains("HTTP/"), "{out:?}");
    }
    others_still_served();
}

// A raw HTTP/2 client, for what well-behaved client libraries will not send.

const PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
const DATA: u8 = 0x0;
const HEADERS: u8 = 0x1;
const PING: u8 = 0x6;
const RST_STREAM: u8 = 0x3;
const SETTINGS: u8 = 0x4;
const GOAWAY: u8 = 0x7;
const CONTINUATION: u8 = 0x9;
const END_STREAM: u8 = 0x1;
const END_HEADERS: u8 = 0x4;
const REFUSED_STREAM: u32 = 0x7;

fn frame(kind: u8, flags: u8, stream: u32, payload: &[u8]) -> Vec<u8> {
    let len = u32::try_from(payload.len()).unwrap();
    let mut f = len.to_be_bytes()[1..].to_vec();
    f.extend_from_slice(&[kind, flags]);
    f.extend_from_slice(&stream.to_be_bytes());
    f.extend_from_slice(payload);
    f
}

/// HPACK string literal, not Huffman-coded, with its length as an HPACK integer (7-bit prefix).
fn hpack_str(out: &mut Vec<u8>, s: &[u8]) {
    let mut n = s.len();
    if n < 127 {
        out.push(u8::try_from(n).unwrap());
    } else {
        out.push(127);
        n -= 127;
        while n >= 128 {
            out.push(u8::try_from(n % 128).unwrap() | 0x80);
            n /= 128;
        }
        out.push(u8::try_from(n).unwrap());
    }
    out.extend_from_slice(s);
}

/// A GET header block: static-table `:method GET` and `:scheme http`, literal `:path` and
/// `:authority` (indexed names), and optional extra literal fields, all without indexing.
fn get_block(path: &str, authority: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    let mut b = vec![0x82, 0x86];
    b.push(0x04); // :path, literal without indexing
    hpack_str(&mut b, path.as_bytes());
    b.push(0x01); // :authority
    hpack_str(&mut b, authority.as_bytes());
    for (name, value) in extra {
        b.push(0x00);
        hpack_str(&mut b, name.as_bytes());
        hpack_str(&mut b, value.as_bytes());
    }
    b
}

struct RawH2 {
    s: TcpStream,
}

impl RawH2 {
    /// Connects with prior knowledge and settles SETTINGS.
    fn connect(addr: SocketAddr) -> RawH2 {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s.write_all(PREFACE).unwrap();
        s.write_all(&frame(SETTINGS, 0, 0, &[])).unwrap();
        let mut c = RawH2 { s };
        loop {
            let (kind, flags, _, _) = c.read().expect("server SETTINGS");
            if kind == SETTINGS && flags & 1 == 0 {
                c.s.write_all(&frame(SETTINGS, 1, 0, &[])).unwrap();
                return c;
            }
        }
    }

    /// The next frame, `None` at the end of the connection.
    fn read(&mut self) -> Option<(u8, u8, u32, Vec<u8>)> {
        let mut head = [0u8; 9];
        self.s.read_exact(&mut head).ok()?;
        let len = u32::from_be_bytes([0, head[0], head[1], head[2]]) as usize;
        let stream = u32::from_be_bytes([head[5], head[6], head[7], head[8]]) & 0x7fff_ffff;
        let mut payload = vec![0u8; len];
        self.s.read_exact(&mut payload).ok()?;
        Some((head[3], head[4], stream, payload))
    }

    fn send(&mut self, bytes: &[u8]) {
        self.s.write_all(bytes).unwrap();
    }

    /// Reads until `stream` gets a HEADERS frame (returns its block) or a reset (returns the
    /// error code as `Err`).
    fn answer(&mut self, stream: u32) -> Result<Vec<u8>, u32> {
        loop {
            let (kind, _, id, payload) = self.read().expect("an answer before the close");
            assert_ne!(kind, GOAWAY, "the connection is kept: {payload:?}");
            if id != stream {
                continue;
            }
            match kind {
                HEADERS => return Ok(payload),
                RST_STREAM => {
                    return Err(u32::from_be_bytes(payload[..4].try_into().unwrap()));
                }
                _ => {}
            }
        }
    }
}

#[test]
fn streams_over_the_limit_are_refused_and_the_rest_served() {
    let server = plain();
    let authority = server.addr.to_string();
    let mut h2 = RawH2::connect(server.addr);
    // 110 streams at once, each held open for 2 s by the server; the limit is 100.
    let mut all = Vec::new();
    let ids: Vec<u32> = (0..110).map(|i| 1 + 2 * i).collect();
    for id in &ids {
        let block = get_block("/delay/2", &authority, &[]);
        all.extend(frame(HEADERS, END_STREAM | END_HEADERS, *id, &block));
    }
    h2.send(&all);
    // Meanwhile other clients are served.
    others_still_served();
    let (mut answered, mut refused) = (0, 0);
    let mut done = std::collections::HashSet::new();
    while done.len() < ids.len() {
        let (kind, _, id, payload) = h2.read().expect("every stream answered or refused");
        assert_ne!(kind, GOAWAY, "the connection is kept: {payload:?}");
        match kind {
            HEADERS if done.insert(id) => answered += 1,
            RST_STREAM if done.insert(id) => {
                let code = u32::from_be_bytes(payload[..4].try_into().unwrap());
                assert_eq!(code, REFUSED_STREAM, "stream {id}");
                refused += 1;
            }
            _ => {}
        }
    }
    assert_eq!((answered, refused), (100, 10));
    // The same connection takes new streams once the others are done.
    let next = 1 + 2 * 110;
    h2.send(&frame(
        HEADERS,
        END_STREAM | END_HEADERS,
        next,
        &get_block("/status/418", &authority, &[]),
    ));
    assert!(h2.answer(next).is_ok());
}

/// `431` as HPACK Huffman code ('4' 011010, '3' 011001, '1' 00001, padded with ones), with the
/// string-length byte (Huffman flag, length 3) before it; the server Huffman-codes all values.
const STATUS_431: [u8; 4] = [0x83, 0x69, 0x90, 0xff];

#[test]
fn a_huge_header_block_is_refused_with_431() {
    let server = plain();
    let authority = server.addr.to_string();
    let mut h2 = RawH2::connect(server.addr);
    let big = "a".repeat(40 * 1024);
    let block = get_block("/get", &authority, &[("x-big", &big)]);
    // HEADERS then CONTINUATION frames of at most 16 KiB (the default frame size).
    let chunks: Vec<&[u8]> = block.chunks(16 * 1024).collect();
    let mut bytes = Vec::new();
    for (i, chunk) in chunks.iter().enumerate() {
        let last = i + 1 == chunks.len();
        let (kind, flags) = if i == 0 {
            (HEADERS, END_STREAM | if last { END_HEADERS } else { 0 })
        } else {
            (CONTINUATION, if last { END_HEADERS } else { 0 })
        };
        bytes.extend(frame(kind, flags, 1, chunk));
    }
    h2.send(&bytes);
    let answer = h2.answer(1).expect("a 431 answer");
    assert!(
        answer.windows(4).any(|w| w == STATUS_431),
        "431 in the answer's header block: {answer:02x?}"
    );
    // The connection goes on: a normal request on the next stream is answered.
    h2.send(&frame(
        HEADERS,
        END_STREAM | END_HEADERS,
        3,
        &get_block("/status/418", &authority, &[]),
    ));
    let answer = h2.answer(3).expect("an answer on stream 3");
    assert!(!answer.windows(4).any(|w| w == STATUS_431));
    others_still_served();
}

#[test]
fn an_invalid_authority_gets_the_400_a_bad_host_gets() {
    // Without a `Host` header, `:authority` stands for it (RFC 9113 §8.3.1): the fast path must
    // check it as the router checks `Host`, and leave a bad one to the router's 400.
    let server = plain();
    let mut h2 = RawH2::connect(server.addr);
    let cases = [
        ("user@127.0.0.1", true),
        ("127.0.0.1:99999", true),
        (&*server.addr.to_string(), false),
        ("example.com:8080", false),
    ];
    for (i, (authority, bad)) in cases.into_iter().enumerate() {
        let stream = 1 + 2 * u32::try_from(i).unwrap();
        h2.send(&frame(
            HEADERS,
            END_STREAM | END_HEADERS,
            stream,
            &get_block("/status/418", authority, &[]),
        ));
        let block = h2.answer(stream).expect("an answer");
        // `:status: 400` is entry 12 of HPACK's static table: the block starts with 0x8c.
        assert_eq!(
            block.first() == Some(&0x8c),
            bad,
            "{authority}: {block:02x?}"
        );
    }
}

#[test]
fn the_self_signed_certificate_names_localhost_and_loopback() {
    let (server, settings) = tls();
    assert!(settings.is_self_signed());
    assert_eq!(settings.fingerprint().len(), 95);
    // The name the client checks is "localhost" here, at the same address.
    let res = builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .add_root_certificate(reqwest::Certificate::from_der(settings.certificate_der()).unwrap())
        .resolve("localhost", server.addr)
        .build()
        .unwrap()
        .get(format!(
            "https://localhost:{}/status/418",
            server.addr.port()
        ))
        .send()
        .unwrap();
    assert_eq!(res.status(), 418);
    assert_eq!(res.version(), Version::HTTP_2);
}

#[test]
fn a_partial_preface_or_handshake_is_cut_off_at_the_header_timeout() {
    let config = Config {
        header_read_timeout: Duration::from_secs(1),
        ..test_config()
    };
    let plain = TestServer::with_config(config.clone());
    let (tls, _) = start_tls(TlsSettings::self_signed().unwrap(), config);
    let starts: [(SocketAddr, &[u8]); 4] = [
        (plain.addr, b""),
        (plain.addr, &PREFACE[..20]),
        (tls.addr, b""),
        // The first bytes of a TLS record header, the rest never sent.
        (tls.addr, b"\x16\x03\x01"),
    ];
    for (addr, start) in starts {
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(start).unwrap();
        // The server closes it (a read timeout of 20 s here would fail the test instead).
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut buf = [0u8; 64];
        match s.read(&mut buf) {
            Ok(n) => assert!(n == 0 || buf[0] == 21, "{start:?}: {:?}", &buf[..n]),
            Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{start:?}"),
        }
    }
    // An HTTP/2 connection that stays idle after a request gets GOAWAY, then the close.
    let mut h2 = RawH2::connect(plain.addr);
    let authority = plain.addr.to_string();
    h2.send(&frame(
        HEADERS,
        END_STREAM | END_HEADERS,
        1,
        &get_block("/status/418", &authority, &[]),
    ));
    assert!(h2.answer(1).is_ok());
    let mut goaway = false;
    while let Some((kind, ..)) = h2.read() {
        goaway |= kind == GOAWAY;
    }
    assert!(goaway, "GOAWAY before the close");
}

// ---- interim responses, flow control, resets and trailers over HTTP/2 ----

#[test]
fn interim_responses_go_out_over_h2_too() {
    let Some(curl) = curl() else { return };
    let plain = format!("http://{}", plain().addr);
    let https = format!("https://{}", tls().0.addr);
    for (args, base) in [(["--http2-prior-knowledge"], &plain), (["-k"], &https)] {
        let url = format!("{base}/status/103?final=201&header=Link:%3C/a.js%3E;%20rel=preload");
        let mut all = vec!["-sS", "-v", "--max-time", "20", "-o", "/dev/null"];
        all.extend_from_slice(&args);
        all.push(&url);
        let (_, err) = run_tool(&curl, &all);
        let early = err
            .find("< HTTP/2 103")
            .unwrap_or_else(|| panic!("a 103: {err}"));
        let last = err
            .find("< HTTP/2 201")
            .unwrap_or_else(|| panic!("a 201: {err}"));
        assert!(early < last, "103 before 201: {err}");
        let hint = err[early..last].to_ascii_lowercase();
        assert!(hint.contains("< link: </a.js>; rel=preload"), "{err}");
        assert!(
            err.contains("103 Early Hints was sent before this response"),
            "{err}"
        );
    }
    let Some(nghttp) = httpstatus_testkit::program("nghttp", "nghttp2-client") else {
        return;
    };
    let (out, _) = run_tool(
        &nghttp,
        &["-nv", "-t", "20", &format!("{plain}/status/102?final=204")],
    );
    let interim = out.find(":status: 102").unwrap_or_else(|| panic!("{out}"));
    let last = out.find(":status: 204").unwrap_or_else(|| panic!("{out}"));
    assert!(interim < last, "{out}");
}

#[test]
fn a_request_body_larger_than_the_window_is_read_whole() {
    let server = TestServer::with_config(Config {
        max_body_bytes: 4 * 1024 * 1024,
        ..test_config()
    });
    let client = builder().http2_prior_knowledge().build().unwrap();
    // Three times the 1 MiB stream window: the server must give credit back as it reads.
    let body = "x".repeat(3 * 1024 * 1024);
    let res = client
        .post(format!("http://{}/anything", server.addr))
        .header("content-type", "text/plain")
        .body(body.clone())
        .send()
        .unwrap();
    assert_eq!(res.version(), Version::HTTP_2);
    assert_eq!(res.status(), 200);
    let json: Value = res.json().unwrap();
    assert_eq!(json["data"].as_str().map(str::len), Some(body.len()));
    // Over the limit: 413, and the connection's next request is served.
    let res = client
        .post(format!("http://{}/anything", server.addr))
        .body("y".repeat(5 * 1024 * 1024))
        .send()
        .unwrap();
    assert_eq!(res.status(), 413);
    let res = client
        .get(format!("http://{}/get", server.addr))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
}

#[test]
fn trailers_arrive_after_the_body_on_h2() {
    let mut h2 = RawH2::connect(plain().addr);
    let authority = plain().addr.to_string();
    h2.send(&frame(
        HEADERS,
        0x4 | 0x1,
        1,
        &get_block("/trailers?X-Checksum=abc", &authority, &[]),
    ));
    // HEADERS (the response), DATA, then HEADERS with END_STREAM (the trailers).
    let mut kinds = Vec::new();
    loop {
        let (kind, flags, id, _) = h2.read().expect("the whole answer");
        if id != 1 || !matches!(kind, HEADERS | DATA) {
            continue;
        }
        kinds.push(kind);
        if flags & 0x1 != 0 {
            break;
        }
    }
    assert_eq!(kinds.first(), Some(&HEADERS), "{kinds:?}");
    assert_eq!(
        kinds.last(),
        Some(&HEADERS),
        "trailers end the stream: {kinds:?}"
    );
    assert!(kinds.contains(&DATA), "{kinds:?}");
}

#[test]
fn a_reset_stream_is_abandoned_and_the_connection_goes_on() {
    let mut h2 = RawH2::connect(plain().addr);
    let authority = plain().addr.to_string();
    // A slow answer, cancelled by the client before it comes.
    h2.send(&frame(
        HEADERS,
        0x4 | 0x1,
        1,
        &get_block("/delay/2", &authority, &[]),
    ));
    h2.send(&frame(RST_STREAM, 0, 1, &8u32.to_be_bytes()));
    h2.send(&frame(
        HEADERS,
        0x4 | 0x1,
        3,
        &get_block("/get", &authority, &[]),
    ));
    assert!(h2.answer(3).is_ok());
    // Nothing more comes for stream 1 within the delay and after it: a PING proves the
    // connection is alive and all that came before it has been read.
    std::thread::sleep(Duration::from_millis(2500));
    h2.send(&frame(PING, 0, 0, b"12345678"));
    loop {
        let (kind, flags, id, payload) = h2.read().expect("the PING answered");
        assert!(
            !(id == 1 && matches!(kind, HEADERS | DATA)),
            "a cancelled stream got an answer"
        );
        if kind == PING && flags & 1 == 1 {
            assert_eq!(payload, b"12345678");
            break;
        }
    }
}
