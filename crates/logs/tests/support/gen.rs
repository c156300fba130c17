//! A seeded generator of realistic access logs (NCSA combined and IIS W3C), shared by the tests
//! and the benchmark (`examples/genlog.rs`). The same seed gives the same bytes on every machine.
#![allow(
    clippy::cast_possible_truncation,
    reason = "test data: indexes below small table sizes, days and months in range"
)]

use std::io::{self, Write};

/// SplitMix64: small, fast, good enough for test data.
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
    let mut rng = Rng::new(seed);
    let mut t: i64 = 1_704_067_200; // 2024-01-01T00:00:00Z
    let (mut written, mut lines) = (0u64, 0u64);
    let mut line = String::with_capacity(512);
    let ips: Vec<String> = (0..5000).map(|_| ip(&mut rng, 5000)).collect();
    while written < bytes {
        t += i64::from(rng.below(100) < 8);
        let (y, m, d) = civil(t.div_euclid(86_400));
        let s = t.rem_euclid(86_400);
        let (status, _, _) = pick_status(&mut rng);
        let path = PATHS[rng.skewed(PATHS.len() as u64) as usize];
        let method = match rng.below(100) {
            0..=89 => "GET",
            90..=97 => "POST",
            _ => "HEAD",
        };
        let query = if rng.below(10) == 0 {
            format!("?page={}", rng.below(50))
        } else {
            String::new()
        };
        let size = if status == 304 {
            "-".to_string()
        } else {
            rng.below(50_000).to_string()
        };
        line.clear();
        use std::fmt::Write as _;
        let _ = writeln!(
            line,
            "{} - - [{:02}/{}/{}:{:02}:{:02}:{:02} +0000] \"{} {}{} HTTP/1.1\" {} {} \"https://example.com/\" \"{}\"",
            ips[rng.skewed(ips.len() as u64) as usize],
            d,
            MONTHS[(m - 1) as usize],
            y,
            s / 3600,
            s / 60 % 60,
            s % 60,
            method,
            path,
            query,
            status,
            size,
            AGENTS[rng.below(AGENTS.len() as u64) as usize]
        );
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
