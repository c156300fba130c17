//! `httpstatus serve`: flags into a server `Config`, logging, signals, and the runtime.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use crate::exit;

/// Options of `httpstatus serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; 0.0.0.0:8080 to accept other machines (containers).
    #[arg(long, env = "HTTPSTATUS_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Longest delay a client may ask for, in seconds (?sleep=, ?delay=, /delay/{n}, /drip).
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub max_delay: f64,

    /// A host /redirect-to may send clients to (repeatable); relative targets are always allowed.
    /// '*' allows any host, as httpbin does: an open redirect, unsafe on a public host.
    #[arg(long = "allow-redirect-host", value_name = "HOST")]
    pub allow_redirect_hosts: Vec<String>,

    /// Largest request body in bytes; larger gets 413.
    #[arg(long, value_name = "BYTES", default_value_t = 1024 * 1024)]
    pub max_body: usize,

    /// Most connections served at once; more are closed at accept.
    #[arg(long, value_name = "N", default_value_t = 1024)]
    pub max_connections: usize,

    /// Seconds a client has to send a request head; also the keep-alive idle limit.
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    pub header_timeout: u64,

    /// Seconds in-flight requests get to finish after SIGTERM or SIGINT.
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    pub grace: u64,

    /// An environment variable /env may show (repeatable); /env shows none by default.
    #[arg(long = "expose-env", value_name = "NAME")]
    pub expose_env: Vec<String>,

    /// Let /hostname answer this machine's real host name instead of "httpstatus".
    #[arg(long)]
    pub real_hostname: bool,

    /// Serve HTTPS with this certificate chain (PEM, leaf first); needs --tls-key. HTTP/2 and
    /// HTTP/1.1 are offered by ALPN.
    #[arg(
        long,
        value_name = "FILE",
        requires = "tls_key",
        conflicts_with = "tls_self_signed"
    )]
    pub tls_cert: Option<PathBuf>,

    /// The private key of --tls-cert (PEM: PKCS#8, PKCS#1 or SEC1).
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// Serve HTTPS with a certificate for localhost, 127.0.0.1 and ::1 made at start (its
    /// SHA-256 fingerprint is printed on stderr). Without TLS flags the server speaks cleartext
    /// HTTP/1.1 and HTTP/2 (h2c, with prior knowledge or by Upgrade).
    #[arg(long)]
    pub tls_self_signed: bool,

    /// The address people reach the web reference at, such as https://status.example.org (a
    /// scheme, a host and maybe a port; no path, query or fragment). Pages link to it absolutely (canonical
    /// and hreflang links), and /robots.txt and /sitemap.xml list it. Default:
    /// http://localhost:<port of --addr> (https:// with TLS).
    // The doc comment is the --help text, where a URL stays as it is written.
    #[allow(rustdoc::bare_urls)]
    #[arg(long, env = "HTTPSTATUS_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,

    /// Request log format on stderr.
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
    Off,
}

pub fn run(args: &ServeArgs) -> Result<u8> {
    if !(args.max_delay.is_finite() && args.max_delay >= 0.0) {
        eprintln!("httpstatus: --max-delay must be a number of seconds, 0 or more");
        return Ok(exit::USAGE);
    }
    let tls = match (&args.tls_cert, &args.tls_key, args.tls_self_signed) {
        (Some(cert), Some(key), _) => {
            Some(httpstatus_server::TlsSettings::from_pem_files(cert, key))
        }
        (_, _, true) => Some(httpstatus_server::TlsSettings::self_signed()),
        _ => None,
    };
    let tls = match tls.transpose() {
        Ok(tls) => tls,
        Err(e) => {
            eprintln!("httpstatus: {e}");
            return Ok(exit::USAGE);
        }
    };
    let public_url = match args
        .public_url
        .as_deref()
        .map(httpstatus_server::parse_public_url)
    {
        None => None,
        Some(Ok(url)) => Some(url),
        Some(Err(e)) => {
            eprintln!("httpstatus: --public-url: {e}");
            return Ok(exit::USAGE);
        }
    };
    let config = httpstatus_server::Config {
        addr: args.addr,
        public_url,
        max_delay: Duration::from_secs_f64(args.max_delay.min(3600.0 * 24.0)),
        allow_redirect_hosts: args.allow_redirect_hosts.clone(),
        max_body_bytes: args.max_body,
        max_connections: args.max_connections,
        header_read_timeout: Duration::from_secs(args.header_timeout.max(1)),
        shutdown_grace: Duration::from_secs(args.grace),
        expose_env: args.expose_env.clone(),
        hostname: args.real_hostname.then(real_hostname),
        tls,
        ..httpstatus_server::Config::default()
    };
    if let Err(e) = config.validate() {
        eprintln!("httpstatus: {e}");
        return Ok(exit::USAGE);
    }
    // Declared before the runtime so that it is dropped after it: every line logged while
    // serving, and at shutdown, reaches stderr before the process exits.
    let _log_guard = init_logging(args.log_format);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    runtime.block_on(async move {
        let shutdown = shutdown_signal().context("installing the SIGINT and SIGTERM handlers")?;
        let listener = match tokio::net::TcpListener::bind(config.addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("httpstatus: cannot listen on {}: {e}", config.addr);
                return Ok(exit::USAGE);
            }
        };
        let local = listener.local_addr().context("reading the bound address")?;
        tracing::info!(addr = %local, "httpstatus serving: web reference at /, API at /api/v1, test endpoints at /endpoints");
        match &config.tls {
            Some(tls) => {
                let kind = if tls.is_self_signed() {
                    "self-signed certificate for localhost, 127.0.0.1 and ::1"
                } else {
                    "certificate"
                };
                eprintln!("httpstatus: {kind}, SHA-256 fingerprint {}", tls.fingerprint());
                eprintln!("httpstatus: listening on https://{local}");
            }
            None => eprintln!("httpstatus: listening on http://{local}"),
        }
        httpstatus_server::serve(listener, config, shutdown).await.context("serving")?;
        Ok(exit::FOUND)
    })
}

/// No log at all: a subscriber that turns every event and span off, so the spans `h2` opens on
/// every frame cost nothing. (Without a subscriber, and with `tracing`'s `log` feature switched on
/// by any dependency, as axum's `tower-log` did, every span was built for the `log` crate: about
/// 10,000 instructions an HTTP/2 request, counted with callgrind.)
fn silence() {
    use tracing_subscriber::layer::SubscriberExt as _;
    let off = tracing_subscriber::registry().with(tracing_subscriber::filter::LevelFilter::OFF);
    let _ = tracing::subscriber::set_global_default(off);
}

/// Installs the log subscriber and the request log. A request hands its record to a bounded
/// queue; a writer thread formats what has come in and writes it to stderr in batches, so no
/// request waits on stderr or pays for formatting. When the queue is full an entry is dropped
/// (and counted in `/metrics`), never the request delayed. What is left is written when the
/// returned guard is dropped: keep it until serving has ended. Colour only on a terminal, and
/// never with `NO_COLOR` set.
fn init_logging(format: LogFormat) -> Option<crate::log_writer::Guard> {
    use crate::log_writer::{Hook, Style};
    use std::io::IsTerminal as _;
    use tracing_subscriber::EnvFilter;
    if format == LogFormat::Off {
        silence();
        return None;
    }
    let filter =
        EnvFilter::try_from_env("HTTPSTATUS_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let ansi = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let style = match format {
        LogFormat::Json => Style::Json,
        LogFormat::Text | LogFormat::Off if ansi => Style::TextAnsi,
        LogFormat::Text | LogFormat::Off => Style::Text,
    };
    let (writer, guard) = match crate::log_writer::start(std::io::stderr(), style) {
        Ok(started) => started,
        Err(e) => {
            eprintln!("httpstatus: no request log: cannot start its writer thread: {e}");
            silence();
            return None;
        }
    };
    let dropped = std::sync::Arc::clone(&writer);
    httpstatus_server::report_log_drops(move || dropped.dropped());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(std::sync::Arc::clone(&writer));
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text | LogFormat::Off => builder.try_init(),
    };
    // HTTPSTATUS_LOG decides whether requests are logged, as it did when they were events.
    if tracing::enabled!(target: "httpstatus::access", tracing::Level::INFO) {
        httpstatus_server::set_access_log(Hook(writer));
    }
    Some(guard)
}

/// Installs the SIGINT (Ctrl-C) and SIGTERM handlers now and returns a future that completes
/// on either. Installed before the address is printed, so a signal sent as soon as the server
/// answers is never lost: a handler first installed when the future was polled left a window in
/// which SIGTERM still killed the process outright.
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut interrupt = signal(SignalKind::interrupt())?;
        let mut terminate = signal(SignalKind::terminate())?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {},
                _ = terminate.recv() => {},
            }
            tracing::info!("signal received: shutting down");
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
            tracing::info!("signal received: shutting down");
        })
    }
}

/// The machine's host name, as the kernel reports it; "localhost" when it cannot be read.
fn real_hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "localhost".to_string())
}
