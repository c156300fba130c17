//! The accept loop: HTTP/1.1 and HTTP/2 connections, in cleartext or TLS, with a connection
//! cap, a header-read timeout that also bounds idle keep-alive time (so a slow or silent client
//! cannot hold the server), a cap on the request head size, upgrades (for a real 101), and
//! graceful shutdown.
//!
//! Each connection starts with [`sniff`], which reads until the first bytes either are the whole
//! HTTP/2 connection preface (`PRI * HTTP/2.0`: prior knowledge, or after ALPN `h2` on TLS) or
//! differ from it, under the header-read timeout counted from accept (with TLS the handshake
//! falls under it too). HTTP/2 goes to [`crate::http2`], served on the `h2` crate (so that real
//! 1xx responses can be sent there too); anything else to hyper's HTTP/1.1 server, the bytes read
//! so far replayed first. `Upgrade: h2c` on an HTTP/1.1 request is not supported (neither `h2`
//! nor hyper can start a server connection from an upgraded request, and RFC 9113 §3.1
//! deprecates it): such a request is served over HTTP/1.1 and the header is ignored, as RFC 9110
//! §7.8 allows.
//!
//! Around hyper's HTTP/1.1, per connection: [`FirstLine`] checks the first request line (414,
//! 505, a higher HTTP/1 minor version served as 1.1) and writes interim responses; header names
//! go out in `Title-Case`, as httpbin and go-httpbin send them and as test helpers match them;
//! per request: unread request bodies are read away ([`crate::request_body`]) and every status
//! line carries the registry's reason phrase.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::ConnectInfo;
use bytes::Bytes;
use futures_util::FutureExt as _;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncReadExt as _, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tokio::time::Instant;
use tower::ServiceExt;

use crate::config::Config;
use crate::h1::FirstLine;
use crate::http2::{closed, Interim};
use crate::request_body::{Plan, Tracked};
use crate::routes::app_with_state;
use crate::state::AppState;

/// The HTTP/2 connection preface (RFC 9113 §3.4).
const H2_PREFACE: &[u8; 24] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

/// The HTTP/1.1 connection builder.
fn builder(config: &Config) -> http1::Builder {
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_read_timeout)
        .max_buf_size(config.max_header_bytes)
        .title_case_headers(true)
        .keep_alive(true);
    builder
}

/// HTTP/2 limits, so one client cannot take more than its share (streams refused beyond the
/// cap; the connection's others go on). Beyond these, `h2`'s guards against rapid resets hold
/// (at most 20 pending accept resets, 1024 locally caused resets).
fn h2_settings(config: &Config) -> crate::http2::Settings {
    crate::http2::Settings {
        max_concurrent_streams: config.h2_max_concurrent_streams,
        max_header_list_size: u32::try_from(config.max_header_bytes).unwrap_or(u32::MAX),
        keep_alive: config.h2_keep_alive,
        idle: config.header_read_timeout,
    }
}

/// Serves until `shutdown` completes, then stops accepting, lets in-flight requests finish for up
/// to [`Config::shutdown_grace`], and returns.
pub async fn serve(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let mut config = config;
    if config.public_url.is_none() {
        // The default public URL names the port actually bound (the listener may be on port 0).
        let port = listener.local_addr()?.port();
        config.public_url = Some(config.public_url_or_default(port));
    }
    let state = AppState::new(config);
    let app = app_with_state(state.clone());
    let builder = Arc::new(builder(&state.config));
    let tls = state
        .config
        .tls
        .as_ref()
        .map(crate::tls::TlsSettings::acceptor);
    // Connections watch this to start a graceful close (finish the request in flight, no keep-alive).
    let (closing_tx, closing_rx) = watch::channel(false);
    let permits = Arc::new(Semaphore::new(state.config.max_connections));
    tokio::pin!(shutdown);

    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(err) => {
                    // Out of file descriptors and the like: back off briefly, keep serving.
                    tracing::warn!(%err, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            state.metrics.connections_refused.inc();
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let deadline = Instant::now() + state.config.header_read_timeout;
        let conn = Conn {
            state: state.clone(),
            app: app.clone(),
            builder: builder.clone(),
            remote,
            deadline,
            closing: closing_rx.clone(),
            tls: false,
        };
        let tls = tls.clone();
        tokio::spawn(async move {
            let metrics_state = conn.state.clone();
            metrics_state.metrics.connections_open.inc();
            match tls {
                None => conn.serve(stream).await,
                Some(acceptor) => conn.serve_tls(acceptor, stream).await,
            }
            metrics_state.metrics.connections_open.dec();
            drop(permit);
        });
    }

    drop(listener);
    tracing::info!("shutting down: waiting for in-flight requests");
    let _ = closing_tx.send(true);
    let all = u32::try_from(state.config.max_connections).unwrap_or(u32::MAX);
    tokio::select! {
        _ = permits.acquire_many(all) => tracing::info!("all connections closed"),
        () = tokio::time::sleep(state.config.shutdown_grace) => {
            tracing::warn!("grace period over; closing remaining connections");
        }
    }
    Ok(())
}

/// One accepted connection and what serving it needs.
struct Conn {
    state: AppState,
    app: axum::Router,
    builder: Arc<http1::Builder>,
    remote: SocketAddr,
    /// Until when the client may take to make its protocol known.
    deadline: Instant,
    closing: watch::Receiver<bool>,
    /// Whether the connection is TLS (set once the handshake is done).
    tls: bool,
}

impl Conn {
    /// The TLS handshake, under the header-read deadline; a failed one ends this connection only.
    async fn serve_tls(self, acceptor: tokio_rustls::TlsAcceptor, stream: TcpStream) {
        let remote = self.remote;
        let mut closing = self.closing.clone();
        // A TLS connection starts with a handshake record (0x16); a letter is a plain HTTP
        // request line, which gets a plain answer saying so instead of a TLS alert.
        let mut first = [0u8; 1];
        if let Ok(Ok(1)) = tokio::time::timeout_at(self.deadline, stream.peek(&mut first)).await {
            if first[0].is_ascii_alphabetic() {
                tracing::debug!(%remote, "plain HTTP on the TLS port");
                plain_http_on_tls(stream).await;
                return;
            }
        }
        let handshake = tokio::time::timeout_at(self.deadline, acceptor.accept(stream));
        let tls = tokio::select! {
            done = handshake => done,
            () = async { let _ = closing.wait_for(|c| *c).await; } => return,
        };
        match tls {
            Ok(Ok(stream)) => Conn { tls: true, ..self }.serve(stream).await,
            Ok(Err(err)) => tracing::debug!(%err, %remote, "TLS handshake failed"),
            Err(_) => tracing::debug!(%remote, "TLS handshake timed out"),
        }
    }

    /// HTTP/1.1 or HTTP/2 on an open (cleartext or TLS) connection, until it ends or the server
    /// closes.
    async fn serve<I>(self, mut io: I)
    where
        I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let mut closing = self.closing.clone();
        let sniffed = tokio::select! {
            sniffed = tokio::time::timeout_at(self.deadline, sniff(&mut io)) => sniffed,
            () = closed(&mut closing) => return,
        };
        let (h2, seen) = match sniffed {
            Ok(Ok(Some(found))) => found,
            Ok(Ok(None)) => return,
            Ok(Err(err)) => {
                tracing::debug!(%err, remote = %self.remote, "connection failed before a request");
                return;
            }
            Err(_) => {
                tracing::debug!(remote = %self.remote, "no request within the header-read timeout");
                return;
            }
        };
        let io = Rewind { seen, inner: io };
        if h2 {
            self.serve_h2(io).await;
        } else if let Some(upgrade) = self.serve_h1(io).await {
            self.serve_h2c_upgrade(upgrade).await;
        }
    }

    /// HTTP/1.1 until the connection ends; or, when a request asked for `Upgrade: h2c` and got its
    /// `101`, the upgrade to finish and the stream-1 frame to start HTTP/2 with.
    async fn serve_h1<I>(&self, io: I) -> Option<(hyper::upgrade::OnUpgrade, Bytes)>
    where
        I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let (state, app, remote, tls) =
            (self.state.clone(), self.app.clone(), self.remote, self.tls);
        let mut closing = self.closing.clone();
        let interim = Arc::new(crate::h1::Interim::default());
        let upgrade: H2cSlot = Arc::default();
        let io = FirstLine::new(io, state.config.max_uri_bytes, interim.clone());
        let slot = upgrade.clone();
        let svc = tower::service_fn(move |mut req: http::Request<hyper::body::Incoming>| {
            if tls {
                mark_https(&mut req);
            }
            // The fast path answers at once, with no future to build and no clone to make; it
            // never takes an `Upgrade` request, so checking it first loses no h2c upgrade.
            if let Some(res) = state.fast.answer(&state, &req) {
                return std::future::ready(Ok(res)).left_future();
            }
            if let Some(stream1) = (!tls)
                .then(|| crate::http2::upgrade::frame_for(&req))
                .flatten()
            {
                let on = hyper::upgrade::on(&mut req);
                if let Ok(mut slot) = slot.lock() {
                    *slot = Some((on, stream1));
                }
                return std::future::ready(Ok(switching_to_h2c())).left_future();
            }
            let (app, state, interim) = (app.clone(), state.clone(), interim.clone());
            async move {
                Ok::<_, std::convert::Infallible>(
                    handle_h1(&state, app, remote, &interim, req).await,
                )
            }
            .right_future()
        });
        let conn = self
            .builder
            .serve_connection(TokioIo::new(io), TowerToHyperService::new(svc))
            .with_upgrades();
        tokio::pin!(conn);
        let result = tokio::select! {
            result = conn.as_mut() => result,
            () = closed(&mut closing) => {
                conn.as_mut().graceful_shutdown();
                conn.await
            }
        };
        if let Err(err) = result {
            tracing::debug!(%err, %remote, "connection ended with an error");
        }
        upgrade.lock().ok().and_then(|mut slot| slot.take())
    }

    /// HTTP/2 after a `101` to `Upgrade: h2c`: the client's preface and `SETTINGS`, then stream 1
    /// (the upgraded request), then the rest of the connection, all under a new header-read
    /// deadline.
    async fn serve_h2c_upgrade(self, (on, stream1): (hyper::upgrade::OnUpgrade, Bytes)) {
        let remote = self.remote;
        let Ok(upgraded) = on.await else {
            return;
        };
        let mut io = TokioIo::new(upgraded);
        let deadline = Instant::now() + self.state.config.header_read_timeout;
        let start = crate::http2::upgrade::start(&mut io, &stream1);
        match tokio::time::timeout_at(deadline, start).await {
            Ok(Ok(Some(seen))) => {
                Conn { deadline, ..self }
                    .serve_h2(Rewind { seen, inner: io })
                    .await;
            }
            Ok(Ok(None)) => tracing::debug!(%remote, "no HTTP/2 preface after the h2c upgrade"),
            Ok(Err(err)) => tracing::debug!(%err, %remote, "h2c upgrade failed"),
            Err(_) => tracing::debug!(%remote, "no HTTP/2 preface after the h2c upgrade in time"),
        }
    }

    async fn serve_h2<I>(self, io: I)
    where
        I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let Conn {
            state,
            app,
            remote,
            deadline,
            closing,
            ..
        } = self;
        let settings = h2_settings(&state.config);
        // The fast path reads `:authority` where it is; a request it leaves gets its `Host`
        // from it in `handle`.
        let quick =
            move |req: &mut http::Request<h2::RecvStream>| state.fast.answer_h2(&state, req);
        let handle = move |mut req: http::Request<crate::http2::RecvBody>,
                           interim: Arc<Interim>| {
            let app = app.clone();
            host_from_authority(&mut req);
            async move {
                let (mut parts, body) = req.into_parts();
                parts.extensions.insert(ConnectInfo::<SocketAddr>(remote));
                parts.extensions.insert(interim);
                let req = http::Request::from_parts(parts, axum::body::Body::new(body));
                match app.oneshot(req).await {
                    Ok(res) => res,
                    Err(never) => match never {},
                }
            }
        };
        if let Err(err) = crate::http2::serve(io, settings, closing, deadline, quick, handle).await
        {
            tracing::debug!(%err, %remote, "HTTP/2 connection ended with an error");
        }
    }
}

/// Where an HTTP/1.1 connection's service leaves an accepted `Upgrade: h2c`.
type H2cSlot = Arc<std::sync::Mutex<Option<(hyper::upgrade::OnUpgrade, Bytes)>>>;

/// The `101` that accepts `Upgrade: h2c`.
fn switching_to_h2c() -> axum::response::Response {
    let mut res = axum::response::Response::new(axum::body::Body::empty());
    *res.status_mut() = http::StatusCode::SWITCHING_PROTOCOLS;
    let h = res.headers_mut();
    h.insert(
        http::header::CONNECTION,
        http::HeaderValue::from_static("Upgrade"),
    );
    h.insert(http::header::UPGRADE, http::HeaderValue::from_static("h2c"));
    res
}

/// Reads until the bytes seen are the whole HTTP/2 preface (`Some((true, ..))`) or differ from it
/// (`Some((false, ..))`); `None` when the client closes first. Returns what was read, to be
/// replayed.
async fn sniff<I: AsyncRead + Unpin>(io: &mut I) -> io::Result<Option<(bool, Bytes)>> {
    let mut seen = Vec::with_capacity(H2_PREFACE.len());
    let mut buf = [0u8; 24];
    loop {
        let n = io.read(&mut buf[..H2_PREFACE.len() - seen.len()]).await?;
        if n == 0 {
            return Ok(None);
        }
        seen.extend_from_slice(&buf[..n]);
        if !H2_PREFACE.starts_with(&seen) {
            return Ok(Some((false, Bytes::from(seen))));
        }
        if seen.len() == H2_PREFACE.len() {
            return Ok(Some((true, Bytes::from(seen))));
        }
    }
}

/// A connection whose first bytes, read by [`sniff`], are read again.
#[derive(Debug)]
struct Rewind<T> {
    seen: Bytes,
    inner: T,
}

impl<T: AsyncRead + Unpin> AsyncRead for Rewind<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if !this.seen.is_empty() {
            let n = this.seen.len().min(buf.remaining());
            buf.put_slice(&this.seen.split_to(n));
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut this.inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Rewind<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// Answers a plain HTTP request sent to the TLS port with a 400 that says so, then closes after
/// reading away what the client still sends, for a bounded time and size, so that the client
/// reads the answer rather than a reset.
async fn plain_http_on_tls(mut stream: TcpStream) {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let answer = crate::h1::reply(
        "400 Bad Request",
        "this port speaks HTTPS (TLS); send the request to https:// instead of http://",
    );
    let linger = async {
        stream.write_all(&answer).await?;
        stream.shutdown().await?;
        let mut sink = [0u8; 4096];
        let mut seen = 0usize;
        while seen < 64 * 1024 {
            match stream.read(&mut sink).await? {
                0 => break,
                n => seen += n,
            }
        }
        Ok::<_, io::Error>(())
    };
    let _ = tokio::time::timeout(Duration::from_secs(2), linger).await;
}

/// Gives an HTTP/1 request that came over TLS the absolute URI `https://{Host}{target}`, so that
/// handlers see the scheme as they do over HTTP/2 (`:scheme`); a request without a usable
/// `Host` keeps its target as it is.
fn mark_https<B>(req: &mut http::Request<B>) {
    // Absolute-form and authority-form (CONNECT) targets say what they mean already.
    if req.uri().scheme().is_some() || req.uri().authority().is_some() {
        return;
    }
    let Some(authority) = req
        .headers()
        .get(http::header::HOST)
        .and_then(|h| http::uri::Authority::try_from(h.as_bytes()).ok())
    else {
        return;
    };
    let mut parts = req.uri().clone().into_parts();
    parts.scheme = Some(http::uri::Scheme::HTTPS);
    parts.authority = Some(authority);
    if parts.path_and_query.is_none() {
        parts.path_and_query = Some(http::uri::PathAndQuery::from_static("/"));
    }
    if let Ok(uri) = http::Uri::from_parts(parts) {
        *req.uri_mut() = uri;
    }
}

/// Gives an HTTP/2 request without a `Host` header one from its `:authority`, which stands for it
/// (RFC 9113 §8.3.1), so that handlers and the echo endpoints see the same request either way.
fn host_from_authority<B>(req: &mut http::Request<B>) {
    if req.version() != http::Version::HTTP_2 || req.headers().contains_key(http::header::HOST) {
        return;
    }
    let host = req
        .uri()
        .authority()
        .and_then(|a| http::HeaderValue::from_str(a.as_str()).ok());
    if let Some(host) = host {
        req.headers_mut().insert(http::header::HOST, host);
    }
}

/// One HTTP/1 request the fast path did not take: the router, then what the handler left of the body,
/// then the reason phrase.
async fn handle_h1(
    state: &AppState,
    app: axum::Router,
    remote: SocketAddr,
    interim: &Arc<crate::h1::Interim>,
    req: http::Request<hyper::body::Incoming>,
) -> axum::response::Response {
    use hyper::body::Body as _;
    let (mut parts, body) = req.into_parts();
    parts.extensions.insert(ConnectInfo::<SocketAddr>(remote));
    // 1xx responses are for HTTP/1.1 clients only (RFC 9110 §15.2).
    if parts.version == http::Version::HTTP_11 {
        parts
            .extensions
            .insert(Arc::new(Interim::Http1(interim.clone())));
    }
    let mut res = if body.is_end_stream() {
        let req = http::Request::from_parts(parts, axum::body::Body::new(body));
        match app.oneshot(req).await {
            Ok(res) => res,
            Err(never) => match never {},
        }
    } else {
        let expects_continue = parts
            .headers
            .get(http::header::EXPECT)
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
        let declared = parts
            .headers
            .get(http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let (tracked, slot) = Tracked::new(body);
        let req = http::Request::from_parts(parts, axum::body::Body::new(tracked));
        let mut res = match app.oneshot(req).await {
            Ok(res) => res,
            Err(never) => match never {},
        };
        let leftover = slot.lock().ok().and_then(|mut s| s.take());
        if let Some(left) = leftover {
            let limit = state.config.max_body_bytes;
            let plan = left.plan(expects_continue, declared, limit);
            if plan != Plan::Drain {
                res.headers_mut().insert(
                    http::header::CONNECTION,
                    http::HeaderValue::from_static("close"),
                );
            }
            if plan != Plan::Close {
                tokio::spawn(left.discard(limit));
            }
        }
        res
    };
    if res.extensions().get::<hyper::ext::ReasonPhrase>().is_none() {
        if let Some(reason) = state.reason(res.status()) {
            res.extensions_mut().insert(reason.clone());
        }
    }
    res
}
