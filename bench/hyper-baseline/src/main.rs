//! The ceiling for `bench/server/*.sh`: the least a hyper server can do per request on this
//! machine (multi-threaded tokio, a fixed 418 with a short body): HTTP/1.1 keep-alive, or with
//! `h2` as the second argument HTTP/2 with prior knowledge (hyper's defaults).
//!
//!     hyper-baseline 127.0.0.1:8192        # HTTP/1.1
//!     hyper-baseline 127.0.0.1:8193 h2     # h2c

use std::convert::Infallible;

use bytes::Bytes;
use http_body_util::Full;
use hyper::server::conn::{http1, http2};
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioExecutor, TokioIo};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8099".to_string());
    let h2 = std::env::args().nth(2).is_some_and(|a| a == "h2");
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    loop {
        let (stream, _) = listener.accept().await?;
        let _ = stream.set_nodelay(true);
        tokio::spawn(async move {
            let svc = service_fn(|_req: Request<hyper::body::Incoming>| async {
                let mut res = Response::new(Full::new(Bytes::from_static(b"418 I'm a teapot\n")));
                *res.status_mut() = StatusCode::IM_A_TEAPOT;
                Ok::<_, Infallible>(res)
            });
            let io = TokioIo::new(stream);
            let _ = if h2 {
                http2::Builder::new(TokioExecutor::new())
                    .serve_connection(io, svc)
                    .await
            } else {
                http1::Builder::new().serve_connection(io, svc).await
            };
        });
    }
}
