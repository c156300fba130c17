//! The real server on 127.0.0.1 with an ephemeral port, over HTTP.
#![allow(clippy::unwrap_used, reason = "tests report failure by panicking")]

use std::net::SocketAddr;
use std::time::Duration;

use httpstatus_server::Config;

#[path = "cases/api.rs"]
mod api;
#[path = "cases/content.rs"]
mod content;
#[path = "cases/h2.rs"]
mod h2;
#[path = "cases/http11.rs"]
mod http11;
#[path = "cases/httpbin.rs"]
mod httpbin;
#[path = "cases/lint.rs"]
mod lint;
#[path = "cases/mechanisms.rs"]
mod mechanisms;
#[path = "cases/ops.rs"]
mod ops;
#[path = "cases/pages.rs"]
mod pages;
#[path = "cases/status.rs"]
mod status;
#[path = "cases/streams.rs"]
mod streams;

/// The public URL of servers made by [`TestServer::start`].
pub const TEST_PUBLIC_URL: &str = "http://localhost:8080";

/// A running server; dropping it shuts the server down.
#[derive(Debug)]
pub struct TestServer {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl TestServer {
    /// A server with the usual test settings. Its public URL is fixed, so that every server the
    /// tests start shares one rendering of the pages (they are rendered per public URL; the
    /// default, `http://localhost:<port>`, differs with each ephemeral port).
    pub fn start() -> TestServer {
        TestServer::with_config(Config {
            max_delay: Duration::from_secs(3),
            public_url: Some(TEST_PUBLIC_URL.to_string()),
            ..Config::default()
        })
    }

    /// Starts `httpstatus_server::serve` on its own runtime thread, on 127.0.0.1:0.
    pub fn with_config(config: Config) -> TestServer {
        let server = TestServer::spawn(config);
        let addr = server.addr;
        // The listener is bound before the pages are pre-rendered: wait until it answers.
        let ready = client()
            .get(format!("http://{addr}/healthz"))
            .timeout(Duration::from_secs(120))
            .send();
        assert!(
            ready.is_ok_and(|r| r.status().is_success()),
            "server answers /healthz"
        );
        server
    }

    /// Starts `serve` on its own runtime thread on 127.0.0.1:0 and returns once it listens
    /// (not yet ready: callers wait for `/healthz` over their transport).
    pub fn spawn(config: Config) -> TestServer {
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let handle = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                httpstatus_server::serve(listener, config, async {
                    let _ = stop_rx.await;
                })
                .await
                .unwrap();
            });
        });
        let addr = addr_rx
            .recv_timeout(Duration::from_secs(60))
            .expect("server started");
        TestServer {
            addr,
            stop: Some(stop_tx),
            handle: Some(handle),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Stops the server and waits for `serve` to return.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// A blocking client that never follows redirects, so tests see each status.
pub fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

/// The status of a response as a number.
pub fn status(res: &reqwest::blocking::Response) -> u16 {
    res.status().as_u16()
}

/// A response header as text ("" when absent).
pub fn header_str(res: &reqwest::blocking::Response, name: &str) -> String {
    res.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// Asserts a 4xx whose JSON body names the problem; returns the message.
pub fn assert_named_error(res: reqwest::blocking::Response, want: u16, what: &str) -> String {
    assert_eq!(status(&res), want, "{what}");
    assert_eq!(
        header_str(&res, "content-type"),
        "application/json",
        "{what}"
    );
    let v: serde_json::Value = res.json().unwrap();
    let msg = v["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(msg.len() > 10, "{what}: the body names the problem: {v}");
    msg
}

/// Sends raw bytes and returns the raw response (for what HTTP clients hide: reason phrases,
/// exact headers, interim responses).
pub fn raw(addr: SocketAddr, request: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn readme_table_lists_every_endpoint() {
    let readme = include_str!("../../../README.md");
    for e in httpstatus_server::ENDPOINTS {
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", e.path)))
            .unwrap_or_else(|| panic!("README has a row for {}", e.path));
        assert!(
            row.contains(e.example) && row.contains(&format!("→ {}", e.example_status)),
            "{row}"
        );
    }
}
