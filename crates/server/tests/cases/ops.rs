//! Operations: health, metrics, connection limits, idle clients and graceful shutdown.

use std::io::Read;
use std::net::TcpStream;
use std::time::Duration;

use httpstatus_server::Config;
use serde_json::Value;

use super::{client, raw, TestServer};

/// The server's `/metrics` text.
fn metrics(c: &reqwest::blocking::Client, server: &TestServer) -> String {
    c.get(server.url("/metrics"))
        .send()
        .unwrap()
        .text()
        .unwrap()
}

#[test]
fn health_and_metrics() {
    let server = TestServer::start();
    let c = client();
    let v: Value = c
        .get(server.url("/healthz"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(v["status"], "ok");
    assert_eq!(v["codes"], httpstatus_codes::entries().len());
    for _ in 0..3 {
        c.get(server.url("/status/503")).send().unwrap();
    }
    let text = metrics(&c, &server);
    let line = text
        .lines()
        .find(|l| {
            l.starts_with("httpstatus_http_requests_total")
                && l.contains("route=\"/status/{codes}\"")
                && l.contains("status=\"503\"")
        })
        .unwrap_or_else(|| panic!("a request counter by route template and status:\n{text}"));
    assert!(line.ends_with(" 3"), "{line}");
    assert!(text.contains("httpstatus_http_request_duration_seconds_bucket"));
    assert!(
        !text.contains("route=\"/api/v1/codes/{*id}\""),
        "no series for a route nobody asked:\n{text}"
    );
}

/// The fast path (plain GET and HEAD of `/status/{code}`, `/{code}`, code pages) counts into the
/// same series as the router: one per route, method and status label, non-standard codes folded.
#[test]
fn the_fast_path_counts_like_the_router() {
    let server = TestServer::start();
    let c = client();
    let mut asks = vec![
        ("GET", "/status/503"),
        ("HEAD", "/status/503"),
        ("HEAD", "/status/503"),
    ];
    asks.extend([
        ("GET", "/418"),
        ("GET", "/status/599"),
        ("GET", "/status/799"),
    ]);
    asks.extend([("GET", "/codes/404"), ("GET", "/status/503?x=1")]);
    for (method, path) in asks {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        c.request(m, server.url(path)).send().unwrap();
    }
    let text = metrics(&c, &server);
    // The value of the first series of `metric` whose line carries every label given.
    let value = |metric: &str, labels: &[(&str, &str)]| -> Option<String> {
        text.lines()
            .find(|l| {
                l.starts_with(metric)
                    && labels
                        .iter()
                        .all(|(k, v)| l.contains(&format!("{k}=\"{v}\"")))
            })
            .and_then(|l| l.rsplit(' ').next().map(str::to_owned))
    };
    // Two GETs of /status/503: one plain (fast path), one with a query (router).
    for (route, method, status, want) in [
        ("/status/{codes}", "GET", "503", "2"),
        ("/status/{codes}", "HEAD", "503", "2"),
        ("/{code}", "GET", "418", "1"),
        ("/status/{codes}", "GET", "other", "2"),
        ("/codes/{*id}", "GET", "200", "1"),
    ] {
        let labels = [("route", route), ("method", method), ("status", status)];
        assert_eq!(
            value("httpstatus_http_requests_total{", &labels).as_deref(),
            Some(want),
            "{route} {method} {status}:\n{text}"
        );
    }
    for (route, want) in [("/status/{codes}", "6"), ("/{code}", "1")] {
        let count = value(
            "httpstatus_http_request_duration_seconds_count{",
            &[("route", route)],
        );
        assert_eq!(count.as_deref(), Some(want), "{route}:\n{text}");
    }
    assert!(text.contains("httpstatus_connections_open"));
}

#[test]
fn connection_cap_and_idle_clients() {
    let server = TestServer::with_config(Config {
        max_connections: 2,
        header_read_timeout: Duration::from_secs(1),
        ..Config::default()
    });
    // Two silent connections fill the cap.
    let a = TcpStream::connect(server.addr).unwrap();
    let b = TcpStream::connect(server.addr).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    // A third is closed at accept: it reads end-of-stream or a reset, never a response.
    let mut third = TcpStream::connect(server.addr).unwrap();
    third
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut buf = [0u8; 64];
    let n = third.read(&mut buf).unwrap_or(0);
    assert_eq!(n, 0, "over the cap the connection is closed");
    // The silent ones are dropped by the header-read timeout, which frees the slots.
    for mut idle in [a, b] {
        idle.set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let n = idle.read(&mut buf).unwrap_or(0);
        let text = String::from_utf8_lossy(&buf[..n]).to_string();
        assert!(
            n == 0 || text.starts_with("HTTP/1.1 408"),
            "idle connection closed: {text:?}"
        );
    }
    std::thread::sleep(Duration::from_millis(200));
    let out = raw(
        server.addr,
        "GET /status/200 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(
        out.starts_with("HTTP/1.1 200"),
        "served again once slots are free: {out:?}"
    );
}

#[test]
fn graceful_shutdown_lets_in_flight_requests_finish() {
    use std::io::Write;
    let server = TestServer::start();
    let addr = server.addr;
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(b"GET /status/200?sleep=1500 HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    // Wait until the server has the request (it shows in the open-connections gauge).
    let c = client();
    for _ in 0..100 {
        let m = metrics(&c, &server);
        if m.lines().any(|l| {
            l.starts_with("httpstatus_connections_open") && !l.ends_with(" 0") && !l.ends_with(" 1")
        }) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(c);
    let stopper = std::thread::spawn(move || server.stop()); // returns once serve() has returned
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let out = String::from_utf8_lossy(&out);
    assert!(
        out.starts_with("HTTP/1.1 200 OK"),
        "the request in flight completed: {out:?}"
    );
    assert!(
        out.to_ascii_lowercase().contains("connection: close"),
        "and the connection is closed after it"
    );
    stopper.join().unwrap();
    assert!(TcpStream::connect(addr).is_err(), "no longer listening");
}

/// Silent and byte-at-a-time clients do not keep a normal client from being served.
#[test]
fn slow_clients_do_not_starve_others() {
    use std::io::Write;
    let server = TestServer::with_config(Config {
        header_read_timeout: Duration::from_secs(2),
        ..Config::default()
    });
    let silent: Vec<TcpStream> = (0..100)
        .map(|_| TcpStream::connect(server.addr).unwrap())
        .collect();
    let addr = server.addr;
    let trickle = std::thread::spawn(move || {
        let mut conns: Vec<TcpStream> =
            (0..50).map(|_| TcpStream::connect(addr).unwrap()).collect();
        let request =
            b"GET /status/200 HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa\r\n\r\n";
        // One byte per connection every 50 ms, for at most 30 bytes (1.5 s): never a full head.
        for byte in request.iter().take(30) {
            for c in &mut conns {
                let _ = c.write_all(std::slice::from_ref(byte));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        conns
    });
    std::thread::sleep(Duration::from_millis(200));
    let c = client();
    for _ in 0..5 {
        let res = c.get(server.url("/status/204")).send().unwrap();
        assert_eq!(
            res.status().as_u16(),
            204,
            "a normal client is served while 150 slow ones hang around"
        );
    }
    let slow = trickle.join().unwrap();
    // The slow ones are cut off by the header-read timeout rather than served.
    for mut s in slow.into_iter().take(5) {
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut buf = [0u8; 64];
        let n = s.read(&mut buf).unwrap_or(0);
        let text = String::from_utf8_lossy(&buf[..n]).to_string();
        assert!(
            n == 0 || text.starts_with("HTTP/1.1 408"),
            "a slow client is disconnected: {text:?}"
        );
    }
    drop(silent);
}

/// One client asking for every code with every method must not grow `/metrics` without bound:
/// statuses IANA does not register fold into `status="other"`, uncommon methods into
/// `method="other"`, and routes are templates. So the request counter has at most
/// routes × 8 methods × (registered codes + 1) series, however many requests come.
#[test]
fn metrics_labels_are_bounded() {
    let server = TestServer::start();
    let c = client();
    let methods = ["GET", "HEAD", "POST", "DELETE", "BREW", "PROPFIND"];
    // Four clients at once, each taking every fourth code.
    std::thread::scope(|scope| {
        for first in 100..104u16 {
            let server = &server;
            scope.spawn(move || {
                let c = client();
                for code in (first..=999).step_by(4) {
                    for m in methods {
                        let method = reqwest::Method::from_bytes(m.as_bytes()).unwrap();
                        c.request(method, server.url(&format!("/status/{code}")))
                            .send()
                            .unwrap_or_else(|e| panic!("{m} /status/{code}: {e}"));
                    }
                    c.get(server.url(&format!("/{code}"))).send().unwrap();
                }
            });
        }
    });
    let sent = 900 * methods.len() as u64;
    let text = metrics(&c, &server);

    let registered: Vec<u16> = (100..=999u16)
        .filter(|&c| httpstatus_codes::lookup(c).is_some_and(|e| !e.is_unassigned()))
        .collect();
    let standard = [
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "other",
    ];
    let label = |line: &str, name: &str| -> String {
        let start = line
            .find(&format!("{name}=\""))
            .unwrap_or_else(|| panic!("no {name} label: {line}"))
            + name.len()
            + 2;
        let len = line[start..].find('"').unwrap();
        line[start..start + len].to_string()
    };
    let mut series = 0usize;
    let mut routes = std::collections::BTreeSet::new();
    let mut counted_status_route = 0u64;
    let mut other_status = false;
    for line in text
        .lines()
        .filter(|l| l.starts_with("httpstatus_http_requests_total{"))
    {
        series += 1;
        let route = label(line, "route");
        let method = label(line, "method");
        let status = label(line, "status");
        assert!(standard.contains(&method.as_str()), "method label: {line}");
        if status == "other" {
            other_status = true;
        } else {
            let code: u16 = status.parse().unwrap();
            assert!(
                registered.contains(&code),
                "unregistered status label: {line}"
            );
        }
        if route == "/status/{codes}" {
            counted_status_route += line.rsplit(' ').next().unwrap().parse::<u64>().unwrap();
        }
        routes.insert(route);
    }
    assert!(
        other_status,
        "600, 799 and the like count as status=\"other\""
    );
    assert!(
        routes.contains("/status/{codes}") && routes.contains("/{code}"),
        "{routes:?}"
    );
    assert_eq!(counted_status_route, sent, "every request counted once");
    // Without folding this run alone makes 900 × 6 series for /status/{codes}.
    let bound = routes.len() * standard.len() * (registered.len() + 1);
    assert!(
        series <= bound,
        "{series} series for {} routes, {} registered codes: over {bound}",
        routes.len(),
        registered.len()
    );
    let per_route = text
        .lines()
        .filter(|l| {
            l.starts_with("httpstatus_http_requests_total{")
                && l.contains("route=\"/status/{codes}\"")
        })
        .count();
    // GET, HEAD, POST, DELETE and other (BREW and PROPFIND together).
    assert!(
        per_route <= 5 * (registered.len() + 1),
        "{per_route} series for /status/{{codes}}"
    );
    eprintln!(
        "{series} series, {} routes, {} registered codes, bound {bound}",
        routes.len(),
        registered.len()
    );
}
