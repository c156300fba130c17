//! A small Chrome DevTools Protocol client for the browser tests.
//!
//! It starts Debian's Chromium headless (found by `httpstatus_testkit::chromium`: `chromium` on
//! `PATH`, or `$HTTPSTATUS_CHROMIUM`; it never downloads a browser), attaches to one tab over the DevTools WebSocket, and offers what
//! the tests need: navigate, evaluate JavaScript, type and press keys, emulate a phone or a dark
//! colour scheme, take screenshots, and collect console errors. Every wait is bounded, so a
//! broken page fails the test with a message instead of hanging it.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};
use tungstenite::{Message, WebSocket};

/// How long any one wait may take before the test fails.
const WAIT: Duration = Duration::from_secs(30);

/// A headless Chromium with one tab.
pub struct Browser {
    child: Child,
    ws: WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    events: Vec<Value>,
    seen: usize,
    profile: PathBuf,
}

/// Where screenshots go: `<target dir>/screenshots/`, next to the test binary's profile dir.
pub fn screenshot_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    // <target>/<profile>/deps/<test binary>
    let target = exe
        .ancestors()
        .nth(3)
        .map_or_else(|| PathBuf::from("target"), Path::to_path_buf);
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

impl Browser {
    /// Starts Chromium, or gives `None` when it is not installed (after the testkit's SKIPPED
    /// line; under `HTTPSTATUS_REQUIRE_TOOLS=1` that is a failure instead). The test then returns.
    pub fn launch() -> Option<Browser> {
        let path = httpstatus_testkit::chromium()?;
        static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let profile =
            std::env::temp_dir().join(format!("httpstatus-chromium-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).unwrap();
        let mut child = Command::new(&path)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--disable-extensions",
                "--mute-audio",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                "--window-size=1280,900",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", path.display()));
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if !sent {
                    if let Some(url) = line.split("DevTools listening on ").nth(1) {
                        let _ = tx.send(url.trim().to_string());
                        sent = true;
                    }
                }
            }
        });
        let url = rx
            .recv_timeout(WAIT)
            .expect("Chromium printed its DevTools address");
        let host = url
            .trim_start_matches("ws://")
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let stream = TcpStream::connect(&host).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        stream.set_write_timeout(Some(WAIT)).unwrap();
        let (ws, _) = tungstenite::client(url.as_str(), stream).unwrap();
        let mut browser = Browser {
            child,
            ws,
            session: String::new(),
            next_id: 0,
            events: Vec::new(),
            seen: 0,
            profile,
        };
        let target = browser.send(None, "Target.createTarget", json!({ "url": "about:blank" }));
        let target_id = target["targetId"].as_str().unwrap().to_string();
        let attached = browser.send(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
        );
        browser.session = attached["sessionId"].as_str().unwrap().to_string();
        for domain in ["Page.enable", "Runtime.enable", "Log.enable"] {
            browser.call(domain, json!({}));
        }
        Some(browser)
    }

    /// Sends a command and waits for its answer, keeping the events that arrive meanwhile.
    fn send(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            msg["sessionId"] = Value::String(s.to_string());
        }
        self.ws.send(Message::text(msg.to_string())).unwrap();
        let deadline = Instant::now() + WAIT;
        loop {
            assert!(Instant::now() < deadline, "no answer to {method}");
            let v = self.read();
            if v["id"].as_u64() == Some(id) {
                if let Some(err) = v.get("error") {
                    panic!("{method} failed: {err}");
                }
                return v["result"].clone();
            }
            if v.get("method").is_some() {
                self.events.push(v);
            }
        }
    }

    fn read(&mut self) -> Value {
        loop {
            match self.ws.read().unwrap() {
                Message::Text(text) => return serde_json::from_str(text.as_str()).unwrap(),
                Message::Close(_) => panic!("Chromium closed the DevTools connection"),
                _ => {}
            }
        }
    }

    /// A command to the tab.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.send(Some(&session), method, params)
    }

    /// Waits for an event of the tab that arrives after the last one waited for.
    fn wait_event(&mut self, method: &str) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(pos) = self.events[self.seen..]
                .iter()
                .position(|e| e["method"] == method)
            {
                self.seen += pos + 1;
                return self.events[self.seen - 1].clone();
            }
            assert!(Instant::now() < deadline, "no {method} event");
            let v = self.read();
            if v.get("method").is_some() {
                self.events.push(v);
            }
        }
    }

    /// Opens `url` and waits for its load event.
    pub fn goto(&mut self, url: &str) {
        self.seen = self.events.len();
        let res = self.call("Page.navigate", json!({ "url": url }));
        assert!(res.get("errorText").is_none(), "navigating to {url}: {res}");
        self.wait_event("Page.loadEventFired");
    }

    /// Runs a JavaScript expression (promises awaited) and returns its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        let res = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        if let Some(ex) = res.get("exceptionDetails") {
            panic!("{expression}: {ex}");
        }
        res["result"]["value"].clone()
    }

    /// Evaluates `expression` until it is truthy (a page updating after input), then returns it.
    pub fn wait_for(&mut self, expression: &str) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let v = self.eval(expression);
            let truthy = match &v {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::String(s) => !s.is_empty(),
                Value::Number(n) => n.as_f64() != Some(0.0),
                _ => true,
            };
            if truthy {
                return v;
            }
            assert!(Instant::now() < deadline, "still false: {expression}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for the navigation that an action (a click, Enter) started.
    pub fn wait_for_load(&mut self) {
        self.wait_event("Page.loadEventFired");
    }

    /// Forgets the load events so far, before an action that navigates.
    pub fn expect_navigation(&mut self) {
        // Pull in whatever has arrived, then mark it seen.
        self.seen = self.events.len();
    }

    /// Types text into the focused element, one character at a time, as a user would.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.call("Input.insertText", json!({ "text": c.to_string() }));
        }
    }

    /// Presses and releases a key: `Tab`, `Enter`, `ArrowDown`, `Escape`.
    pub fn press(&mut self, key: &str) {
        let (code, vk, text) = match key {
            "Tab" => ("Tab", 9, ""),
            "Enter" => ("Enter", 13, "\r"),
            "Escape" => ("Escape", 27, ""),
            "ArrowDown" => ("ArrowDown", 40, ""),
            "ArrowUp" => ("ArrowUp", 38, ""),
            "/" => ("Slash", 191, "/"),
            other => panic!("no key code for {other}"),
        };
        let mut down = json!({ "type": "keyDown", "key": key, "code": code, "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk });
        if !text.is_empty() {
            down["text"] = Value::String(text.to_string());
        }
        self.call("Input.dispatchKeyEvent", down);
        self.call(
            "Input.dispatchKeyEvent",
            json!({ "type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk }),
        );
    }

    /// A command to the browser itself (not the tab): `Browser.grantPermissions` and the like.
    pub fn browser_call(&mut self, method: &str, params: Value) -> Value {
        self.send(None, method, params)
    }

    /// Sets the viewport: a desktop window, or a phone (touch, mobile layout).
    pub fn viewport(&mut self, width: u32, height: u32, mobile: bool) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile }),
        );
    }

    /// Emulates `prefers-color-scheme: dark` (or light).
    pub fn dark(&mut self, dark: bool) {
        let value = if dark { "dark" } else { "light" };
        self.call(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": value }] }),
        );
    }

    /// Saves a PNG of the viewport, or of the whole page when `full` (up to 12,000 px tall).
    pub fn screenshot(&mut self, name: &str, full: bool) -> PathBuf {
        let mut params = json!({ "format": "png" });
        if full {
            let metrics = self.call("Page.getLayoutMetrics", json!({}));
            let size = &metrics["cssContentSize"];
            let width = size["width"].as_f64().unwrap_or(1280.0);
            let height = size["height"].as_f64().unwrap_or(900.0).min(12_000.0);
            params = json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": { "x": 0, "y": 0, "width": width, "height": height, "scale": 1 },
            });
        }
        let shot = self.call("Page.captureScreenshot", params);
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap();
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }

    /// Console errors, uncaught exceptions and browser-logged errors (failed loads, CSP
    /// violations) of every page opened so far.
    pub fn console_errors(&mut self) -> Vec<String> {
        // Collect what has arrived without waiting: a cheap round trip flushes the socket.
        self.eval("0");
        let mut out = Vec::new();
        for e in &self.events {
            let p = &e["params"];
            match e["method"].as_str() {
                Some("Runtime.consoleAPICalled")
                    if matches!(p["type"].as_str(), Some("error" | "assert")) =>
                {
                    out.push(format!("console.{}: {}", p["type"], p["args"]));
                }
                Some("Runtime.exceptionThrown") => {
                    out.push(format!("exception: {}", p["exceptionDetails"]))
                }
                Some("Log.entryAdded") if p["entry"]["level"] == "error" => {
                    out.push(format!(
                        "{}: {} ({})",
                        p["entry"]["source"], p["entry"]["text"], p["entry"]["url"]
                    ));
                }
                _ => {}
            }
        }
        out
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.ws.send(Message::text(
            json!({ "id": 0, "method": "Browser.close" }).to_string(),
        ));
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
