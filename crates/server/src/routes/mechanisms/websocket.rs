//! A real RFC 6455 WebSocket echo (go-httpbin): `/websocket/echo?max_fragment_size=&max_message_size=`.
//!
//! A GET with the WebSocket handshake headers is answered with 101 and the connection then
//! echoes every text and binary message back as it came, answers pings with pongs, and answers
//! a close with a close. Limits:
//! - `max_message_size` (default and cap: `--max-body`, 1 MiB unless set) and
//!   `max_fragment_size` (default half of that, at most `max_message_size`), in bytes; a larger
//!   frame or message closes the connection with 1009 (Message Too Big) and a reason naming the
//!   limit.
//! - Text that is not UTF-8 closes with 1007, other protocol errors with 1002.
//! - The connection lives at most `--max-delay` seconds, then closes with 1001 (Going Away).
//!
//! A request without a valid handshake gets a JSON 400 naming the missing or wrong header
//! (RFC 6455 §4.2.1), or 426 with `Sec-WebSocket-Version: 13` when the version is not 13
//! (§4.2.2). HEAD answers the same as a GET without the handshake (a HEAD cannot switch
//! protocols); other methods get 405 with `Allow`.
//!
//! Where we differ from go-httpbin on purpose: a frame above `max_fragment_size` closes with
//! 1009 rather than 1002, and our echoes are not re-fragmented to `max_fragment_size`.

use std::time::Duration;

use axum::extract::ws::{rejection::WebSocketUpgradeRejection, CloseFrame, Message, WebSocket};
use axum::extract::{State, WebSocketUpgrade};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};

use super::{bad_request, error, only, parse_count};
use crate::routes::status::query_pairs;
use crate::state::AppState;

/// WebSocket close codes (RFC 6455 §7.4.1).
const CLOSE_GOING_AWAY: u16 = 1001;
const CLOSE_PROTOCOL: u16 = 1002;
const CLOSE_INVALID_DATA: u16 = 1007;
const CLOSE_TOO_BIG: u16 = 1009;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/websocket/echo", only(get(echo), "GET, HEAD, OPTIONS"))
}

/// The size limits of one connection.
#[derive(Debug, PartialEq)]
struct Limits {
    fragment: usize,
    message: usize,
}

fn parse_limits(query: Option<&str>, cap: usize) -> Result<Limits, String> {
    let (mut fragment, mut message) = (None, None);
    for (k, v) in query_pairs(query)? {
        let slot = match k.as_str() {
            "max_fragment_size" => &mut fragment,
            "max_message_size" => &mut message,
            _ => continue,
        };
        let n = parse_count(&k, &v, cap as u64)?;
        if n == 0 {
            return Err(format!("{k} must be from 1 to {cap} bytes; got 0"));
        }
        *slot = Some(usize::try_from(n).unwrap_or(cap));
    }
    let message = message.unwrap_or(cap).max(1);
    let fragment = fragment.unwrap_or((cap / 2).clamp(1, message));
    if fragment > message {
        return Err(format!(
            "max_fragment_size ({fragment}) must not be above max_message_size ({message})"
        ));
    }
    Ok(Limits { fragment, message })
}

/// Whether a comma-separated header has `token`.
fn has_token(headers: &HeaderMap, name: header::HeaderName, token: &str) -> bool {
    headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim().eq_ignore_ascii_case(token))
}

/// What is wrong with the handshake, if anything: status and message.
fn handshake_problem(method: &Method, headers: &HeaderMap) -> Option<(StatusCode, String)> {
    let bad = |m: &str| Some((StatusCode::BAD_REQUEST, m.to_string()));
    if !has_token(headers, header::CONNECTION, "upgrade") {
        return bad("a WebSocket handshake needs Connection: Upgrade (and Upgrade: websocket, Sec-WebSocket-Version: 13, Sec-WebSocket-Key)");
    }
    if !has_token(headers, header::UPGRADE, "websocket") {
        return bad("a WebSocket handshake needs Upgrade: websocket");
    }
    if headers
        .get(header::SEC_WEBSOCKET_VERSION)
        .is_none_or(|v| v.as_bytes() != b"13")
    {
        return Some((
            StatusCode::UPGRADE_REQUIRED,
            "only WebSocket version 13 is supported: send Sec-WebSocket-Version: 13".into(),
        ));
    }
    let key_ok = headers
        .get(header::SEC_WEBSOCKET_KEY)
        .is_some_and(|k| k.len() == 24 && k.as_bytes().ends_with(b"=="));
    if !key_ok {
        return bad("a WebSocket handshake needs Sec-WebSocket-Key: 16 random bytes in base64");
    }
    if method == Method::HEAD {
        return bad("a HEAD request cannot open a WebSocket; use GET");
    }
    None
}

async fn echo(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    ws: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    let limits = match parse_limits(uri.query(), state.config.max_body_bytes) {
        Ok(l) => l,
        Err(m) => return bad_request(&headers, m),
    };
    if let Some((status, message)) = handshake_problem(&method, &headers) {
        let mut res = error(status, &headers, message);
        if status == StatusCode::UPGRADE_REQUIRED {
            let h = res.headers_mut();
            h.insert(
                header::SEC_WEBSOCKET_VERSION,
                HeaderValue::from_static("13"),
            );
            h.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
            h.insert(header::CONNECTION, HeaderValue::from_static("Upgrade"));
        }
        return res;
    }
    let ws = match ws {
        Ok(ws) => ws,
        Err(rejection) => {
            return bad_request(
                &headers,
                format!("the WebSocket handshake failed: {}", rejection.body_text()),
            )
        }
    };
    let lifetime = state.config.max_delay;
    ws.max_message_size(limits.message)
        .max_frame_size(limits.fragment)
        .on_upgrade(move |socket| serve(socket, lifetime))
}

/// The close code for a failed read: 1009 for the size limits, 1007 for text that is not
/// UTF-8, 1002 for any other protocol error.
fn close_code(err: &axum::Error) -> u16 {
    // axum hides tungstenite's error type; its messages are stable:
    // "Space limit exceeded: Message too long: ..." and "UTF-8 encoding error: ...".
    let text = err.to_string();
    if text.contains("Space limit exceeded") {
        CLOSE_TOO_BIG
    } else if text.contains("UTF-8") {
        CLOSE_INVALID_DATA
    } else {
        CLOSE_PROTOCOL
    }
}

fn close(code: u16, reason: &str) -> Message {
    // A close reason is at most 123 bytes.
    let mut reason = reason.to_string();
    while reason.len() > 123 {
        reason.pop();
    }
    Message::Close(Some(CloseFrame {
        code,
        reason: reason.into(),
    }))
}

/// Echoes messages until the client closes, an error, or the end of the lifetime.
async fn serve(mut socket: WebSocket, lifetime: Duration) {
    let deadline = tokio::time::sleep(lifetime);
    tokio::pin!(deadline);
    loop {
        let next = tokio::select! {
            next = socket.recv() => next,
            () = &mut deadline => {
                let reason = format!(
                    "this server keeps a WebSocket open at most {} s (--max-delay)",
                    lifetime.as_secs_f64()
                );
                let _ = socket.send(close(CLOSE_GOING_AWAY, &reason)).await;
                break;
            }
        };
        let reply = match next {
            None => break,
            Some(Err(e)) => {
                let code = close_code(&e);
                let _ = socket.send(close(code, &e.to_string())).await;
                break;
            }
            // tungstenite answers pings itself and replies to a close.
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
            Some(Ok(Message::Close(_))) => break,
            Some(Ok(m @ (Message::Text(_) | Message::Binary(_)))) => m,
        };
        if socket.send(reply).await.is_err() {
            break;
        }
    }
    // Let the closing handshake finish (bounded), then drop the connection.
    let _ = tokio::time::timeout(Duration::from_secs(2), async {
        while let Some(Ok(_)) = socket.recv().await {}
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits() {
        assert_eq!(
            parse_limits(None, 1000),
            Ok(Limits {
                fragment: 500,
                message: 1000
            })
        );
        assert_eq!(
            parse_limits(Some("max_message_size=100"), 1000),
            Ok(Limits {
                fragment: 100,
                message: 100
            })
        );
        assert_eq!(
            parse_limits(Some("max_fragment_size=10&max_message_size=20"), 1000),
            Ok(Limits {
                fragment: 10,
                message: 20
            })
        );
        for bad in [
            "max_message_size=0",
            "max_message_size=1001",
            "max_fragment_size=x",
            "max_fragment_size=30&max_message_size=20",
        ] {
            assert!(parse_limits(Some(bad), 1000).is_err(), "{bad}");
        }
    }

    #[test]
    fn handshake() {
        let mut h = HeaderMap::new();
        assert!(handshake_problem(&Method::GET, &h).is_some());
        h.insert(
            header::CONNECTION,
            HeaderValue::from_static("keep-alive, Upgrade"),
        );
        h.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
        h.insert(header::SEC_WEBSOCKET_VERSION, HeaderValue::from_static("8"));
        h.insert(
            header::SEC_WEBSOCKET_KEY,
            HeaderValue::from_static("dGhlIHNhbXBsZSBub25jZQ=="),
        );
        assert_eq!(
            handshake_problem(&Method::GET, &h).map(|p| p.0),
            Some(StatusCode::UPGRADE_REQUIRED)
        );
        h.insert(
            header::SEC_WEBSOCKET_VERSION,
            HeaderValue::from_static("13"),
        );
        assert_eq!(handshake_problem(&Method::GET, &h), None);
        assert!(handshake_problem(&Method::HEAD, &h).is_some());
    }
}
