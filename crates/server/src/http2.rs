//! HTTP/2, served on the `h2` crate directly rather than through hyper, because hyper has no way
//! for a server to send an interim (1xx) response over HTTP/2 and `h2` has
//! ([`SendResponse::send_informational`]). Everything else is what hyper's HTTP/2 server does for
//! its users, written down here: one task per stream, request bodies with flow-control credit
//! given back as they are read, response bodies sent within the peer's window, trailers,
//! connection-specific header fields left out (RFC 9113 §8.2.2), `Date` and `Content-Length`
//! added, a stream the client resets cancels its handler, keep-alive pings, and a graceful close
//! (`GOAWAY`, open streams finish) on shutdown or after an idle period.

use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{ready, Context, Poll};
use std::time::Duration;

use axum::response::Response;
use bytes::Bytes;
use h2::server::SendResponse;
use h2::{RecvStream, SendStream};
use http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use http_body::{Body, Frame, SizeHint};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::watch;
use tokio::time::Instant;

/// Time a peer has to answer a keep-alive ping.
const PING_TIMEOUT: Duration = Duration::from_secs(20);
/// Flow-control windows of a stream and of the connection: at most this much unread request data
/// is buffered for a stream (and for the connection as a whole).
const WINDOW: u32 = 1024 * 1024;
/// Most response data queued for one stream before its task waits for the peer to read.
const SEND_BUFFER: usize = 400 * 1024;

/// The limits of one HTTP/2 connection.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Settings {
    /// Streams a client may have open at once; more are refused (`REFUSED_STREAM`).
    pub max_concurrent_streams: u32,
    /// Largest decoded header list (each field counts name, value and 32 bytes); larger gets 431.
    pub max_header_list_size: u32,
    /// How often to ping an otherwise quiet peer; `None`: never.
    pub keep_alive: Option<Duration>,
    /// A connection that starts no stream for this long is closed gracefully.
    pub idle: Duration,
}

/// Serves HTTP/2 on `io` (which starts with the client's connection preface) until the client
/// goes, the connection fails, or `closing` turns true; `handle` answers each request.
pub(crate) async fn serve<I, H, F>(
    io: I,
    settings: Settings,
    mut closing: watch::Receiver<bool>,
    handshake_deadline: Instant,
    handle: H,
) -> Result<(), h2::Error>
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    H: Fn(http::Request<RecvBody>, Arc<Interim>) -> F + Clone + Send + 'static,
    F: Future<Output = Response> + Send + 'static,
{
    let mut builder = h2::server::Builder::new();
    builder
        .max_concurrent_streams(settings.max_concurrent_streams)
        .max_header_list_size(settings.max_header_list_size)
        .initial_window_size(WINDOW)
        .initial_connection_window_size(WINDOW)
        .max_send_buffer_size(SEND_BUFFER);
    let handshake = builder.handshake::<_, Bytes>(io);
    let mut conn = tokio::select! {
        done = tokio::time::timeout_at(handshake_deadline, handshake) => match done {
            Ok(conn) => conn?,
            Err(_) => return Ok(()),
        },
        () = closed(&mut closing) => return Ok(()),
    };
    let mut pings = settings.keep_alive.and_then(|_| conn.ping_pong());
    let mut next_ping = settings.keep_alive.map(|every| Instant::now() + every);
    let mut pong_due: Option<Instant> = None;
    let mut idle_at = Instant::now() + settings.idle;
    let mut closing_down = false;
    loop {
        tokio::select! {
            next = conn.accept() => match next {
                Some(Ok((req, respond))) => {
                    idle_at = Instant::now() + settings.idle;
                    tokio::spawn(stream(req, respond, handle.clone()));
                }
                Some(Err(err)) => return Err(err),
                None => return Ok(()),
            },
            () = closed(&mut closing), if !closing_down => {
                closing_down = true;
                conn.graceful_shutdown();
            }
            () = tokio::time::sleep_until(idle_at), if !closing_down => {
                tracing::debug!("idle HTTP/2 connection closed");
                closing_down = true;
                conn.graceful_shutdown();
            }
            () = sleep_until_some(next_ping), if pong_due.is_none() => {
                if let (Some(p), Some(every)) = (pings.as_mut(), settings.keep_alive) {
                    if p.send_ping(h2::Ping::opaque()).is_ok() {
                        pong_due = Some(Instant::now() + PING_TIMEOUT);
                    }
                    next_ping = Some(Instant::now() + every);
                }
            }
            pong = poll_fn(|cx| match pings.as_mut() {
                Some(p) => p.poll_pong(cx),
                None => Poll::Pending,
            }), if pong_due.is_some() => {
                pong?;
                pong_due = None;
            }
            () = sleep_until_some(pong_due) => {
                tracing::debug!("HTTP/2 peer did not answer a ping; connection closed");
                return Ok(());
            }
        }
    }
}

async fn sleep_until_some(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

/// One stream: the handler runs until it answers or the client resets the stream; then the
/// answer goes out.
async fn stream<H, F>(req: http::Request<RecvStream>, respond: SendResponse<Bytes>, handle: H)
where
    H: Fn(http::Request<RecvBody>, Arc<Interim>) -> F,
    F: Future<Output = Response>,
{
    let interim = Arc::new(Interim::http2(respond));
    let head = req.method() == Method::HEAD;
    let (parts, recv) = req.into_parts();
    let content_length = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let body = RecvBody {
        recv,
        trailers: false,
        left: content_length,
    };
    let answer = handle(http::Request::from_parts(parts, body), interim.clone());
    let res = tokio::select! {
        res = answer => res,
        () = interim.reset() => return,
    };
    let Some(mut respond) = interim.take() else {
        return;
    };
    let (parts, body) = res.into_parts();
    let mut res = http::Response::from_parts(parts, ());
    prepare(&mut res, &body, head);
    let end = head || body.is_end_stream();
    match respond.send_response(res, end) {
        Ok(send) if !end => {
            if let Err(err) = send_body(body, send).await {
                tracing::debug!(%err, "HTTP/2 response body not sent");
            }
        }
        Ok(_) => {}
        Err(err) => tracing::debug!(%err, "HTTP/2 response not sent"),
    }
}

/// The fields HTTP/2 forbids or wants (RFC 9113 §8.2.2, RFC 9110 §6.6.1 and §8.6).
fn prepare(res: &mut http::Response<()>, body: &axum::body::Body, head: bool) {
    let headers = res.headers_mut();
    for name in [
        header::CONNECTION,
        header::TRANSFER_ENCODING,
        header::UPGRADE,
        header::HeaderName::from_static("keep-alive"),
        header::HeaderName::from_static("proxy-connection"),
    ] {
        headers.remove(name);
    }
    if !headers.contains_key(header::DATE) {
        if let Ok(date) =
            HeaderValue::from_str(&httpdate::fmt_http_date(std::time::SystemTime::now()))
        {
            headers.insert(header::DATE, date);
        }
    }
    let status = res.status();
    let bodiless = status.is_informational()
        || status == StatusCode::NO_CONTENT
        || status == StatusCode::NOT_MODIFIED;
    if bodiless {
        res.headers_mut().remove(header::CONTENT_LENGTH);
    } else if !head && !res.headers().contains_key(header::CONTENT_LENGTH) {
        if let Some(len) = body.size_hint().exact() {
            res.headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
        }
    }
}

/// Sends `body` on `send` as the peer's flow-control window allows; stops early if the client
/// resets the stream (a body that never ends, such as `/drip` with a long duration, must not
/// outlive the client's interest).
async fn send_body(
    mut body: axum::body::Body,
    mut send: SendStream<Bytes>,
) -> Result<(), h2::Error> {
    use http_body_util::BodyExt as _;
    loop {
        let frame = tokio::select! {
            frame = body.frame() => frame,
            _ = poll_fn(|cx| send.poll_reset(cx)) => return Ok(()),
        };
        let frame = match frame {
            None => return send.send_data(Bytes::new(), true),
            Some(Err(err)) => {
                tracing::debug!(%err, "response body failed; stream reset");
                send.send_reset(h2::Reason::INTERNAL_ERROR);
                return Ok(());
            }
            Some(Ok(frame)) => frame,
        };
        let mut data = match frame.into_data() {
            Ok(data) => data,
            Err(frame) => {
                if let Ok(trailers) = frame.into_trailers() {
                    return send.send_trailers(trailers);
                }
                continue;
            }
        };
        let end = body.is_end_stream();
        if data.is_empty() {
            if end {
                return send.send_data(Bytes::new(), true);
            }
            continue;
        }
        while !data.is_empty() {
            send.reserve_capacity(data.len());
            let capacity = poll_fn(|cx| {
                if send.poll_reset(cx).is_ready() {
                    return Poll::Ready(None);
                }
                send.poll_capacity(cx)
            })
            .await;
            match capacity {
                None => return Ok(()),
                Some(Err(err)) => return Err(err),
                Some(Ok(0)) => {}
                Some(Ok(n)) => {
                    let chunk = data.split_to(n.min(data.len()));
                    send.send_data(chunk, end && data.is_empty())?;
                }
            }
        }
        if end {
            return Ok(());
        }
    }
}

/// A request body as it arrives on a stream; the flow-control credit of each piece is given
/// back as the handler reads it, so a handler that reads nothing holds at most one window.
#[derive(Debug)]
pub(crate) struct RecvBody {
    recv: RecvStream,
    /// Data is over; trailers (if any) come next.
    trailers: bool,
    /// What `Content-Length` says is still to come.
    left: Option<u64>,
}

impl Body for RecvBody {
    type Data = Bytes;
    type Error = h2::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, h2::Error>>> {
        let this = &mut *self;
        if !this.trailers {
            match ready!(this.recv.poll_data(cx)) {
                Some(Ok(data)) => {
                    let _ = this.recv.flow_control().release_capacity(data.len());
                    if let Some(left) = this.left.as_mut() {
                        *left = left.saturating_sub(data.len() as u64);
                    }
                    return Poll::Ready(Some(Ok(Frame::data(data))));
                }
                Some(Err(err)) => return Poll::Ready(Some(Err(err))),
                None => this.trailers = true,
            }
        }
        match ready!(this.recv.poll_trailers(cx)) {
            Ok(Some(trailers)) => Poll::Ready(Some(Ok(Frame::trailers(trailers)))),
            Ok(None) => Poll::Ready(None),
            Err(err) => Poll::Ready(Some(Err(err))),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.recv.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        match self.left {
            Some(left) => SizeHint::with_exact(left),
            None => SizeHint::default(),
        }
    }
}

/// Interim (1xx) responses for one request, over either protocol. Handlers find it in the
/// request's extensions as `Arc<Interim>` (for HTTP/1.1 and HTTP/2 requests; never HTTP/1.0).
#[derive(Debug)]
pub(crate) enum Interim {
    /// HTTP/1.1: written by the connection wrapper (see [`crate::h1::Interim`]).
    Http1(Arc<crate::h1::Interim>),
    /// HTTP/2: a `HEADERS` frame on the request's own stream, before the final response.
    Http2(Mutex<Option<SendResponse<Bytes>>>),
}

impl Interim {
    fn http2(respond: SendResponse<Bytes>) -> Interim {
        Interim::Http2(Mutex::new(Some(respond)))
    }

    /// Sends `status` with `fields` as an interim response; over HTTP/1.1 this waits until it is
    /// written. Returns whether it was sent.
    pub async fn send(&self, status: u16, phrase: &str, fields: &HeaderMap) -> bool {
        match self {
            Interim::Http1(h1) => h1.send(status, phrase, fields).await,
            Interim::Http2(respond) => {
                let Ok(code) = StatusCode::from_u16(status) else {
                    return false;
                };
                let mut head = http::Response::new(());
                *head.status_mut() = code;
                *head.headers_mut() = fields.clone();
                let mut guard = respond.lock().unwrap_or_else(PoisonError::into_inner);
                guard
                    .as_mut()
                    .is_some_and(|r| r.send_informational(head).is_ok())
            }
        }
    }

    fn take(&self) -> Option<SendResponse<Bytes>> {
        match self {
            Interim::Http1(_) => None,
            Interim::Http2(respond) => respond
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take(),
        }
    }

    /// Completes when the client resets the stream (HTTP/2 only).
    async fn reset(&self) {
        poll_fn(|cx| match self {
            Interim::Http2(respond) => {
                let mut guard = respond.lock().unwrap_or_else(PoisonError::into_inner);
                match guard.as_mut() {
                    Some(r) => r.poll_reset(cx).map(|_| ()),
                    None => Poll::Pending,
                }
            }
            Interim::Http1(_) => Poll::Pending,
        })
        .await;
    }
}

/// Completes when the server starts closing (`closing` turns true, or its sender is gone).
pub(crate) async fn closed(closing: &mut watch::Receiver<bool>) {
    let _ = closing.wait_for(|c| *c).await;
}
