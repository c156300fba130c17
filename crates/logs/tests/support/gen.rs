//! A seeded generator of realistic access logs (NCSA combined, IIS W3C, and one request stream
//! rendered in each cloud, CDN and proxy format: [`format`]), shared by the tests and the
//! benchmark (`examples/genlog.rs`). The same seed gives the same bytes on every machine.
#![allow(
    clippy::cast_possible_truncation,
    reason = "test data: indexes below small table sizes, days and months in range"
)]
#![allow(
    dead_code,
    reason = "each user of this file (the tests, the example) calls a part of it"
)]

use std::io::{self, Write};

/// SplitMix64: small, fast, good enough for test data.
#[derive(Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// Skewed towards small values: a few paths and clients get most requests.
    pub fn skewed(&mut self, n: u64) -> u64 {
        let a = self.below(n);
        let b = self.below(n);
        a * b / n.max(1)
    }
}

const PATHS: [&str; 24] = [
    "/",
    "/index.html",
    "/about",
    "/blog/",
    "/blog/2024/03/rust-logs",
    "/static/app.js",
    "/static/app.css",
    "/static/logo.png",
    "/favicon.ico",
    "/robots.txt",
    "/api/v1/users",
    "/api/v1/orders",
    "/api/v1/orders/42",
    "/api/v1/search",
    "/login",
    "/logout",
    "/admin/",
    "/images/hero.jpg",
    "/docs/guide.pdf",
    "/wp-login.php",
    "/.env",
    "/checkout",
    "/cart",
    "/products/widget-3000",
];
const AGENTS: [&str; 6] = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
    "curl/8.5.0",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "python-requests/2.31.0",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// (status, IIS sub-status, Win32 status, weight per 10,000).
const STATUSES: [(u16, u16, u32, u64); 16] = [
    (200, 0, 0, 7800),
    (304, 0, 0, 700),
    (301, 0, 0, 150),
    (302, 0, 0, 150),
    (206, 0, 0, 100),
    (404, 0, 2, 500),
    (403, 14, 0, 40),
    (401, 2, 5, 150),
    (401, 1, 2_148_074_254, 100),
    (400, 0, 0, 30),
    (499, 0, 0, 60),
    (500, 19, 13, 40),
    (502, 3, 64, 30),
    (503, 2, 0, 20),
    (200, 0, 64, 80),
    (416, 0, 0, 50),
];

fn pick_status(rng: &mut Rng) -> (u16, u16, u32) {
    let total: u64 = STATUSES.iter().map(|s| s.3).sum();
    let mut r = rng.below(total);
    for (s, sub, w, weight) in STATUSES {
        if r < weight {
            return (s, sub, w);
        }
        r -= weight;
    }
    (200, 0, 0)
}

fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn ip(rng: &mut Rng, pool: u64) -> String {
    let n = rng.skewed(pool) * 2_654_435_761 % 4_000_000_000;
    format!(
        "{}.{}.{}.{}",
        10 + n % 200,
        (n >> 8) % 256,
        (n >> 16) % 256,
        1 + n % 254
    )
}

/// Writes NCSA combined lines until `bytes` are written; returns the number of lines.
pub fn combined(w: &mut dyn Write, seed: u64, bytes: u64) -> io::Result<u64> {
    let mut requests = Requests::new(seed);
    let (mut written, mut lines) = (0u64, 0u64);
    let mut line = String::with_capacity(512);
    while written < bytes {
        let r = requests.next_request();
        let c = Clock::of(r.t);
        line.clear();
        use std::fmt::Write as _;
        let _ = write!(
            line,
            "{} - - [{} +0000] \"{} {}{} HTTP/1.1\" {} ",
            r.client,
            c.clf(),
            r.method,
            r.path,
            r.query(),
            r.status,
        );
        match r.size {
            Some(size) => {
                let _ = write!(line, "{size}");
            }
            None => line.push('-'),
        }
        let _ = writeln!(line, " \"https://example.com/\" \"{}\"", r.agent);
        w.write_all(line.as_bytes())?;
        written += line.len() as u64;
        lines += 1;
    }
    Ok(lines)
}

/// Short combined lines (about 150 bytes): seven paths (with a query string), a `-` referer, a
/// short user agent; the shape of an API or a CDN origin behind a load balancer.
pub fn combined_short(w: &mut dyn Write, seed: u64, bytes: u64) -> io::Result<u64> {
    const SHORT_PATHS: [&str; 7] = [
        "/",
        "/api/v1/items",
        "/api/v1/users/me",
        "/health",
        "/static/app.js",
        "/login",
        "/favicon.ico",
    ];
    const SHORT_AGENTS: [&str; 3] = [
        "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
        "okhttp/4.12.0 (Android 14; Pixel 8; build UQ1A.240205.004)",
        "Go-http-client/1.1 (kube-probe/1.29; +health)",
    ];
    let mut rng = Rng::new(seed);
    let mut t: i64 = 1_704_067_200;
    let (mut written, mut lines) = (0u64, 0u64);
    let mut line = String::with_capacity(256);
    let ips: Vec<String> = (0..5000).map(|_| ip(&mut rng, 5000)).collect();
    while written < bytes {
        t += i64::from(rng.below(100) < 8);
        let (y, m, d) = civil(t.div_euclid(86_400));
        let s = t.rem_euclid(86_400);
        let (status, _, _) = pick_status(&mut rng);
        line.clear();
        use std::fmt::Write as _;
        let _ = writeln!(
            line,
            "{} - - [{:02}/{}/{}:{:02}:{:02}:{:02} +0000] \"GET {}?page={} HTTP/1.1\" {} {} \"-\" \"{}\"",
            ips[rng.skewed(ips.len() as u64) as usize],
            d,
            MONTHS[(m - 1) as usize],
            y,
            s / 3600,
            s / 60 % 60,
            s % 60,
            SHORT_PATHS[rng.skewed(SHORT_PATHS.len() as u64) as usize],
            rng.below(100),
            status,
            rng.below(5000),
            SHORT_AGENTS[rng.below(SHORT_AGENTS.len() as u64) as usize]
        );
        w.write_all(line.as_bytes())?;
        written += line.len() as u64;
        lines += 1;
    }
    Ok(lines)
}

const W3C_FIELDS: &str = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken";
const W3C_FIELDS_SHORT: &str =
    "#Fields: date time c-ip cs-method cs-uri-stem sc-status sc-substatus sc-win32-status";

/// Writes IIS W3C lines until `bytes` are written, with a new header block every `block` lines;
/// with `alternate`, the blocks alternate between two `#Fields` layouts. Returns the number of
/// data lines.
pub fn w3c(
    w: &mut dyn Write,
    seed: u64,
    bytes: u64,
    block: u64,
    alternate: bool,
) -> io::Result<u64> {
    let mut rng = Rng::new(seed);
    let mut t: i64 = 1_704_067_200;
    let (mut written, mut lines) = (0u64, 0u64);
    let mut line = String::with_capacity(512);
    let ips: Vec<String> = (0..5000).map(|_| ip(&mut rng, 5000)).collect();
    let mut short = false;
    while written < bytes {
        line.clear();
        use std::fmt::Write as _;
        if lines % block.max(1) == 0 {
            short = alternate && lines / block.max(1) % 2 == 1;
            let (y, m, d) = civil(t.div_euclid(86_400));
            let s = t.rem_euclid(86_400);
            let _ = write!(
                line,
                "#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Date: {y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}\n{}\n",
                s / 3600,
                s / 60 % 60,
                s % 60,
                if short { W3C_FIELDS_SHORT } else { W3C_FIELDS }
            );
        }
        t += i64::from(rng.below(100) < 8);
        let (y, m, d) = civil(t.div_euclid(86_400));
        let s = t.rem_euclid(86_400);
        let (status, sub, win32) = pick_status(&mut rng);
        let path = PATHS[rng.skewed(PATHS.len() as u64) as usize];
        let client = &ips[rng.skewed(ips.len() as u64) as usize];
        if short {
            let _ = writeln!(
                line,
                "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} {client} GET {path} {status} {sub} {win32}",
                s / 3600,
                s / 60 % 60,
                s % 60
            );
        } else {
            let agent = AGENTS[rng.below(AGENTS.len() as u64) as usize].replace(' ', "+");
            let _ = writeln!(
                line,
                "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} 10.0.0.1 GET {path} - 443 - {client} {agent} - {status} {sub} {win32} {}",
                s / 3600,
                s / 60 % 60,
                s % 60,
                rng.below(2000)
            );
        }
        w.write_all(line.as_bytes())?;
        written += line.len() as u64;
        lines += 1;
    }
    Ok(lines)
}

// ---------------------------------------------------------------------------------------------
// One request stream, rendered in each format.

/// One request of the stream that [`combined`] writes and [`format`] renders in other formats.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// Unix seconds.
    pub t: i64,
    pub status: u16,
    pub path: &'static str,
    pub method: &'static str,
    /// `?page=N`, on one request in ten.
    pub page: Option<u64>,
    /// Body bytes; `None` on a 304.
    pub size: Option<u64>,
    pub client: &'a str,
    pub agent: &'static str,
}

impl Request<'_> {
    /// `?page=N` or nothing.
    pub fn query(&self) -> String {
        self.page.map(|p| format!("?page={p}")).unwrap_or_default()
    }

    /// The path and the query.
    pub fn uri(&self) -> String {
        format!("{}{}", self.path, self.query())
    }

    fn body(&self) -> u64 {
        self.size.unwrap_or(0)
    }

    fn content_type(&self) -> &'static str {
        let ext = self.path.rsplit_once('.').map_or("", |(_, e)| e);
        match ext {
            "js" => "application/javascript",
            "css" => "text/css",
            "png" => "image/png",
            "jpg" => "image/jpeg",
            "ico" => "image/x-icon",
            "pdf" => "application/pdf",
            "txt" => "text/plain",
            _ if self.path.starts_with("/api/") => "application/json",
            _ => "text/html",
        }
    }
}

/// The seeded request stream: the time, status, path, method, query, size, client and agent of
/// each request, drawn in the order [`combined`] has always drawn them (so its bytes, and the
/// status mix, stay what they were).
#[derive(Debug)]
pub struct Requests {
    rng: Rng,
    t: i64,
    ips: Vec<String>,
}

impl Requests {
    pub fn new(seed: u64) -> Requests {
        let mut rng = Rng::new(seed);
        let ips = (0..5000).map(|_| ip(&mut rng, 5000)).collect();
        Requests {
            rng,
            t: 1_704_067_200, // 2024-01-01T00:00:00Z
            ips,
        }
    }

    pub fn next_request(&mut self) -> Request<'_> {
        let rng = &mut self.rng;
        self.t += i64::from(rng.below(100) < 8);
        let (status, _, _) = pick_status(rng);
        let path = PATHS[rng.skewed(PATHS.len() as u64) as usize];
        let method = match rng.below(100) {
            0..=89 => "GET",
            90..=97 => "POST",
            _ => "HEAD",
        };
        let page = (rng.below(10) == 0).then(|| rng.below(50));
        let size = (status != 304).then(|| rng.below(50_000));
        let client = &self.ips[rng.skewed(self.ips.len() as u64) as usize];
        let agent = AGENTS[rng.below(AGENTS.len() as u64) as usize];
        Request {
            t: self.t,
            status,
            path,
            method,
            page,
            size,
            client,
            agent,
        }
    }
}

/// A UTC date and time of day.
#[derive(Debug, Clone, Copy)]
struct Clock {
    y: i64,
    m: u32,
    d: u32,
    s: i64,
}

impl Clock {
    fn of(t: i64) -> Clock {
        let (y, m, d) = civil(t.div_euclid(86_400));
        Clock {
            y,
            m,
            d,
            s: t.rem_euclid(86_400),
        }
    }

    fn hms(&self) -> String {
        format!(
            "{:02}:{:02}:{:02}",
            self.s / 3600,
            self.s / 60 % 60,
            self.s % 60
        )
    }

    fn date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    /// `2024-01-01T00:00:00`
    fn iso(&self) -> String {
        format!("{}T{}", self.date(), self.hms())
    }

    /// `01/Jan/2024:00:00:00`
    fn clf(&self) -> String {
        format!(
            "{:02}/{}/{}:{}",
            self.d,
            MONTHS[(self.m - 1) as usize],
            self.y,
            self.hms()
        )
    }

    /// The syslog stamp: `Jan  1 00:00:00`.
    fn syslog(&self) -> String {
        format!(
            "{} {:>2} {}",
            MONTHS[(self.m - 1) as usize],
            self.d,
            self.hms()
        )
    }
}

/// `n` lowercase hex digits.
fn hex(x: &mut Rng, n: usize) -> String {
    let mut s = String::with_capacity(n);
    while s.len() < n {
        use std::fmt::Write as _;
        let _ = write!(s, "{:016x}", x.next());
    }
    s.truncate(n);
    s
}

/// `n` characters of base64 (a request or host id).
fn base64ish(x: &mut Rng, n: usize) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    (0..n)
        .map(|_| ALPHABET[x.below(64) as usize] as char)
        .collect()
}

/// A UUID (request ids of Envoy, Azure ...).
fn uuid(x: &mut Rng) -> String {
    let h = hex(x, 32);
    format!(
        "{}-{}-4{}-a{}-{}",
        &h[..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..]
    )
}

/// Seconds with three decimals, from milliseconds.
fn secs3(ms: u64) -> String {
    format!("{}.{:03}", ms / 1000, ms % 1000)
}

/// How long the request took, in milliseconds: most are quick, a few slow, timeouts slower.
fn millis(x: &mut Rng, r: &Request<'_>) -> u64 {
    match r.status {
        502 | 503 => x.below(3000),
        _ if r.path.starts_with("/api/") => 5 + x.below(400),
        _ => 1 + x.below(60),
    }
}

/// The kinds [`format`] writes (each a format the analyzer reads; see `tests/data`).
pub const FORMATS: &[&str] = &[
    "alb",
    "elb",
    "cloudfront",
    "s3",
    "haproxy",
    "envoy",
    "ingress-nginx",
    "varnish",
    "traefik",
    "gclb",
    "azure-frontdoor",
    "azure-appgw",
    "cloudflare",
    "caddy-compose",
    "nginx-json",
];

type Render = fn(&mut String, &mut Request<'_>, &mut Rng, u64);

/// Writes the request stream of [`combined`] (the same seed gives the same requests: times,
/// statuses, paths, clients, agents) as lines of `kind` (one of [`FORMATS`]) until `bytes` are
/// written; returns the number of data lines (headers not counted). An unknown kind is an
/// `InvalidInput` error.
pub fn format(w: &mut dyn Write, kind: &str, seed: u64, bytes: u64) -> io::Result<u64> {
    format_tally(w, kind, seed, bytes, &mut std::collections::BTreeMap::new())
}

/// [`format`], counting in `tally` the status written on each line.
pub fn format_tally(
    w: &mut dyn Write,
    kind: &str,
    seed: u64,
    bytes: u64,
    tally: &mut std::collections::BTreeMap<u16, u64>,
) -> io::Result<u64> {
    let (header, render): (&str, Render) = match kind {
        "alb" => ("", alb),
        "elb" => ("", elb),
        "cloudfront" => (CLOUDFRONT_HEADER, cloudfront),
        "s3" => ("", s3),
        "haproxy" => ("", haproxy),
        "envoy" => ("", envoy),
        "ingress-nginx" => ("", ingress_nginx),
        "varnish" => ("", varnish),
        "traefik" => ("", traefik),
        "gclb" => ("", gclb),
        "azure-frontdoor" => ("", azure_frontdoor),
        "azure-appgw" => ("", azure_appgw),
        "cloudflare" => ("", cloudflare),
        "caddy-compose" => ("", caddy_compose),
        "nginx-json" => ("", nginx_json),
        _ => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("unknown log kind {kind:?}: {}", FORMATS.join(", ")),
            ))
        }
    };
    let mut requests = Requests::new(seed);
    // The values only one format has (ports, timings, ids, error details) come from a second
    // generator, so that the stream itself is the same in every format.
    let mut extra = Rng::new(seed ^ 0x6a09_e667_f3bc_c908);
    w.write_all(header.as_bytes())?;
    let (mut written, mut lines) = (header.len() as u64, 0u64);
    let mut line = String::with_capacity(1024);
    while written < bytes {
        let mut r = requests.next_request();
        line.clear();
        render(&mut line, &mut r, &mut extra, lines);
        line.push('\n');
        *tally.entry(r.status).or_default() += 1;
        w.write_all(line.as_bytes())?;
        written += line.len() as u64;
        lines += 1;
    }
    Ok(lines)
}

const TARGET_GROUP: &str =
    "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067";
const CERTIFICATE: &str =
    "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012";

/// AWS Application Load Balancer (`tests/data/alb.log`). A client that gives up is ALB's 460,
/// not nginx's 499.
fn alb(line: &mut String, r: &mut Request<'_>, x: &mut Rng, _n: u64) {
    use std::fmt::Write as _;
    if r.status == 499 {
        r.status = 460;
    }
    let (kind, scheme, port, proto) = match x.below(20) {
        0 => ("http", "http", 80, "HTTP/1.1"),
        1..=5 => ("h2", "https", 443, "HTTP/2.0"),
        _ => ("https", "https", 443, "HTTP/1.1"),
    };
    let target = format!("10.0.1.{}:80", 5 + x.below(4));
    let ms = millis(x, r);
    // (target, target status, error_reason): whether a target answered, and why not.
    let (target, target_status, reason) = match r.status {
        460 | 503 => ("-".to_string(), "-".to_string(), "-"),
        502 => match x.below(10) {
            0..=4 => (target, "502".to_string(), "-"),
            5..=7 => (target, "-".to_string(), "-"),
            _ => ("-".to_string(), "-".to_string(), "LambdaUnhandled"),
        },
        401 if x.below(5) == 0 => ("-".to_string(), "-".to_string(), "AuthInvalidCookie"),
        s => (target, s.to_string(), "-"),
    };
    let answered = target_status != "-";
    let times = if answered {
        format!("0.000 {} 0.000", secs3(ms))
    } else {
        "-1 -1 -1".to_string()
    };
    let micros = x.below(1_000_000);
    let c = Clock::of(r.t);
    let (tls_cipher, tls, domain, cert) = if kind == "http" {
        ("-", "-", "-", "-")
    } else {
        (
            "ECDHE-RSA-AES128-GCM-SHA256",
            "TLSv1.2",
            "www.example.com",
            CERTIFICATE,
        )
    };
    let _ = write!(
        line,
        "{kind} {}.{micros:06}Z app/my-alb/50dc6c495c0c9188 {}:{} {target} {times} {} {} {} {} \
         \"{} {scheme}://www.example.com:{port}{} {proto}\" \"{}\" {tls_cipher} {tls} {TARGET_GROUP} \
         \"Root=1-{:08x}-{}\" \"{domain}\" \"{cert}\" 0 {}.{micros:06}Z \"forward\" \"-\" \"{reason}\" \
         \"{target}\" \"{target_status}\" \"-\" \"-\" TID_{}",
        c.iso(),
        r.client,
        1024 + x.below(60_000),
        r.status,
        target_status,
        180 + x.below(700),
        r.body() + 250,
        r.method,
        r.uri(),
        r.agent,
        r.t,
        hex(x, 24),
        Clock::of(r.t - i64::try_from(ms / 1000).unwrap_or(0)).iso(),
        hex(x, 32),
    );
}

/// AWS Classic Load Balancer (`tests/data/elb.log`).
fn elb(line: &mut String, r: &mut Request<'_>, x: &mut Rng, _n: u64) {
    use std::fmt::Write as _;
    let ms = millis(x, r);
    let (backend, backend_status) = match r.status {
        503 => ("-".to_string(), "0".to_string()),
        502 => (format!("10.0.0.{}:80", 1 + x.below(4)), "0".to_string()),
        s => (format!("10.0.0.{}:80", 1 + x.below(4)), s.to_string()),
    };
    let times = if backend_status == "0" {
        "-1 -1 -1".to_string()
    } else {
        format!(
            "0.{:06} {}.{:06} 0.{:06}",
            20 + x.below(80),
            ms / 1000,
            (ms % 1000) * 1000 + x.below(1000),
            15 + x.below(40)
        )
    };
    let (url, tls) = if x.below(10) == 0 {
        ("http://www.example.com:80", "- -")
    } else {
        (
            "https://www.example.com:443",
            "ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2",
        )
    };
    let _ = write!(
        line,
        "{}.{:06}Z my-classic-lb {}:{} {backend} {times} {} {backend_status} {} {} \"{} {url}{} HTTP/1.1\" \"{}\" {tls}",
        Clock::of(r.t).iso(),
        x.below(1_000_000),
        r.client,
        1024 + x.below(60_000),
        r.status,
        if r.method == "POST" { 200 + x.below(2000) } else { 0 },
        if backend_status == "0" { 0 } else { r.body() },
        r.method,
        r.uri(),
        r.agent,
    );
}

const CLOUDFRONT_HEADER: &str = "#Version: 1.0\n#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end\n";

/// CloudFront standard log (`tests/data/cloudfront.log`): tab-separated, the two directives
/// once at the top.
fn cloudfront(line: &mut String, r: &mut Request<'_>, x: &mut Rng, _n: u64) {
    use std::fmt::Write as _;
    const EDGES: [&str; 6] = [
        "SIN2-C1", "FRA56-P3", "IAD89-C2", "LHR61-P1", "NRT57-C4", "GRU3-C1",
    ];
    let result = match r.status {
        304 => "RefreshHit",
        s if s >= 400 => "Error",
        // Static files are mostly served from the edge's cache.
        _ if (r.path.starts_with("/static/") || r.path.starts_with("/images/"))
            && x.below(10) < 8 =>
        {
            "Hit"
        }
        _ => "Miss",
    };
    let detailed = match r.status {
        502 => {
            if x.below(4) == 0 {
                "OriginDnsError"
            } else {
                "OriginConnectError"
            }
        }
        503 => "OriginReadError",
        499 => "ClientHungUpRequest",
        403 if x.below(4) == 0 => "ClientGeoBlocked",
        400 => "InvalidRequest",
        _ => result,
    };
    let ms = millis(x, r);
    let c = Clock::of(r.t);
    let query = r.page.map_or("-".to_string(), |p| format!("page={p}"));
    let agent = r.agent.replace(' ', "%20");
    let forwarded = if x.below(10) == 0 {
        format!("{}, 203.0.113.{}", r.client, 1 + x.below(250))
    } else {
        "-".to_string()
    };
    let (range_start, range_end) = if r.status == 206 {
        ("0".to_string(), r.body().saturating_sub(1).to_string())
    } else {
        ("-".to_string(), "-".to_string())
    };
    let _ = write!(
        line,
        "{}\t{}\t{}\t{}\t{}\t{}\td111111abcdef8.cloudfront.net\t{}\t{}\thttps://example.com/\t{agent}\t{query}\t-\t{result}\t{}==\twww.example.com\thttps\t{}\t{}\t{forwarded}\tTLSv1.3\tTLS_AES_128_GCM_SHA256\t{result}\tHTTP/2.0\t-\t-\t{}\t{}\t{detailed}\t{}\t{}\t{range_start}\t{range_end}",
        c.date(),
        c.hms(),
        EDGES[x.below(EDGES.len() as u64) as usize],
        r.body() + 320,
        r.client,
        r.method,
        r.path,
        r.status,
        base64ish(x, 54),
        120 + x.below(500),
        secs3(ms),
        1024 + x.below(60_000),
        secs3(ms.saturating_sub(1)),
        r.content_type(),
        r.size.map_or("-".to_string(), |s| s.to_string()),
    );
}

/// S3 server access log (`tests/data/s3.log`).
fn s3(line: &mut String, r: &mut Request<'_>, x: &mut Rng, _n: u64) {
    use std::fmt::Write as _;
    const OWNER: &str = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
    let key = r.path.trim_start_matches('/');
    let (op, key) = match (r.method, key) {
        ("GET", "") => ("REST.GET.BUCKET", "-"),
        ("GET", k) => ("REST.GET.OBJECT", k),
        ("HEAD", "") => ("REST.HEAD.BUCKET", "-"),
        ("HEAD", k) => ("REST.HEAD.OBJECT", k),
        (_, "") => ("REST.POST.BUCKET", "-"),
        (_, k) => ("REST.POST.OBJECT", k),
    };
    let error = match r.status {
        404 => "NoSuchKey",
        403 | 401 => "AccessDenied",
        503 => "SlowDown",
        500 => "InternalError",
        416 => "InvalidRange",
        400 => "InvalidArgument",
        499 => "RequestTimeout",
        _ => "-",
    };
    let ms = millis(x, r);
    let sent = match r.size {
        Some(s) if s > 0 && r.status < 400 => s.to_string(),
        _ if r.status >= 400 => (200 + x.below(150)).to_string(),
        _ => "-".to_string(),
    };
    let requester = if x.below(3) == 0 { "-" } else { OWNER };
    let _ = write!(
        line,
        "{OWNER} example-bucket [{} +0000] {} {requester} {} {op} {key} \"{} /example-bucket{} HTTP/1.1\" {} {error} {sent} {} {} {} \"https://example.com/\" \"{}\" - {}= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader example-bucket.s3.us-west-1.amazonaws.com TLSv1.2 - -",
        Clock::of(r.t).clf(),
        r.client,
        hex(x, 16).to_uppercase(),
        r.method,
        r.uri(),
        r.status,
        r.size.map_or("-".to_string(), |s| s.to_string()),
        ms,
        ms.saturating_sub(1),
        r.agent,
        base64ish(x, 75),
    );
}

/// HAProxy `option httplog` behind syslog (`tests/data/haproxy.log`). The termination state is
/// `----` when the exchange ended normally.
fn haproxy(line: &mut String, r: &mut Request<'_>, x: &mut Rng, _n: u64) {
    use std::fmt::Write as _;
    let ms = millis(x, r);
    let backend = if r.path.starts_with("/static/") || r.path.starts_with("/images/") {
        "static"
    } else {
        "app"
    };
    let server = format!("{backend}/srv{}", 1 + x.below(3));
    let (tr, tc) = (x.below(20), x.below(3));
    // (server, timers, termination state)
    let (server, timers, state) = match r.status {
        502 => {
            let state = if x.below(3) == 0 { "PH--" } else { "SH--" };
            (server, format!("{tr}/0/{tc}/{ms}/{}", ms + tr + tc), state)
        }
        503 => {
            if x.below(2) == 0 {
                (server, format!("{tr}/0/-1/-1/{}", 3000 + tr), "sC--")
            } else {
                (server, format!("{tr}/0/-1/-1/{}", tr + 1), "SC--")
            }
        }
        499 => {
            let state = if x.below(2) == 0 { "CH--" } else { "CD--" };
            (server, format!("{tr}/0/{tc}/-1/{}", ms + tr + tc), state)
        }
        403 if x.below(3) == 0 => (
            "https-in~/<NOSRV>".to_string(),
            format!("{tr}/-1/-1/-1/{tr}"),
            "PR--",
        ),
        200 if x.below(200) == 0 => (server, format!("{tr}/0/{tc}/{ms}/{}", 60_000 + ms), "cD--"),
        _ => (server, format!("{tr}/0/{tc}/{ms}/{}", ms + tr + tc), "----"),
    };
    let c = Clock::of(r.t);
    let conns = 20 + x.below(200);
    let _ = write!(
        line,
        "{} lb1 haproxy[14389]: {}:{} [{}.{:03}] https-in~ {server} {timers} {} {} - - {state} {conns}/{}/{}/{}/0 0/0 {{www.example.com|{}}} \"{} {} HTTP/1.1\"",
        c.syslog(),
        r.client,
        1024 + x.below(60_000),
        c.clf(),
        x.below(1000),
        r.status,
        r.body() + 180 + x.below(200),
        conns - x.below(10),
        1 + x.below(20),
        x.below(8),
        r.agent,
        r.method,
        r.uri(),
    );
}

/// Envoy's default access log (`tests/data/envoy.log`).
fn envoy(line: &mut String, r: &mut Request<'_>, x: &mut Rng, _n: u64) {
    use std::fmt::Write as _;
    let ms = millis(x, r);
    let upstream = format!("10.0.2.{}:8080", 1 + x.below(9));
    // (response flags, whether an upstream answered)
    let (flags, answered) = match r.status {
        503 => match x.below(3) {
            0 => ("UH", false),
            1 => ("UF,URX", false),
            _ => ("UO", false),
        },
        502 if x.below(2) == 0 => ("UPE", true),
        499 => ("DC", false),
        404 if x.below(10) == 0 => ("NR", false),
        _ => ("-", true),
    };
    let (service_time, upstream) = if answered {
        (ms.saturating_sub(1).to_string(), upstream.as_str())
    } else if flags == "DC" || flags == "UF,URX" {
        ("-".to_string(), upstream.as_str())
    } else {
        ("-".to_string(), "-")
    };
    let protocol = if x.below(5) == 0 {
        "HTTP/2"
    } else {
        "HTTP/1.1"
    };
    let received = if r.method == "POST" {
        100 + x.below(2000)
    } else {
        0
    };
    let _ = write!(
        line,
        "[{}.{:03}Z] \"{} {} {protocol}\" {} {flags} {received} {} {ms} {service_time} \"{}\" \"{}\" \"{}\" \"www.example.com\" \"{upstream}\"",
        Clock::of(r.t).iso(),
        x.below(1000),
        r.method,
        r.uri(),
        r.status,
        r.body(),
        r.client,
        r.agent,
        uuid(x),
    );
}

/// ingress-nginx (`tests/data/ingress_nginx.log`): combined, then the upstream fields; a few
/// requests tried a second upstream.
fn ingress_nginx(line: &mut String, r: &mut Request<'_>, x: &mut Rng, _n: u64) {
    use std::fmt::Write as _;
    let ms = millis(x, r);
    let (a, b) = (
        format!("10.244.0.{}:8080", 5 + x.below(6)),
        format!("10.244.1.{}:8080", 5 + x.below(6)),
    );
    let body = r.body();
    let upstream = match r.status {
        503 => "- - - -".to_string(),
        502 if x.below(2) == 0 => format!("{a}, {b} 0, 0 0.001, {} 502, 502", secs3(ms)),
        502 => format!("{a} 0 {} 502", secs3(ms)),
        499 => format!("{a} 0 {} -", secs3(ms)),
        s if s < 400 && x.below(100) == 0 => {
            format!("{a}, {b} 0, {body} 0.001, {} 502, {s}", secs3(ms))
        }
        s => format!("{a} {body} {} {s}", secs3(ms)),
    };
    let _ = write!(
        line,
        "{} - - [{} +0000] \"{} {} HTTP/1.1\" {} {body} \"https://example.com/\" \"{}\" {} {} [default-web-80] [] {upstream} {}",
        r.client,
        Clock::of(r.t).clf(),
        r.method,
        r.uri(),
        r.status,
        r.agent,
        250 + x.below(400),
        secs3(ms + 1),
        hex(x, 32),
    );
}

/// varnishncsa's default format (`tests/data/varnish.log`): the request holds the absolute URL.
fn varnish(line: &mut String, r: &mut Request<'_>, _x: &mut Rng, _n: u64) {
    use std::fmt::Write as _;
    let _ = write!(
        line,
        "{} - - [{} +0000] \"{} http://www.example.com{} HTTP/1.1\" {} {} \"https://example.com/\" \"{}\"",
        r.client,
        Clock::of(r.t).clf(),
        r.method,
        r.uri(),
        r.status,
        r.body(),
        r.agent,
    );
}

/// Traefik's JSON access log (`tests/data/traefik.json`), keys in Traefik's (sorted) order.
fn traefik(line: &mut String, r: &mut Request<'_>, x: &mut Rng, n: u64) {
    use std::fmt::Write as _;
    let ms = millis(x, r);
    let origin = match r.status {
        503 | 499 => 0,
        502 if x.below(2) == 0 => 0,
        s => s,
    };
    let port = 1024 + x.below(60_000);
    let c = Clock::of(r.t);
    let nanos = x.below(1_000_000_000);
    let duration = ms * 1_000_000 + x.below(1_000_000);
    let overhead = 50_000 + x.below(300_000);
    let _ = write!(
        line,
        "{{\"ClientAddr\":\"{}:{port}\",\"ClientHost\":\"{}\",\"ClientPort\":\"{port}\",\"ClientUsername\":\"-\",\"DownstreamContentSize\":{},\"DownstreamStatus\":{},\"Duration\":{duration},\"OriginContentSize\":{},\"OriginDuration\":{},\"OriginStatus\":{origin},\"Overhead\":{overhead},\"RequestAddr\":\"www.example.com\",\"RequestContentSize\":{},\"RequestCount\":{},\"RequestHost\":\"www.example.com\",\"RequestMethod\":\"{}\",\"RequestPath\":\"{}\",\"RequestPort\":\"-\",\"RequestProtocol\":\"HTTP/1.1\",\"RequestScheme\":\"https\",\"RetryAttempts\":0,\"RouterName\":\"web@docker\",\"ServiceAddr\":\"10.0.3.{}:8080\",\"ServiceName\":\"web@docker\",\"ServiceURL\":\"http://10.0.3.4:8080\",\"StartLocal\":\"{}.{nanos:09}Z\",\"StartUTC\":\"{}.{nanos:09}Z\",\"TLSCipher\":\"TLS_AES_128_GCM_SHA256\",\"TLSVersion\":\"1.3\",\"entryPoint\":\"websecure\",\"level\":\"info\",\"msg\":\"\",\"request_User-Agent\":\"{}\",\"time\":\"{}Z\"}}",
        r.client,
        r.client,
        r.body(),
        r.status,
        if origin == 0 { 0 } else { r.body() },
        duration.saturating_sub(overhead),
        if r.method == "POST" { 100 + x.below(2000) } else { 0 },
        n + 1,
        r.method,
        r.uri(),
        1 + x.below(8),
        c.iso(),
        c.iso(),
        r.agent,
        c.iso(),
    );
}

/// Google Cloud HTTP(S) load balancer log entry (`tests/data/gclb.json`).
fn gclb(line: &mut String, r: &mut Request<'_>, x: &mut Rng, _n: u64) {
    use std::fmt::Write as _;
    let details = match r.status {
        502 => {
            if x.below(2) == 0 {
                "failed_to_connect_to_backend"
            } else {
                "backend_connection_closed_before_data_sent_to_client"
            }
        }
        503 => "failed_to_pick_backend",
        499 => "client_disconnected_before_any_response",
        _ => "response_sent_by_backend",
    };
    let ms = millis(x, r);
    let micros = x.below(1_000_000);
    let c = Clock::of(r.t);
    let _ = write!(
        line,
        "{{\"insertId\":\"{}\",\"jsonPayload\":{{\"@type\":\"type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry\",\"backendTargetProjectNumber\":\"projects/123456789012\",\"remoteIp\":\"{}\",\"statusDetails\":\"{details}\"}},\"httpRequest\":{{\"requestMethod\":\"{}\",\"requestUrl\":\"https://www.example.com{}\",\"requestSize\":\"{}\",\"status\":{},\"responseSize\":\"{}\",\"userAgent\":\"{}\",\"remoteIp\":\"{}\",\"referer\":\"https://example.com/\",\"serverIp\":\"10.128.0.{}\",\"latency\":\"{}s\"}},\"resource\":{{\"type\":\"http_load_balancer\",\"labels\":{{\"backend_service_name\":\"web-backend\",\"forwarding_rule_name\":\"web-https\",\"project_id\":\"example-project\",\"target_proxy_name\":\"web-proxy\",\"url_map_name\":\"web-map\",\"zone\":\"global\"}}}},\"timestamp\":\"{}.{micros:06}Z\",\"severity\":\"INFO\",\"logName\":\"projects/example-project/logs/requests\",\"trace\":\"projects/example-project/traces/{}\",\"receiveTimestamp\":\"{}.{:09}Z\"}}",
        hex(x, 14),
        r.client,
        r.method,
        r.uri(),
        120 + x.below(600),
        r.status,
        r.body() + 250,
        r.agent,
        r.client,
        2 + x.below(20),
        secs3(ms),
        c.iso(),
        hex(x, 32),
        Clock::of(r.t + 1).iso(),
        x.below(1_000_000_000),
    );
}

/// Azure Front Door access log (`tests/data/azure_frontdoor.json`).
fn azure_frontdoor(line: &mut String, r: &mut Request<'_>, x: &mut Rng, _n: u64) {
    use std::fmt::Write as _;
    const POPS: [&str; 5] = ["SIN", "AMS", "IAD", "LHR", "NRT"];
    let error = match r.status {
        502 => {
            if x.below(2) == 0 {
                "OriginConnectionError"
            } else {
                "OriginInvalidResponse"
            }
        }
        503 => "OriginTimeout",
        499 => "ClientDisconnected",
        403 if x.below(4) == 0 => "ClientGeoBlocked",
        _ => "NoError",
    };
    let cache = match r.status {
        304 => "REMOTE_HIT",
        200 | 206 if r.path.starts_with("/static/") || r.path.starts_with("/images/") => "HIT",
        _ => "MISS",
    };
    let ms = millis(x, r);
    let c = Clock::of(r.t);
    let _ = write!(
        line,
        "{{\"time\":\"{}.{:07}Z\",\"resourceId\":\"/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.CDN/PROFILES/FD\",\"category\":\"FrontDoorAccessLog\",\"operationName\":\"Microsoft.Cdn/Profiles/AccessLog/Write\",\"properties\":{{\"trackingReference\":\"{}T{}Z-{}\",\"httpMethod\":\"{}\",\"httpVersion\":\"2.0.0\",\"requestUri\":\"https://www.contoso.example:443{}\",\"sni\":\"www.contoso.example\",\"requestBytes\":\"{}\",\"responseBytes\":\"{}\",\"userAgent\":\"{}\",\"clientIp\":\"{}\",\"clientPort\":\"{}\",\"socketIp\":\"{}\",\"timeToFirstByte\":\"{}\",\"timeTaken\":\"{}\",\"requestProtocol\":\"HTTPS\",\"securityProtocol\":\"TLS 1.2\",\"rulesEngineMatchNames\":[],\"httpStatusCode\":\"{}\",\"httpStatusDetails\":\"{}\",\"pop\":\"{}\",\"cacheStatus\":\"{cache}\",\"errorInfo\":\"{error}\",\"result\":\"\",\"endpoint\":\"www-contoso.z01.azurefd.net\",\"hostName\":\"www.contoso.example\",\"originUrl\":\"https://origin.contoso.example:443{}\",\"originIp\":\"203.0.113.{}:443\",\"originName\":\"origin.contoso.example:443\",\"referer\":\"https://example.com/\",\"clientCountry\":\"Singapore\"}}}}",
        c.iso(),
        x.below(10_000_000),
        c.date().replace('-', ""),
        c.hms().replace(':', ""),
        hex(x, 20),
        r.method,
        r.uri(),
        120 + x.below(600),
        r.body() + 300,
        r.agent,
        r.client,
        1024 + x.below(60_000),
        r.client,
        secs3(ms.saturating_sub(1)),
        secs3(ms),
        r.status,
        r.status,
        POPS[x.below(POPS.len() as u64) as usize],
        r.uri(),
        10 + x.below(4),
    );
}

/// Azure Application Gateway access log (`tests/data/azure_appgw.json`).
fn azure_appgw(line: &mut String, r: &mut Request<'_>, x: &mut Rng, _n: u64) {
    use std::fmt::Write as _;
    let server = format!("10.0.0.{}:443", 4 + x.below(4));
    let (server, server_status) = match r.status {
        503 | 499 => ("-".to_string(), "-".to_string()),
        502 if x.below(2) == 0 => (server, "-".to_string()),
        s => (server, s.to_string()),
    };
    let ms = millis(x, r);
    let latency = if server_status == "-" {
        "-".to_string()
    } else {
        secs3(ms.saturating_sub(2))
    };
    let query = r.page.map(|p| format!("page={p}")).unwrap_or_default();
    let _ = write!(
        line,
        "{{\"resourceId\":\"/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.NETWORK/APPLICATIONGATEWAYS/AGW\",\"operationName\":\"ApplicationGatewayAccess\",\"time\":\"{}Z\",\"category\":\"ApplicationGatewayAccessLog\",\"properties\":{{\"instanceId\":\"appgw_{}\",\"clientIP\":\"{}\",\"clientPort\":{},\"httpMethod\":\"{}\",\"originalRequestUriWithArgs\":\"{}\",\"requestUri\":\"{}\",\"requestQuery\":\"{query}\",\"userAgent\":\"{}\",\"httpStatus\":{},\"httpVersion\":\"HTTP/1.1\",\"receivedBytes\":{},\"sentBytes\":{},\"timeTaken\":{},\"WAFEvaluationTime\":\"0.000\",\"WAFMode\":\"Detection\",\"transactionId\":\"{}\",\"sslEnabled\":\"on\",\"sslCipher\":\"ECDHE-RSA-AES256-GCM-SHA384\",\"sslProtocol\":\"TLSv1.2\",\"host\":\"shop.example\",\"originalHost\":\"shop.example\",\"serverRouted\":\"{server}\",\"serverStatus\":\"{server_status}\",\"serverResponseLatency\":\"{latency}\"}}}}",
        Clock::of(r.t).iso(),
        x.below(3),
        r.client,
        1024 + x.below(60_000),
        r.method,
        r.uri(),
        r.path,
        r.agent,
        r.status,
        120 + x.below(600),
        r.body() + 300,
        secs3(ms),
        hex(x, 32),
    );
}

/// Cloudflare Logpush (`tests/data/cloudflare.json`), keys in Logpush's (sorted) order.
fn cloudflare(line: &mut String, r: &mut Request<'_>, x: &mut Rng, _n: u64) {
    use std::fmt::Write as _;
    const COLOS: [&str; 5] = ["SIN", "AMS", "IAD", "LHR", "NRT"];
    let origin = match r.status {
        499 => 0,
        502 | 503 if x.below(2) == 0 => 0,
        s => s,
    };
    let cache = match r.status {
        304 => "revalidated",
        200 | 206 if r.path.starts_with("/static/") || r.path.starts_with("/images/") => "hit",
        _ if r.path.starts_with("/api/") => "dynamic",
        _ => "miss",
    };
    let ms = millis(x, r);
    let _ = write!(
        line,
        "{{\"CacheCacheStatus\":\"{cache}\",\"ClientIP\":\"{}\",\"ClientRequestHost\":\"www.example.com\",\"ClientRequestMethod\":\"{}\",\"ClientRequestProtocol\":\"HTTP/2\",\"ClientRequestURI\":\"{}\",\"ClientRequestUserAgent\":\"{}\",\"EdgeColoCode\":\"{}\",\"EdgeEndTimestamp\":\"{}Z\",\"EdgeResponseBytes\":{},\"EdgeResponseStatus\":{},\"EdgeStartTimestamp\":\"{}Z\",\"OriginResponseStatus\":{origin},\"RayID\":\"{}\"}}",
        r.client,
        r.method,
        r.uri(),
        r.agent,
        COLOS[x.below(COLOS.len() as u64) as usize],
        Clock::of(r.t + i64::try_from(ms / 1000).unwrap_or(0)).iso(),
        r.body() + 400,
        r.status,
        Clock::of(r.t).iso(),
        hex(x, 16),
    );
}

/// Caddy's JSON access log as `docker compose logs` shows it (`tests/data/caddy_compose.log`),
/// without the start-up lines (they have no status).
fn caddy_compose(line: &mut String, r: &mut Request<'_>, x: &mut Rng, _n: u64) {
    use std::fmt::Write as _;
    let ms = millis(x, r);
    let level = if r.status >= 500 { "error" } else { "info" };
    let _ = write!(
        line,
        "caddy-1  | {{\"level\":\"{level}\",\"ts\":{}.{:06},\"logger\":\"http.log.access.log0\",\"msg\":\"handled request\",\"request\":{{\"remote_ip\":\"{}\",\"remote_port\":\"{}\",\"client_ip\":\"{}\",\"proto\":\"HTTP/2.0\",\"method\":\"{}\",\"host\":\"www.example.com\",\"uri\":\"{}\",\"headers\":{{\"User-Agent\":[\"{}\"],\"Accept\":[\"*/*\"],\"Accept-Encoding\":[\"gzip, deflate, br\"],\"Referer\":[\"https://example.com/\"]}},\"tls\":{{\"resumed\":false,\"version\":772,\"cipher_suite\":4865,\"proto\":\"h2\",\"server_name\":\"www.example.com\"}}}},\"bytes_read\":{},\"user_id\":\"\",\"duration\":{}.{:06},\"size\":{},\"status\":{},\"resp_headers\":{{\"Server\":[\"Caddy\"],\"Alt-Svc\":[\"h3=\\\":443\\\"; ma=2592000\"],\"Content-Type\":[\"{}\"]}}}}",
        r.t,
        x.below(1_000_000),
        r.client,
        1024 + x.below(60_000),
        r.client,
        r.method,
        r.uri(),
        r.agent,
        if r.method == "POST" { 100 + x.below(2000) } else { 0 },
        ms / 1000,
        (ms % 1000) * 1000 + x.below(1000),
        r.body(),
        r.status,
        r.content_type(),
    );
}

/// nginx with a JSON `log_format` (`escape=json`), keys named after nginx's variables, as the
/// first lines of `tests/data/json.log`.
fn nginx_json(line: &mut String, r: &mut Request<'_>, x: &mut Rng, _n: u64) {
    use std::fmt::Write as _;
    let ms = millis(x, r);
    let _ = write!(
        line,
        "{{\"time\":\"{}+00:00\",\"remote_addr\":\"{}\",\"remote_user\":\"\",\"request\":\"{} {} HTTP/1.1\",\"status\":{},\"body_bytes_sent\":{},\"request_length\":{},\"request_time\":{},\"http_referer\":\"https://example.com/\",\"http_user_agent\":\"{}\"}}",
        Clock::of(r.t).iso(),
        r.client,
        r.method,
        r.uri(),
        r.status,
        r.body(),
        250 + x.below(400),
        secs3(ms),
        r.agent,
    );
}
