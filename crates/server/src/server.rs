//! The accept loop: HTTP/1.1 and HTTP/2 connections, in cleartext or TLS, with a connection
//! cap, a header-read timeout that also bounds idle keep-alive time on HTTP/1.1 (so a slow or
//! silent client cannot hold the server), a cap on the request head size, upgrades (for a real
//! 101), and graceful shutdown.
//!
//! Each connection goes to hyper-util's `auto` builder, which reads the first 24 bytes: the
//! HTTP/2 connection preface (`PRI * HTTP/2.0`, prior knowledge, or after ALPN `h2` on TLS)
//! starts HTTP/2, anything else HTTP/1.1. `Upgrade: h2c` on an HTTP/1.1 request is not
//! supported by hyper or hyper-util: such a request is served over HTTP/1.1 and the header is
//! ignored, as RFC 9110 §7.8 allows.
//!
//! Around hyper, per connection: [`Preface`] bounds the time until the protocol is known (the
//! header-read timeout, counted from accept; with TLS the handshake falls under it too);
//! [`FirstLine`] checks the first HTTP/1 request line (414, 505, a higher HTTP/1 minor version
//! served as 1.1) and passes the HTTP/2 preface through unchanged; header names go out in
//! `Title-Case` on HTTP/1.1, as httpbin and go-httpbin send them and as test helpers match them;
//! per request: unread request bodies are read away ([`crate::request_body`]) and every HTTP/1.1
//! status line carries the registry's reason phrase.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tokio::time::Instant;
use tower::ServiceExt;

use crate::config::Config;
use crate::h1::{FirstLine, Interim};
use crate::request_body::{Plan, Tracked};
use crate::routes::app_with_state;
use crate::state::AppState;

/// The HTTP/2 connection preface (RFC 9113 §3.4).
const H2_PREFACE: &[u8; 24] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
/// Time a peer has to answer an HTTP/2 keep-alive ping.
const H2_PING_TIMEOUT: Duration = Duration::from_secs(20);

/// The connection builder: HTTP/1.1 as before, HTTP/2 with limits so one client cannot take
/// more than its share (streams refused beyond the cap; the connection's others go on).
fn builder(config: &Config) -> auto::Builder<TokioExecutor> {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_read_timeout)
        .max_buf_size(config.max_header_bytes)
        .title_case_headers(true)
        .keep_alive(true);
    let mut h2 = builder.http2();
    h2.timer(TokioTimer::new())
        .max_concurrent_streams(config.h2_max_concurrent_streams)
        // HPACK-decoded size (each field counts its name, value and 32 bytes): larger gets 431.
        .max_header_list_size(u32::try_from(config.max_header_bytes).unwrap_or(u32::MAX));
    // hyper's defaults stay: 1 MiB flow-control windows (so at most 1 MiB of unread request data
    // per connection), 400 KiB send buffer per stream, 16 KiB frames, and h2's guards against
    // rapid resets (at most 20 pending accept resets, 1024 locally caused resets).
    if let Some(interval) = config.h2_keep_alive {
        h2.keep_alive_interval(interval)
            .keep_alive_timeout(H2_PING_TIMEOUT);
    }
    builder
}

/// Serves until `shutdown` completes, then stops accepting, lets in-flight requests finish for up
/// to [`Config::shutdown_grace`], and returns.
pub async fn serve(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<()> {
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
    builder: Arc<auto::Builder<TokioExecutor>>,
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
    async fn serve<I>(self, io: I)
    where
        I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let Conn {
            state,
            app,
            builder,
            remote,
            deadline,
            mut closing,
            tls,
        } = self;
        let h2 = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(AtomicU64::new(0));
        let idle_limit = state.config.header_read_timeout;
        let interim = Arc::new(Interim::default());
        let io = Preface::new(
            FirstLine::new(io, state.config.max_uri_bytes, interim.clone()),
            deadline,
            h2.clone(),
        );
        let counter = requests.clone();
        let svc = tower::service_fn(move |mut req: http::Request<hyper::body::Incoming>| {
            counter.fetch_add(1, Ordering::Relaxed);
            if tls {
                mark_https(&mut req);
            }
            host_from_authority(&mut req);
            let (app, state, interim) = (app.clone(), state.clone(), interim.clone());
            async move {
                Ok::<_, std::convert::Infallible>(handle(&state, app, remote, &interim, req).await)
            }
        });
        let conn =
            builder.serve_connection_with_upgrades(TokioIo::new(io), TowerToHyperService::new(svc));
        tokio::pin!(conn);
        let close = async {
            tokio::select! {
                _ = closing.wait_for(|c| *c) => {},
                () = h2_idle(&h2, &requests, idle_limit) => {
                    tracing::debug!(%remote, "idle HTTP/2 connection closed");
                }
            }
        };
        let result = tokio::select! {
            result = conn.as_mut() => result,
            () = close => {
                conn.as_mut().graceful_shutdown();
                conn.await
            }
        };
        if let Err(err) = result {
            tracing::debug!(%err, %remote, "connection ended with an error");
        }
    }
}

/// Completes when an HTTP/2 connection has started no request for a whole `limit` (the
/// header-read timeout, which is also HTTP/1.1's keep-alive idle limit; hyper has no idle limit
/// for HTTP/2). The connection then closes gracefully: `GOAWAY`, its open streams finish. Never
/// completes on HTTP/1.1, where hyper's own timer does this.
async fn h2_idle(h2: &AtomicBool, requests: &AtomicU64, limit: Duration) {
    let mut seen = requests.load(Ordering::Relaxed);
    loop {
        tokio::time::sleep(limit).await;
        let now = requests.load(Ordering::Relaxed);
        if h2.load(Ordering::Relaxed) && now == seen {
            return;
        }
        seen = now;
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

/// A connection until its protocol is known: reads fail with `TimedOut` after the deadline
/// until the bytes seen so far either are the whole HTTP/2 preface or differ from it.
///
/// hyper-util's `auto` builder waits for those bytes before hyper's own HTTP/1 header-read
/// timeout starts, so without this a client that sends nothing, or a part of the preface, would
/// hold its connection (and a slot under the connection cap) for ever.
#[derive(Debug)]
struct Preface<T> {
    inner: T,
    /// `None` once the protocol is known.
    sleep: Option<Pin<Box<tokio::time::Sleep>>>,
    seen: usize,
    /// Set when the whole HTTP/2 preface has been read.
    h2: Arc<AtomicBool>,
}

impl<T> Preface<T> {
    fn new(inner: T, deadline: Instant, h2: Arc<AtomicBool>) -> Preface<T> {
        Preface {
            inner,
            sleep: Some(Box::pin(tokio::time::sleep_until(deadline))),
            seen: 0,
            h2,
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Preface<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let Some(sleep) = this.sleep.as_mut() else {
            return Pin::new(&mut this.inner).poll_read(cx, buf);
        };
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                let got = &buf.filled()[before..];
                let expected = H2_PREFACE.get(this.seen..).unwrap_or_default();
                let matches = expected.starts_with(&got[..got.len().min(expected.len())]);
                this.seen += got.len();
                if got.is_empty() || !matches || this.seen >= H2_PREFACE.len() {
                    this.sleep = None;
                    if matches && this.seen >= H2_PREFACE.len() {
                        this.h2.store(true, Ordering::Relaxed);
                    }
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(err)) => Poll::Ready(Err(err)),
            Poll::Pending => match sleep.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "no request within the header-read timeout",
                ))),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Preface<T> {
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

/// One request: the fast path or the router, then what the handler left of the body, then the
/// reason phrase.
async fn handle(
    state: &AppState,
    app: axum::Router,
    remote: SocketAddr,
    interim: &Arc<Interim>,
    req: http::Request<hyper::body::Incoming>,
) -> axum::response::Response {
    use hyper::body::Body as _;
    if let Some(res) = state.fast.answer(state, &req) {
        return res;
    }
    let (mut parts, body) = req.into_parts();
    parts.extensions.insert(ConnectInfo::<SocketAddr>(remote));
    // 1xx responses are for HTTP/1.1 clients only (RFC 9110 §15.2).
    if parts.version == http::Version::HTTP_11 {
        parts.extensions.insert(interim.clone());
    }
    let http1 = parts.version < http::Version::HTTP_2;
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
        // HTTP/2 needs neither: the stream ends with RST_STREAM(NO_ERROR) after the answer
        // (RFC 9113 §8.1), and the connection's other streams go on.
        if let Some(left) = leftover.filter(|_| http1) {
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
