//! HTTP/2, served on the `h2` crate directly rather than through hyper, because hyper has no way
//! for a server to send an interim (1xx) response over HTTP/2 and `h2` has
//! ([`SendResponse::send_informational`]). Everything else is what hyper's HTTP/2 server does for
//! its users, written down here: one task per stream (except the fast path's prepared answers,
//! sent from the connection's task), request bodies with flow-control credit
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
/// goes, the connection fails, or `closing` turns true. `quick` may answer a request at once (the
/// fast path: no task is spawned for it); `handle` answers the others, each in its own task.
pub(crate) async fn serve<I, Q, H, F>(
    io: I,
    settings: Settings,
    mut closing: watch::Receiver<bool>,
    handshake_deadline: Instant,
    quick: Q,
    handle: H,
) -> Result<(), h2::Error>
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    Q: Fn(&mut http::Request<RecvStream>) -> Option<Quick>,
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
    // The timers are made once and reset, not made again each time round the loop: a stream
    // only moves `idle_at`, which the idle timer reads when it fires.
    let far = || Instant::now() + Duration::from_secs(86_400 * 365);
    let mut idle_at = Instant::now() + settings.idle;
    let idle = tokio::time::sleep_until(idle_at);
    let ping = tokio::time::sleep_until(
        settings
            .keep_alive
            .map_or_else(far, |every| Instant::now() + every),
    );
    let pong = tokio::time::sleep_until(far());
    let shutdown = closed(&mut closing);
    tokio::pin!(idle, ping, pong, shutdown);
    let mut pong_due = false;
    let mut closing_down = false;
    // The streams received and not yet answered. `h2` writes out what is queued each time it is
    // polled for the next stream; answering each request before taking the next would make one
    // write a response. So every stream already received is taken first, then all are answered,
    // and the next poll writes their answers together (as hyper's tasks per stream, which run
    // after the connection's task has read what came in, do).
    let mut batch = Vec::new();
    loop {
        tokio::select! {
            next = poll_fn(|cx| take_received(&mut conn, cx, &mut batch)) => match next {
                None => {
                    idle_at = Instant::now() + settings.idle;
                    for (mut req, respond) in batch.drain(..) {
                        // Only a request without a body: the fast path never reads one.
                        let res = if req.body().is_end_stream() { quick(&mut req) } else { None };
                        match res {
                            Some(Quick::Ready(head, body)) => send_ready(head, body, respond),
                            Some(Quick::Response(res)) => {
                                answer_now(res, respond, req.method() == Method::HEAD);
                            }
                            None => drop(tokio::spawn(stream(req, respond, handle.clone()))),
                        }
                    }
                }
                Some(Err(err)) => return Err(err),
                Some(Ok(())) => return Ok(()),
            },
            () = &mut shutdown, if !closing_down => {
                closing_down = true;
                conn.graceful_shutdown();
            }
            () = &mut idle, if !closing_down => {
                if Instant::now() < idle_at {
                    idle.as_mut().reset(idle_at);
                } else {
                    tracing::debug!("idle HTTP/2 connection closed");
                    closing_down = true;
                    conn.graceful_shutdown();
                }
            }
            () = &mut ping, if !pong_due && pings.is_some() => {
                if let (Some(p), Some(every)) = (pings.as_mut(), settings.keep_alive) {
                    if p.send_ping(h2::Ping::opaque()).is_ok() {
                        pong_due = true;
                        pong.as_mut().reset(Instant::now() + PING_TIMEOUT);
                    }
                    ping.as_mut().reset(Instant::now() + every);
                }
            }
            answer = poll_fn(|cx| match pings.as_mut() {
                Some(p) => p.poll_pong(cx),
                None => Poll::Pending,
            }), if pong_due => {
                answer?;
                pong_due = false;
            }
            () = &mut pong, if pong_due => {
                tracing::debug!("HTTP/2 peer did not answer a ping; connection closed");
                return Ok(());
            }
        }
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

/// A stream received and its answer's handle.
type Received = (http::Request<RecvStream>, SendResponse<Bytes>);

/// Takes every stream `conn` has received into `batch`: ready with `None` once there is at least
/// one and no more has come in, with the connection's end (`Some(Ok)`) or its error otherwise;
/// pending while there is none.
fn take_received<I>(
    conn: &mut h2::server::Connection<I, Bytes>,
    cx: &mut Context<'_>,
    batch: &mut Vec<Received>,
) -> Poll<Option<Result<(), h2::Error>>>
where
    I: AsyncRead + AsyncWrite + Unpin,
{
    loop {
        match conn.poll_accept(cx) {
            Poll::Ready(Some(Ok(received))) => batch.push(received),
            Poll::Ready(Some(Err(err))) => return Poll::Ready(Some(Err(err))),
            Poll::Ready(None) => return Poll::Ready(Some(Ok(()))),
            Poll::Pending if batch.is_empty() => return Poll::Pending,
            Poll::Pending => return Poll::Ready(None),
        }
    }
}

/// What the fast path gives the connection's task to send at once.
#[derive(Debug)]
pub(crate) enum Quick {
    /// A prepared answer whose fields are already what HTTP/2 sends ([`fields`] was applied at
    /// start-up) but `Date`, and its whole body.
    Ready(http::Response<()>, Bytes),
    /// Any other answer, made ready here by [`prepare`].
    Response(Response),
}

/// Sends a [`Quick::Ready`] answer: `Date` added, the head, then the body in one frame.
fn send_ready(mut head: http::Response<()>, body: Bytes, mut respond: SendResponse<Bytes>) {
    if let Some(date) = date_now() {
        head.headers_mut().insert(header::DATE, date);
    }
    let end = body.is_empty();
    match respond.send_response(head, end) {
        Ok(mut send) if !end => {
            if let Err(err) = send.send_data(body, true) {
                tracing::debug!(%err, "HTTP/2 response body not sent");
            }
        }
        Ok(_) => {}
        Err(err) => tracing::debug!(%err, "HTTP/2 response not sent"),
    }
}

/// Sends an answer that is ready (the fast path's) from the connection's own task: the head, and
/// the body's first frame if it is there at once, which for a prepared answer is all of it. What
/// is not there yet goes to a task, as in [`stream`].
fn answer_now(res: Response, mut respond: SendResponse<Bytes>, head: bool) {
    let (parts, mut body) = res.into_parts();
    let mut res = http::Response::from_parts(parts, ());
    prepare(&mut res, &body, head);
    let end = head || body.is_end_stream();
    let mut send = match respond.send_response(res, end) {
        Ok(send) if !end => send,
        Ok(_) => return,
        Err(err) => {
            tracing::debug!(%err, "HTTP/2 response not sent");
            return;
        }
    };
    let mut cx = Context::from_waker(std::task::Waker::noop());
    let frame = match Pin::new(&mut body).poll_frame(&mut cx) {
        Poll::Ready(Some(Ok(frame))) => Some(frame),
        Poll::Ready(None) => {
            if let Err(err) = send.send_data(Bytes::new(), true) {
                tracing::debug!(%err, "HTTP/2 response body not sent");
            }
            return;
        }
        Poll::Ready(Some(Err(err))) => {
            tracing::debug!(%err, "response body failed; stream reset");
            send.send_reset(h2::Reason::INTERNAL_ERROR);
            return;
        }
        Poll::Pending => None,
    };
    if let Some(frame) = frame {
        let sent = match frame.into_data() {
            Ok(data) => {
                let last = body.is_end_stream();
                send.send_data(data, last).map(|()| last)
            }
            // Trailers end the body; a frame of another kind is left out, as `send_body` does.
            Err(frame) => match frame.into_trailers() {
                Ok(trailers) => send.send_trailers(trailers).map(|()| true),
                Err(_) => Ok(false),
            },
        };
        match sent {
            Ok(true) => return,
            Ok(false) => {}
            Err(err) => {
                tracing::debug!(%err, "HTTP/2 response body not sent");
                return;
            }
        }
    }
    tokio::spawn(async move {
        if let Err(err) = send_body(body, send).await {
            tracing::debug!(%err, "HTTP/2 response body not sent");
        }
    });
}

/// The hop-by-hop fields HTTP/2 forbids (RFC 9113 §8.2.2).
const HOP_BY_HOP: [header::HeaderName; 5] = [
    header::CONNECTION,
    header::TRANSFER_ENCODING,
    header::UPGRADE,
    header::HeaderName::from_static("keep-alive"),
    header::HeaderName::from_static("proxy-connection"),
];

/// The fields HTTP/2 forbids or wants (RFC 9113 §8.2.2, RFC 9110 §6.6.1 and §8.6).
fn prepare(res: &mut http::Response<()>, body: &axum::body::Body, head: bool) {
    fields(res, body.size_hint().exact(), head);
    if !res.headers().contains_key(header::DATE) {
        if let Some(date) = date_now() {
            res.headers_mut().insert(header::DATE, date);
        }
    }
}

/// What [`prepare`] does but `Date`: the hop-by-hop fields out, `Content-Length` in when the body's
/// length is known (`body_len`), out when the status has no body. Done once at start-up for the
/// fast path's prepared answers ([`Quick::Ready`]).
pub(crate) fn fields(res: &mut http::Response<()>, body_len: Option<u64>, head: bool) {
    let headers = res.headers_mut();
    // One pass over the few fields an answer has; removing by name only when one is there.
    if headers.keys().any(|k| HOP_BY_HOP.contains(k)) {
        for name in HOP_BY_HOP {
            headers.remove(name);
        }
    }
    let status = res.status();
    let bodiless = status.is_informational()
        || status == StatusCode::NO_CONTENT
        || status == StatusCode::NOT_MODIFIED;
    if bodiless {
        res.headers_mut().remove(header::CONTENT_LENGTH);
    } else if !head && !res.headers().contains_key(header::CONTENT_LENGTH) {
        if let Some(len) = body_len {
            res.headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
        }
    }
}

/// `Date` for now (RFC 9110 §6.6.1), formatted once a second on each thread.
fn date_now() -> Option<HeaderValue> {
    use std::cell::RefCell;
    use std::time::{SystemTime, UNIX_EPOCH};
    thread_local! {
        static DATE: RefCell<Option<(u64, HeaderValue)>> = const { RefCell::new(None) };
    }
    let now = SystemTime::now();
    let secs = now.duration_since(UNIX_EPOCH).ok()?.as_secs();
    DATE.with_borrow_mut(|cached| {
        if let Some((at, value)) = cached {
            if *at == secs {
                return Some(value.clone());
            }
        }
        let value = HeaderValue::from_str(&httpdate::fmt_http_date(now)).ok()?;
        *cached = Some((secs, value.clone()));
        Some(value)
    })
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

/// `Upgrade: h2c` (RFC 7540 §3.2; deprecated by RFC 9113 §3.1 but still sent by `curl --http2`
/// and `nghttp -u` on `http://`). Neither hyper nor `h2` can start a server connection from an
/// upgraded request, so after the `101` the request is handed to `h2` as what RFC 7540 says it
/// is, stream 1: a `HEADERS` frame built here from the HTTP/1.1 request (literal fields without
/// indexing, so HPACK state on both sides stays as it was) is put right after the client's
/// preface and first `SETTINGS` frame, and `h2` answers it on stream 1 as the client expects.
pub(crate) mod upgrade {
    use bytes::{BufMut, Bytes, BytesMut};
    use http::{header, HeaderMap};
    use tokio::io::{AsyncRead, AsyncReadExt as _};

    /// The largest frame a peer must accept before `SETTINGS` say otherwise (RFC 9113 §4.2).
    const MAX_FRAME: usize = 16_384;
    const PREFACE: &[u8; 24] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

    /// Whether `req` asks for `h2c` the way RFC 7540 §3.2 requires (`Upgrade` naming `h2c`, one
    /// `HTTP2-Settings`, both named in `Connection`) and can be upgraded here: no request body,
    /// and a header block that fits one frame. Returns the stream-1 `HEADERS` frame.
    pub(crate) fn frame_for<B: http_body::Body>(req: &http::Request<B>) -> Option<Bytes> {
        let h = req.headers();
        let has_token = |name: header::HeaderName, token: &str| {
            h.get_all(name).iter().any(|v| {
                v.to_str()
                    .is_ok_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case(token)))
            })
        };
        if req.version() != http::Version::HTTP_11
            || !has_token(header::UPGRADE, "h2c")
            || !has_token(header::CONNECTION, "upgrade")
            || !has_token(header::CONNECTION, "http2-settings")
            || h.get_all("http2-settings").iter().count() != 1
            || !req.body().is_end_stream()
            || h.contains_key(header::TRANSFER_ENCODING)
        {
            return None;
        }
        let authority = h.get(header::HOST)?.as_bytes();
        let path = req.uri().path_and_query().map_or("/", |p| p.as_str());
        let mut block = BytesMut::new();
        literal(&mut block, b":method", req.method().as_str().as_bytes());
        literal(&mut block, b":scheme", b"http");
        literal(&mut block, b":authority", authority);
        literal(&mut block, b":path", path.as_bytes());
        for (name, value) in h {
            if !forwarded(name, value, h) {
                continue;
            }
            literal(&mut block, name.as_str().as_bytes(), value.as_bytes());
        }
        if block.len() > MAX_FRAME {
            return None;
        }
        let mut frame = BytesMut::with_capacity(9 + block.len());
        let len = u32::try_from(block.len()).ok()?;
        frame.put_slice(&len.to_be_bytes()[1..]);
        frame.put_u8(0x1); // HEADERS
        frame.put_u8(0x4 | 0x1); // END_HEADERS | END_STREAM
        frame.put_u32(1);
        frame.put_slice(&block);
        Some(frame.freeze())
    }

    /// Fields that stay in the HTTP/2 request: not `Host` (it is `:authority`), nothing
    /// connection-specific (RFC 9113 §8.2.2), `TE` only as `trailers`.
    fn forwarded(name: &header::HeaderName, value: &http::HeaderValue, h: &HeaderMap) -> bool {
        if name == header::HOST
            || name == header::CONNECTION
            || name == header::UPGRADE
            || name == header::TRANSFER_ENCODING
            || name == "http2-settings"
            || name == "keep-alive"
            || name == "proxy-connection"
        {
            return false;
        }
        if name == header::TE {
            return value.as_bytes().eq_ignore_ascii_case(b"trailers");
        }
        // Fields that `Connection` names are connection-specific too.
        !h.get_all(header::CONNECTION).iter().any(|v| {
            v.to_str().is_ok_and(|v| {
                v.split(',')
                    .any(|t| t.trim().eq_ignore_ascii_case(name.as_str()))
            })
        })
    }

    /// An HPACK "literal header field without indexing — new name" with plain strings.
    fn literal(out: &mut BytesMut, name: &[u8], value: &[u8]) {
        out.put_u8(0);
        string(out, name);
        string(out, value);
    }

    fn string(out: &mut BytesMut, s: &[u8]) {
        // Length as an HPACK integer with a 7-bit prefix, Huffman bit clear (RFC 7541 §5.1).
        let mut n = s.len();
        if n < 127 {
            out.put_u8(u8::try_from(n).unwrap_or(0));
        } else {
            out.put_u8(127);
            n -= 127;
            while n >= 128 {
                out.put_u8(u8::try_from(n % 128).unwrap_or(0) | 0x80);
                n /= 128;
            }
            out.put_u8(u8::try_from(n).unwrap_or(0));
        }
        out.put_slice(s);
    }

    /// Reads the client's preface and first `SETTINGS` frame after the `101` and returns them with
    /// `stream1` put after them, to be replayed to `h2`. `None` if the client sends anything else.
    pub(crate) async fn start<I: AsyncRead + Unpin>(
        io: &mut I,
        stream1: &[u8],
    ) -> std::io::Result<Option<Bytes>> {
        let mut head = [0u8; 24 + 9];
        io.read_exact(&mut head).await?;
        if &head[..24] != PREFACE || head[24 + 3] != 0x4 {
            return Ok(None);
        }
        let len = usize::from(head[24]) << 16 | usize::from(head[25]) << 8 | usize::from(head[26]);
        if len > MAX_FRAME {
            return Ok(None);
        }
        let mut out = BytesMut::with_capacity(head.len() + len + stream1.len());
        out.put_slice(&head);
        out.resize(head.len() + len, 0);
        io.read_exact(&mut out[head.len()..]).await?;
        out.put_slice(stream1);
        Ok(Some(out.freeze()))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn request(headers: &[(&str, &str)]) -> http::Request<http_body_util::Empty<Bytes>> {
            let mut b = http::Request::get("/get?x=1").version(http::Version::HTTP_11);
            for (k, v) in headers {
                b = b.header(*k, *v);
            }
            b.body(http_body_util::Empty::new()).unwrap_or_default()
        }

        const ASKS: [(&str, &str); 4] = [
            ("host", "example.test"),
            ("connection", "Upgrade, HTTP2-Settings"),
            ("upgrade", "h2c"),
            ("http2-settings", "AAMAAABkAAQAoAAAAAIAAAAA"),
        ];

        #[test]
        fn only_a_complete_request_for_h2c_is_upgraded() {
            assert!(frame_for(&request(&ASKS)).is_some());
            assert!(
                frame_for(&request(&ASKS[..3])).is_none(),
                "no HTTP2-Settings"
            );
            let mut other = ASKS;
            other[2] = ("upgrade", "websocket");
            assert!(frame_for(&request(&other)).is_none());
            other = ASKS;
            other[1] = ("connection", "Upgrade");
            assert!(frame_for(&request(&other)).is_none());
        }

        #[test]
        fn the_frame_decodes_to_the_request() {
            let long = "v".repeat(300);
            let mut asks = ASKS.to_vec();
            asks.push(("accept", "*/*"));
            asks.push(("x-long", &long));
            let frame = frame_for(&request(&asks)).unwrap_or_default();
            let len =
                usize::from(frame[0]) << 16 | usize::from(frame[1]) << 8 | usize::from(frame[2]);
            assert_eq!(len, frame.len() - 9);
            assert_eq!(&frame[3..9], &[1, 5, 0, 0, 0, 1]);
            // Decode the literal fields back.
            let mut rest = &frame[9..];
            let mut fields = Vec::new();
            let read = |rest: &mut &[u8]| {
                let mut n = usize::from(rest[0] & 0x7f);
                let mut i = 1;
                if n == 127 {
                    let mut shift = 0;
                    loop {
                        let b = rest[i];
                        n += usize::from(b & 0x7f) << shift;
                        shift += 7;
                        i += 1;
                        if b & 0x80 == 0 {
                            break;
                        }
                    }
                }
                let s = String::from_utf8_lossy(&rest[i..i + n]).into_owned();
                *rest = &rest[i + n..];
                s
            };
            while !rest.is_empty() {
                assert_eq!(rest[0], 0);
                rest = &rest[1..];
                let name = read(&mut rest);
                let value = read(&mut rest);
                fields.push((name, value));
            }
            let want: Vec<(String, String)> = [
                (":method", "GET"),
                (":scheme", "http"),
                (":authority", "example.test"),
                (":path", "/get?x=1"),
                ("accept", "*/*"),
            ]
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .chain([("x-long".to_owned(), "v".repeat(300))])
            .collect();
            assert_eq!(fields, want);
        }
    }
}
