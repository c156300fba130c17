//! `httpstatus serve` as a process: binds, answers, stops cleanly on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

fn start(envs: &[(&str, &str)], args: &[&str]) -> (std::process::Child, String) {
    let (child, addr, _log) = start_logged(envs, args);
    (child, addr)
}

/// Starts the server; the thread returns every stderr line after the address, once the
/// process has exited.
fn start_logged(
    envs: &[(&str, &str)],
    args: &[&str],
) -> (
    std::process::Child,
    String,
    std::thread::JoinHandle<Vec<String>>,
) {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("httpstatus"));
    cmd.arg("serve")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let addr = loop {
        let line = lines.next().expect("server prints its address").unwrap();
        if let Some(rest) = line.split("listening on http://").nth(1) {
            break rest.trim().to_string();
        }
    };
    // Keep draining stderr so the server never blocks on a full pipe.
    let log = std::thread::spawn(move || lines.map_while(Result::ok).collect());
    (child, addr, log)
}

/// Sends SIGTERM and waits: the exit code, `None` when a signal ended the process.
fn terminate(child: &mut std::process::Child) -> Option<i32> {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    child.wait().unwrap().code()
}

fn get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn serves_and_stops_cleanly_on_sigterm() {
    let (mut child, addr) = start(
        &[("HTTPSTATUS_ADDR", "127.0.0.1:0")],
        &["--log-format", "json"],
    );
    assert!(get(&addr, "/healthz").starts_with("HTTP/1.1 200"));
    assert!(get(&addr, "/status/503").starts_with("HTTP/1.1 503 Service Unavailable"));
    assert_eq!(terminate(&mut child), Some(0), "graceful exit on SIGTERM");
}

#[test]
fn sigterm_as_soon_as_the_address_is_printed_still_stops_gracefully() {
    // The handlers are installed before the address is printed: a signal sent at once, before
    // any request, must end the process with its clean exit, never by the signal's default.
    for _ in 0..5 {
        let (mut child, _addr) = start(&[("HTTPSTATUS_ADDR", "127.0.0.1:0")], &[]);
        assert_eq!(
            terminate(&mut child),
            Some(0),
            "graceful exit on an early SIGTERM"
        );
    }
}

#[test]
fn bad_settings_are_usage_errors() {
    let out = Command::new(assert_cmd::cargo::cargo_bin("httpstatus"))
        .args(["serve", "--addr", "not-an-address"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(assert_cmd::cargo::cargo_bin("httpstatus"))
        .args(["serve", "--addr", "127.0.0.1:0", "--max-connections", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("max connections"));
}

#[test]
fn tls_flags_check_their_files_and_print_the_fingerprint() {
    // Unreadable or wrong files: one line on stderr, exit 2 (usage), before anything listens.
    let dir = std::env::temp_dir().join(format!("httpstatus-cli-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let junk = dir.join("junk.pem");
    std::fs::write(&junk, "not PEM\n").unwrap();
    let missing = dir.join("missing.pem");
    for (cert, key) in [(&missing, &junk), (&junk, &junk)] {
        let out = Command::new(assert_cmd::cargo::cargo_bin("httpstatus"))
            .args(["serve", "--addr", "127.0.0.1:0", "--tls-cert"])
            .arg(cert)
            .arg("--tls-key")
            .arg(key)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with("httpstatus: TLS certificate"),
            "{stderr}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    // A self-signed certificate: its fingerprint, then the https address.
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("httpstatus"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--tls-self-signed",
            "--log-format",
            "off",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(first.contains("SHA-256 fingerprint "), "{first}");
    let fingerprint = first.rsplit(' ').next().unwrap();
    assert_eq!(fingerprint.len(), 95, "{first}");
    let second = lines.next().unwrap().unwrap();
    assert!(
        second.contains("listening on https://127.0.0.1:"),
        "{second}"
    );
    child.kill().unwrap();
    let _ = child.wait();
}

/// The request log is written by a background thread: every request's line still reaches
/// stderr, in order, including those answered just before SIGTERM.
#[test]
fn access_log_reaches_stderr_and_is_flushed_at_sigterm() {
    // Default flags: request log on, text format.
    let (mut child, addr, log) = start_logged(&[("HTTPSTATUS_ADDR", "127.0.0.1:0")], &[]);
    let codes: Vec<u16> = (200..=299).collect();
    for code in &codes {
        assert!(get(&addr, &format!("/status/{code}")).starts_with(&format!("HTTP/1.1 {code}")));
    }
    // Straight after the last response: the writer thread may not have written it yet.
    assert_eq!(terminate(&mut child), Some(0));
    let log = log.join().unwrap();
    let access: Vec<&String> = log
        .iter()
        .filter(|l| l.contains("httpstatus::access"))
        .collect();
    let paths: Vec<String> = codes.iter().map(|c| format!("\"/status/{c}\"")).collect();
    assert_eq!(
        access.len(),
        paths.len(),
        "one access line per request:\n{log:#?}"
    );
    for (line, path) in access.iter().zip(&paths) {
        assert!(line.contains(path.as_str()), "in order: {path} in {line}");
        assert!(line.contains("/status/{codes}"), "route: {line}");
        assert!(line.contains("INFO"), "level: {line}");
    }
    let last = log.last().map(String::as_str).unwrap_or_default();
    assert!(
        last.contains("all connections closed"),
        "shutdown logged last: {log:#?}"
    );
}

#[test]
fn the_public_url_is_checked_and_makes_the_canonical_links() {
    for bad in [
        "status.example.org",
        "ftp://x",
        "https://x/?a=1",
        "https://x/#f",
        "https://x/docs",
    ] {
        let out = Command::new(assert_cmd::cargo::cargo_bin("httpstatus"))
            .args(["serve", "--addr", "127.0.0.1:0", "--public-url", bad])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("httpstatus: --public-url: "), "{stderr}");
    }
    // From the environment, trailing slash trimmed.
    let (mut child, addr) = start(
        &[
            ("HTTPSTATUS_ADDR", "127.0.0.1:0"),
            ("HTTPSTATUS_PUBLIC_URL", "https://status.example.org/"),
        ],
        &["--log-format", "off"],
    );
    let page = get(&addr, "/codes/404?lang=th");
    assert!(
        page.contains(
            "<link rel=\"canonical\" href=\"https://status.example.org/codes/404?lang=th\">"
        ),
        "{page}"
    );
    child.kill().unwrap();
    child.wait().unwrap();
    // Default: localhost with the port bound.
    let (mut child, addr) = start(
        &[("HTTPSTATUS_ADDR", "127.0.0.1:0")],
        &["--log-format", "off"],
    );
    let port = addr.rsplit(':').next().unwrap();
    let page = get(&addr, "/");
    assert!(
        page.contains(&format!(
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"http://localhost:{port}/\">"
        )),
        "{page}"
    );
    child.kill().unwrap();
    child.wait().unwrap();
}
