//! The accept loop: HTTP/1.1 connections with a connection cap, a header-read timeout that also
//! bounds idle keep-alive time (so a slow or silent client cannot hold the server), a cap on the
//! request head size, upgrades (for a real 101), and graceful shutdown.
//!
//! Around hyper, per connection: [`FirstLine`] checks the first request line (414, 505, a
//! higher HTTP/1 minor version served as 1.1); header names go out in `Title-Case`, as httpbin
//! and go-httpbin send them and as test helpers match them; per request: unread request bodies
//! are read away ([`crate::request_body`]) and every status line carries the registry's reason
//! phrase.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::ConnectInfo;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

use crate::config::Config;
use crate::h1::FirstLine;
use crate::request_body::{Plan, Tracked};
use crate::routes::app_with_state;
use crate::state::AppState;

/// Serves until `shutdown` completes, then stops accepting, lets in-flight requests finish for up
/// to [`Config::shutdown_grace`], and returns.
pub async fn serve(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let state = AppState::new(config);
    let app = app_with_state(state.clone());
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(state.config.header_read_timeout)
        .max_buf_size(state.config.max_header_bytes)
        .title_case_headers(true)
        .keep_alive(true);
    // Connections watch this to start a graceful close (finish the request in flight, no keep-alive).
    let (closing_tx, closing_rx) = tokio::sync::watch::channel(false);
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
        let svc = {
            let (app, state) = (app.clone(), state.clone());
            tower::service_fn(move |req: http::Request<hyper::body::Incoming>| {
                let (app, state) = (app.clone(), state.clone());
                async move { Ok::<_, std::convert::Infallible>(handle(&state, app, remote, req).await) }
            })
        };
        let io = FirstLine::new(stream, state.config.max_uri_bytes);
        let conn = builder
            .serve_connection(TokioIo::new(io), TowerToHyperService::new(svc))
            .with_upgrades();
        let metrics_state = state.clone();
        let mut closing = closing_rx.clone();
        tokio::spawn(async move {
            metrics_state.metrics.connections_open.inc();
            tokio::pin!(conn);
            let result = tokio::select! {
                result = conn.as_mut() => result,
                () = async { let _ = closing.wait_for(|c| *c).await; } => {
                    conn.as_mut().graceful_shutdown();
                    conn.await
                }
            };
            if let Err(err) = result {
                tracing::debug!(%err, %remote, "connection ended with an error");
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

/// One request: the fast path or the router, then what the handler left of the body, then the
/// reason phrase.
async fn handle(
    state: &AppState,
    app: axum::Router,
    remote: SocketAddr,
    req: http::Request<hyper::body::Incoming>,
) -> axum::response::Response {
    use hyper::body::Body as _;
    if let Some(res) = state.fast.answer(state, &req) {
        return res;
    }
    let (mut parts, body) = req.into_parts();
    parts.extensions.insert(ConnectInfo::<SocketAddr>(remote));
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
