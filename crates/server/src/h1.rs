//! The first request line of an HTTP/1 connection, checked before hyper parses it.
//!
//! hyper answers some request lines in ways RFC 9112 does not ask for: a target longer than its
//! head buffer gets `431` (the target is not a header field: `414`), `HTTP/1.2` gets `400` (a
//! higher minor version is served as the highest one we speak, RFC 9112 §2.3) and `HTTP/2.0` in
//! an HTTP/1 request line gets `400` (`505`, RFC 9110 §15.6.6). [`FirstLine`] wraps the socket,
//! holds back the bytes of the connection's first request line until its end is seen, and then:
//!
//! - passes it on unchanged (almost always: the first read of a connection holds the whole line);
//! - rewrites `HTTP/1.2` ... `HTTP/1.9` to `HTTP/1.1` in place (same length);
//! - answers `414` itself when the line is longer than the target limit allows, and `505` when
//!   the major version is 2 or more (the HTTP/2 connection preface `PRI * HTTP/2.0` excepted),
//!   then closes gracefully: it sends the answer, shuts down its sending side and reads and
//!   discards what the client still sends, for a bounded time and size (a lingering close), so
//!   that the client reads the answer instead of a reset.
//!
//! Only the first request line of a connection is checked: later requests on a kept-alive
//! connection cannot be told apart from body bytes without parsing the framing, which is hyper's
//! job. After the first line the wrapper is a plain pass-through.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{ready, Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Longest time spent reading and discarding after answering an unparseable request line.
const LINGER_TIME: Duration = Duration::from_secs(2);
/// Most bytes read and discarded after answering an unparseable request line.
const LINGER_BYTES: usize = 1024 * 1024;
/// Room for the method, the spaces and the version around the target on a request line.
const LINE_OVERHEAD: usize = 64;

/// A socket whose first request line is checked before hyper reads it.
#[derive(Debug)]
pub(crate) struct FirstLine<T> {
    inner: T,
    /// Interim responses handlers ask for, and the one being written.
    interim: Arc<Interim>,
    interim_out: Vec<u8>,
    interim_at: usize,
    state: State,
    max_target: usize,
}

#[derive(Debug)]
enum State {
    /// Collecting the first line: bytes read so far, none handed to hyper yet.
    Holding(Vec<u8>),
    /// Handing held bytes to hyper, then passing through.
    Releasing(Vec<u8>, usize),
    Passthrough,
    /// Sending our own answer; then the lingering close.
    Replying(Vec<u8>, usize),
    Lingering(Pin<Box<tokio::time::Sleep>>, usize),
    Closed,
}

/// What the complete first line asks for.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    Pass,
    /// Rewrite the minor version digit at this offset to `1`.
    Downgrade(usize),
    TooLong,
    Version,
}

impl<T> FirstLine<T> {
    /// Wraps a fresh connection; `max_target` is the longest request target accepted.
    pub fn new(inner: T, max_target: usize, interim: Arc<Interim>) -> FirstLine<T> {
        FirstLine {
            inner,
            interim,
            interim_out: Vec::new(),
            interim_at: 0,
            state: State::Holding(Vec::new()),
            max_target,
        }
    }
}

/// Judges a complete request line (up to and including its `\n`).
fn judge(line: &[u8], max_target: usize) -> Verdict {
    let text = line.strip_suffix(b"\n").unwrap_or(line);
    let text = text.strip_suffix(b"\r").unwrap_or(text);
    if text == b"PRI * HTTP/2.0" {
        return Verdict::Pass;
    }
    let mut words = text.split(|&b| b == b' ');
    let (Some(_method), Some(target), Some(version), None) =
        (words.next(), words.next(), words.next(), words.next())
    else {
        return Verdict::Pass; // hyper's 400 for a malformed line is right
    };
    if target.len() > max_target {
        return Verdict::TooLong;
    }
    match version {
        [b'H', b'T', b'T', b'P', b'/', major, b'.', minor]
            if major.is_ascii_digit() && minor.is_ascii_digit() =>
        {
            if *major >= b'2' {
                Verdict::Version
            } else if *major == b'1' && *minor >= b'2' {
                // Offset of the minor digit in the whole line.
                let offset = text.len() - 1;
                Verdict::Downgrade(offset)
            } else {
                Verdict::Pass
            }
        }
        _ => Verdict::Pass,
    }
}

/// A complete response with a JSON error body; the connection closes after it.
pub(crate) fn reply(status: &str, message: &str) -> Vec<u8> {
    let code = status.split(' ').next().unwrap_or("400");
    let reason = status.split_once(' ').map_or("", |(_, r)| r);
    let body = serde_json::json!({
        "error": { "status": code.parse::<u16>().unwrap_or(400), "reason": reason, "message": message }
    })
    .to_string();
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n\
         Content-Length: {}\r\nConnection: close\r\nDate: {}\r\n\r\n{body}",
        body.len(),
        httpdate::fmt_http_date(std::time::SystemTime::now()),
    )
    .into_bytes()
}

impl<T: AsyncRead + AsyncWrite + Unpin> FirstLine<T> {
    /// Moves as many of `held[from..]` into `buf` as fit; returns the new offset.
    fn release(held: &[u8], from: usize, buf: &mut ReadBuf<'_>) -> usize {
        let n = (held.len() - from).min(buf.remaining());
        buf.put_slice(&held[from..from + n]);
        from + n
    }

    fn poll_read_inner(
        &mut self,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        loop {
            match &mut self.state {
                State::Passthrough => return Pin::new(&mut self.inner).poll_read(cx, buf),
                State::Closed => return Poll::Ready(Ok(())),
                State::Releasing(held, from) => {
                    *from = Self::release(held, *from, buf);
                    if *from == held.len() {
                        self.state = State::Passthrough;
                    }
                    return Poll::Ready(Ok(()));
                }
                State::Holding(held) => {
                    let mut chunk = [0u8; 4096];
                    let mut tmp = ReadBuf::new(&mut chunk);
                    ready!(Pin::new(&mut self.inner).poll_read(cx, &mut tmp))?;
                    let got = tmp.filled();
                    if got.is_empty() {
                        // The client closed: hand over what there is (hyper sees a short head).
                        let held = std::mem::take(held);
                        if held.is_empty() {
                            self.state = State::Closed;
                        } else {
                            self.state = State::Releasing(held, 0);
                        }
                        continue;
                    }
                    let start = held.len();
                    held.extend_from_slice(got);
                    let end = held[start..]
                        .iter()
                        .position(|&b| b == b'\n')
                        .map(|i| start + i + 1);
                    let verdict = match end {
                        Some(end) => judge(&held[..end], self.max_target),
                        None if held.len() > self.max_target + LINE_OVERHEAD => Verdict::TooLong,
                        None => continue,
                    };
                    match verdict {
                        Verdict::Pass => {}
                        Verdict::Downgrade(at) => held[at] = b'1',
                        Verdict::TooLong => {
                            self.state = State::Replying(
                                reply(
                                    "414 URI Too Long",
                                    &format!(
                                        "the request target is longer than this server's limit of {} bytes",
                                        self.max_target
                                    ),
                                ),
                                0,
                            );
                            continue;
                        }
                        Verdict::Version => {
                            self.state = State::Replying(
                                reply(
                                    "505 HTTP Version Not Supported",
                                    "this server speaks HTTP/1.0 and HTTP/1.1 on this connection; HTTP/2 needs the connection preface, not an HTTP/1 request line",
                                ),
                                0,
                            );
                            continue;
                        }
                    }
                    let held = std::mem::take(held);
                    self.state = State::Releasing(held, 0);
                }
                State::Replying(out, done) => {
                    while *done < out.len() {
                        let n = ready!(Pin::new(&mut self.inner).poll_write(cx, &out[*done..]))?;
                        if n == 0 {
                            self.state = State::Closed;
                            break;
                        }
                        *done += n;
                    }
                    if matches!(self.state, State::Closed) {
                        continue;
                    }
                    ready!(Pin::new(&mut self.inner).poll_flush(cx))?;
                    // FIN: the client reads the answer and the end of it; we keep reading.
                    let _ = ready!(Pin::new(&mut self.inner).poll_shutdown(cx));
                    self.state = State::Lingering(Box::pin(tokio::time::sleep(LINGER_TIME)), 0);
                }
                State::Lingering(deadline, seen) => {
                    if deadline.as_mut().poll(cx).is_ready() || *seen > LINGER_BYTES {
                        self.state = State::Closed;
                        continue;
                    }
                    let mut chunk = [0u8; 4096];
                    let mut tmp = ReadBuf::new(&mut chunk);
                    match ready!(Pin::new(&mut self.inner).poll_read(cx, &mut tmp)) {
                        Ok(()) if !tmp.filled().is_empty() => *seen += tmp.filled().len(),
                        _ => self.state = State::Closed,
                    }
                }
            }
        }
    }
}

impl<T: AsyncRead + AsyncWrite + Unpin> AsyncRead for FirstLine<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.get_mut().poll_read_inner(cx, buf)
    }
}

impl<T: AsyncRead + AsyncWrite + Unpin> FirstLine<T> {
    /// Writes the interim response in progress, if any, to its end. With `take`, first takes
    /// the one a handler queued: only from `poll_flush`, which hyper calls once everything it
    /// had to write has been handed over, so an interim response never lands inside another
    /// response.
    fn poll_interim(&mut self, cx: &mut Context<'_>, take: bool) -> Poll<io::Result<()>> {
        if take && self.interim_out.is_empty() {
            if let Some(head) = self.interim.take() {
                self.interim_out = head;
                self.interim_at = 0;
            }
        }
        if self.interim_out.is_empty() {
            return Poll::Ready(Ok(()));
        }
        while self.interim_at < self.interim_out.len() {
            let n = ready!(
                Pin::new(&mut self.inner).poll_write(cx, &self.interim_out[self.interim_at..])
            )?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            self.interim_at += n;
        }
        self.interim_out.clear();
        self.interim_at = 0;
        self.interim.written();
        Poll::Ready(Ok(()))
    }
}

impl<T: AsyncRead + AsyncWrite + Unpin> AsyncWrite for FirstLine<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        ready!(this.poll_interim(cx, false))?;
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        ready!(this.poll_interim(cx, false))?;
        Pin::new(&mut this.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.poll_interim(cx, true))?;
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// Longest a handler waits for its interim response to reach the socket; a client that reads
/// nothing gets the final response without it.
const INTERIM_WAIT: Duration = Duration::from_secs(5);

/// Interim (1xx) responses on one HTTP/1.1 connection. hyper sends `100 Continue` itself but has
/// no way to send another 1xx, so a handler queues the bytes here (`/status/103` ...) and
/// [`FirstLine`] writes them to the socket the next time hyper flushes, before the final
/// response; the handler waits until they are written, so the order on the wire is certain.
#[derive(Debug, Default)]
pub(crate) struct Interim {
    queued: Mutex<Queued>,
    written: tokio::sync::Notify,
}

#[derive(Debug, Default)]
struct Queued {
    head: Vec<u8>,
    taken: bool,
}

impl Interim {
    /// Sends `status` with `headers` as an interim response and waits until it is written.
    /// Returns whether it was sent.
    pub async fn send(&self, status: u16, phrase: &str, headers: &http::HeaderMap) -> bool {
        let mut head = format!("HTTP/1.1 {status} {phrase}\r\n").into_bytes();
        for (name, value) in headers {
            head.extend_from_slice(title_case(name.as_str()).as_bytes());
            head.extend_from_slice(b": ");
            head.extend_from_slice(value.as_bytes());
            head.extend_from_slice(b"\r\n");
        }
        head.extend_from_slice(b"\r\n");
        if let Ok(mut q) = self.queued.lock() {
            *q = Queued { head, taken: false };
        }
        if tokio::time::timeout(INTERIM_WAIT, self.written.notified())
            .await
            .is_ok()
        {
            return true;
        }
        let taken = self.queued.lock().map_or(true, |mut q| {
            if !q.taken {
                q.head.clear();
            }
            q.taken
        });
        if taken {
            // Being written: the final response must wait for its end.
            self.written.notified().await;
        }
        taken
    }

    fn take(&self) -> Option<Vec<u8>> {
        let mut q = self.queued.lock().ok()?;
        if q.head.is_empty() {
            return None;
        }
        q.taken = true;
        Some(std::mem::take(&mut q.head))
    }

    fn written(&self) {
        self.written.notify_one();
    }
}

/// `content-type` -> `Content-Type`: how hyper writes names on HTTP/1.1 here, and how httpbin
/// shows request headers.
pub(crate) fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = true;
    for c in name.chars() {
        out.push(if upper { c.to_ascii_uppercase() } else { c });
        upper = c == '-';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        assert_eq!(judge(b"GET / HTTP/1.1\r\n", 100), Verdict::Pass);
        assert_eq!(judge(b"GET / HTTP/1.0\n", 100), Verdict::Pass);
        assert_eq!(judge(b"GET / HTTP/1.2\r\n", 100), Verdict::Downgrade(13));
        assert_eq!(judge(b"GET / HTTP/1.9\n", 100), Verdict::Downgrade(13));
        assert_eq!(judge(b"GET / HTTP/2.0\r\n", 100), Verdict::Version);
        assert_eq!(judge(b"GET / HTTP/3.0\r\n", 100), Verdict::Version);
        assert_eq!(judge(b"PRI * HTTP/2.0\r\n", 100), Verdict::Pass);
        assert_eq!(judge(b"GET /aaaa HTTP/1.1\r\n", 3), Verdict::TooLong);
        // Malformed lines are hyper's to refuse.
        assert_eq!(judge(b"GET  / HTTP/1.1\r\n", 100), Verdict::Pass);
        assert_eq!(judge(b"GET / HTTP/1.12\r\n", 100), Verdict::Pass);
        assert_eq!(judge(b"\r\n", 100), Verdict::Pass);
    }

    #[test]
    fn replies_are_complete_responses() {
        let r = String::from_utf8(reply("414 URI Too Long", "too long")).unwrap();
        let (head, body) = r.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 414 URI Too Long\r\n"));
        assert!(head.contains(&format!("Content-Length: {}", body.len())));
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["error"]["status"], 414);
    }
}
