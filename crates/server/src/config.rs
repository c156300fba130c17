//! Server settings with safe defaults. The CLI fills them from flags and environment.

use std::fmt;
use std::net::SocketAddr;
use std::time::Duration;

use crate::tls::TlsSettings;

/// Everything `serve` needs to know. `Default` is what `httpstatus serve` uses with no flags.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where to listen (default 127.0.0.1:8080).
    pub addr: SocketAddr,
    /// Longest delay a client may ask for (`?sleep=`, `?delay=`, `/delay/{n}`, `/drip`).
    pub max_delay: Duration,
    /// Hosts that `/redirect-to` may send clients to; relative targets are always allowed.
    pub allow_redirect_hosts: Vec<String>,
    /// Largest request body accepted; larger gets a real 413.
    pub max_body_bytes: usize,
    /// Longest request target (path and query) accepted; longer gets a real 414.
    pub max_uri_bytes: usize,
    /// Largest request head (request line and headers) hyper buffers; larger gets 431.
    pub max_header_bytes: usize,
    /// Time a client has to send a complete request head.
    pub header_read_timeout: Duration,
    /// Connections open at once; further ones are closed at accept.
    pub max_connections: usize,
    /// Time in-flight requests get to finish after SIGTERM/SIGINT.
    pub shutdown_grace: Duration,
    /// Environment variables `/env` may show (by exact name); none by default, so that no
    /// secret of the server's environment ever reaches a client.
    pub expose_env: Vec<String>,
    /// What `/hostname` answers: `None` gives the placeholder `httpstatus` (as go-httpbin
    /// answers `go-httpbin`), so that the machine's name is not disclosed unless asked for.
    pub hostname: Option<String>,
    /// TLS on the listener (HTTPS, with HTTP/2 and HTTP/1.1 offered by ALPN); `None` serves
    /// cleartext HTTP/1.1 and HTTP/2 with prior knowledge (h2c).
    pub tls: Option<TlsSettings>,
    /// Most streams one HTTP/2 connection may have open at once; more are refused
    /// (`REFUSED_STREAM`), the connection's other streams go on.
    pub h2_max_concurrent_streams: u32,
    /// Interval of HTTP/2 keep-alive pings on an idle connection (`None`: no pings); a peer that
    /// does not answer one within 20 seconds is disconnected.
    pub h2_keep_alive: Option<Duration>,
    /// The address the web reference is reached at, such as `https://status.example.org` (a
    /// scheme, a host, maybe a port; no path, query or fragment, no trailing slash; see
    /// [`parse_public_url`]). Canonical and `hreflang` links are made absolute with it, and
    /// `/robots.txt` and `/sitemap.xml` list it. `None`: `http://localhost:<port>` with the port
    /// the server listens on ([`Config::public_url`]).
    pub public_url: Option<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            max_delay: Duration::from_secs(10),
            allow_redirect_hosts: Vec::new(),
            max_body_bytes: 1024 * 1024,
            max_uri_bytes: 8 * 1024,
            max_header_bytes: 16 * 1024,
            header_read_timeout: Duration::from_secs(10),
            max_connections: 1024,
            shutdown_grace: Duration::from_secs(10),
            expose_env: Vec::new(),
            hostname: None,
            tls: None,
            h2_max_concurrent_streams: 100,
            h2_keep_alive: None,
            public_url: None,
        }
    }
}

/// A setting that cannot work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    pub(crate) fn new(message: String) -> ConfigError {
        ConfigError(message)
    }
}

/// Checks a public URL (`--public-url`) and gives it without its trailing slash: an `http` or
/// `https` URL with a host and maybe a port; no path (every link of the reference is
/// root-relative), query, fragment, user info or white space.
pub fn parse_public_url(raw: &str) -> Result<String, ConfigError> {
    let bad = |why: &str| Err(ConfigError(format!("public URL {raw:?}: {why}")));
    let Some((scheme, rest)) = raw.split_once("://") else {
        return bad("must start with http:// or https://");
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return bad("must start with http:// or https://");
    }
    if raw.contains(['?', '#']) {
        return bad("must not have a query or a fragment");
    }
    if raw
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
    {
        return bad("must not contain spaces, quotes or angle brackets");
    }
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if !path.trim_end_matches('/').is_empty() {
        // Every link of the reference is root-relative (`/codes/404`).
        return bad("must not have a path: the reference is served at the root");
    }
    if host.is_empty() || host.starts_with(':') {
        return bad("has no host");
    }
    if host.contains('@') {
        return bad("must not carry user information");
    }
    if let Some((_, port)) = host.rsplit_once(':').filter(|_| !host.ends_with(']')) {
        if port.parse::<u16>().is_err() {
            return bad("has an invalid port");
        }
    }
    Ok(format!("{}://{host}", scheme.to_ascii_lowercase()))
}

impl Config {
    /// The public URL the pages link to absolutely: [`Config::public_url`] when set, otherwise
    /// `http://localhost:<port>` with `port` (the port the server listens on), `https://` when
    /// the server speaks TLS.
    pub fn public_url_or_default(&self, port: u16) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None if self.tls.is_some() => format!("https://localhost:{port}"),
            None => format!("http://localhost:{port}"),
        }
    }

    /// Checks that the settings make sense together.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.max_connections == 0 {
            return Err(ConfigError("max connections must be at least 1".into()));
        }
        if self.max_header_bytes < 8 * 1024 {
            // hyper needs room for its read buffer; below 8 KiB ordinary browsers fail.
            return Err(ConfigError(
                "max header size must be at least 8192 bytes".into(),
            ));
        }
        if self.h2_max_concurrent_streams == 0 {
            return Err(ConfigError(
                "HTTP/2 max concurrent streams must be at least 1".into(),
            ));
        }
        if self.max_uri_bytes < 256 {
            return Err(ConfigError(
                "max URI length must be at least 256 bytes".into(),
            ));
        }
        if self.max_delay > Duration::from_secs(3600) {
            return Err(ConfigError("max delay must be at most one hour".into()));
        }
        for name in &self.expose_env {
            if name.is_empty() || name.contains(['=', '\0']) {
                return Err(ConfigError(format!(
                    "environment variable name {name:?} must be non-empty, without '=' or NUL"
                )));
            }
        }
        if let Some(url) = &self.public_url {
            parse_public_url(url)?;
        }
        for host in &self.allow_redirect_hosts {
            if host == "*" {
                continue;
            }
            if host.is_empty() || host.contains(['/', '\\', '@', ' ']) {
                return Err(ConfigError(format!(
                    "redirect host {host:?} must be a bare host name"
                )));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_urls_are_checked_and_trimmed() {
        assert_eq!(
            parse_public_url("https://status.example.org/").unwrap(),
            "https://status.example.org"
        );
        assert_eq!(
            parse_public_url("HTTP://localhost:8080//").unwrap(),
            "http://localhost:8080"
        );
        assert_eq!(
            parse_public_url("http://[::1]:8080").unwrap(),
            "http://[::1]:8080"
        );
        for bad in [
            "status.example.org",
            "ftp://example.org",
            "https://example.org/?a=1",
            "https://example.org/docs",
            "https://example.org/#top",
            "https://",
            "https://:8080",
            "https://user@example.org",
            "https://example.org:http",
            "https://exa mple.org",
        ] {
            let err = parse_public_url(bad).unwrap_err().to_string();
            assert!(!err.contains('\n') && err.contains(bad), "{bad}: {err}");
        }
        let config = Config {
            public_url: Some("ftp://x".into()),
            ..Config::default()
        };
        assert!(config.validate().is_err());
        assert_eq!(
            Config::default().public_url_or_default(9000),
            "http://localhost:9000"
        );
    }
}
