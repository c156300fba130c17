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
    /// The server's public origin (`https://status.example.org`), for the absolute URLs of
    /// `/robots.txt` and `/sitemap.xml`; `None` means `http://localhost:<port of addr>`.
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

impl Config {
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
