//! Request bodies that a handler leaves unread are read away, so the connection survives.
//!
//! An HTTP/1.1 server that answers without reading the whole request body must either read the
//! rest or close the connection (RFC 9112 §9.3, RFC 9110 §10.1.1). hyper closes, which costs the
//! client its next request on a kept-alive connection, and closing while the client is still
//! sending makes the client's kernel see a reset before it reads the answer (Python's
//! `http.client` then reports a broken pipe). So every request body goes to the handler inside a
//! [`Tracked`] body; what the handler drops unread comes back to the connection's service, which
//! answers at once and reads the rest in the background:
//!
//! - up to the body limit: read and discarded; the connection stays open for the next request;
//! - beyond the limit (declared by `Content-Length`, or found while reading): the answer carries
//!   `Connection: close`, and reading and discarding goes on for a bounded time and size before
//!   the connection closes (a lingering close, as nginx does), so the client reads the answer;
//! - a client that waits for `100 Continue` and was never sent one has sent no body: nothing is
//!   read, and the answer carries `Connection: close` (RFC 9110 §10.1.1).

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::body::{Body, Frame, Incoming, SizeHint};

/// Longest time spent reading away a body the handler did not read.
const DRAIN_TIME: Duration = Duration::from_secs(10);
/// Most bytes read and thrown away beyond the body limit before the connection closes.
const LINGER_BYTES: u64 = 64 * 1024 * 1024;

/// A request body the handler dropped before its end, handed back to the service.
#[derive(Debug)]
pub(crate) struct Leftover {
    body: Incoming,
    /// Whether the handler asked for any of it (hyper sends `100 Continue` on the first ask).
    polled: bool,
    /// Bytes the handler already read.
    read: u64,
}

/// Where a dropped body comes back to.
pub(crate) type Slot = Arc<Mutex<Option<Leftover>>>;

/// The request body as handlers see it.
#[derive(Debug)]
pub(crate) struct Tracked {
    inner: Option<Incoming>,
    polled: bool,
    read: u64,
    slot: Slot,
}

impl Tracked {
    pub fn new(body: Incoming) -> (Tracked, Slot) {
        let slot = Slot::default();
        let tracked = Tracked {
            inner: Some(body),
            polled: false,
            read: 0,
            slot: slot.clone(),
        };
        (tracked, slot)
    }
}

impl Body for Tracked {
    type Data = bytes::Bytes;
    type Error = hyper::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<bytes::Bytes>, hyper::Error>>> {
        let this = &mut *self;
        this.polled = true;
        let Some(inner) = this.inner.as_mut() else {
            return Poll::Ready(None);
        };
        let frame = Pin::new(inner).poll_frame(cx);
        if let Poll::Ready(Some(Ok(f))) = &frame {
            if let Some(data) = f.data_ref() {
                this.read += data.len() as u64;
            }
        }
        frame
    }

    fn is_end_stream(&self) -> bool {
        self.inner.as_ref().is_none_or(Body::is_end_stream)
    }

    fn size_hint(&self) -> SizeHint {
        self.inner
            .as_ref()
            .map_or_else(|| SizeHint::with_exact(0), Body::size_hint)
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        if let Some(body) = self.inner.take() {
            if !body.is_end_stream() {
                if let Ok(mut slot) = self.slot.lock() {
                    *slot = Some(Leftover {
                        body,
                        polled: self.polled,
                        read: self.read,
                    });
                }
            }
        }
    }
}

/// What the service does with a body the handler left unread.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Plan {
    /// Read it away in the background; the connection may stay open.
    Drain,
    /// The answer closes the connection; read away in the background for a bounded time and size.
    Linger,
    /// The client is waiting for `100 Continue` and has sent nothing: close without reading.
    Close,
}

fn plan(
    polled: bool,
    read: u64,
    expects_continue: bool,
    declared: Option<u64>,
    limit: usize,
) -> Plan {
    if expects_continue && !polled {
        Plan::Close
    } else if declared.is_some_and(|n| n > limit as u64) || read > limit as u64 {
        Plan::Linger
    } else {
        Plan::Drain
    }
}

impl Leftover {
    /// Decides, from the request's `Expect` and `Content-Length`, what to do with the rest.
    pub fn plan(&self, expects_continue: bool, declared: Option<u64>, limit: usize) -> Plan {
        plan(self.polled, self.read, expects_continue, declared, limit)
    }

    /// Reads the rest of the body and throws it away: up to `limit` bytes in all keeps the
    /// connection usable; beyond that, reading goes on up to a bounded size and time, then the
    /// body is dropped and hyper closes the connection.
    pub async fn discard(self, limit: usize) {
        let Leftover { mut body, read, .. } = self;
        let _ = tokio::time::timeout(DRAIN_TIME, async move {
            let mut seen = read;
            let cap = (limit as u64).saturating_add(LINGER_BYTES);
            while let Some(Ok(frame)) =
                std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await
            {
                if let Some(data) = frame.data_ref() {
                    seen += data.len() as u64;
                }
                if seen > cap {
                    break;
                }
            }
        })
        .await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // (`Incoming` cannot be made outside hyper; the server tests cover the whole path.)
    #[test]
    fn plans() {
        assert_eq!(plan(false, 0, true, Some(10), 100), Plan::Close);
        assert_eq!(plan(true, 0, true, Some(10), 100), Plan::Drain);
        assert_eq!(plan(false, 0, false, Some(1000), 100), Plan::Linger);
        assert_eq!(plan(true, 101, false, None, 100), Plan::Linger);
        assert_eq!(plan(false, 0, false, None, 100), Plan::Drain);
        assert_eq!(plan(false, 0, false, Some(100), 100), Plan::Drain);
    }
}
