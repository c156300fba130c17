//! `httpstatus serve`: one process that serves
//!
//! - the **web reference**: a page per class and per code, search, English and Thai;
//! - the **JSON API** under `/api/v1`, with its OpenAPI document;
//! - **test endpoints** for HTTP clients, URL-compatible with httpbin, go-httpbin and httpstat.us,
//!   that answer every status code with the headers and body rules it needs;
//! - **operations** endpoints: `/healthz` and Prometheus `/metrics`.
//!
//! [`app`] builds the router (tests call it directly); [`serve`] runs it on a listener with
//! connection limits, header timeouts and graceful shutdown, over HTTP/1.1 and HTTP/2, in
//! cleartext or TLS ([`TlsSettings`]).
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let config = httpstatus_server::Config::default();
//! let listener = tokio::net::TcpListener::bind(config.addr).await?;
//! httpstatus_server::serve(listener, config, std::future::pending()).await
//! # }
//! ```
#![warn(missing_docs)]

mod access_log;
mod cached;
mod config;
mod endpoints;
mod error;
mod fast;
mod h1;
mod http2;
mod metrics;
mod negotiate;
mod request_body;
mod routes;
mod server;
mod state;
mod tls;
mod wire;

pub use crate::access_log::{set_access_log, AccessLog, AccessRecord};
pub use crate::config::{parse_public_url, Config, ConfigError};
pub use crate::endpoints::{Endpoint, ENDPOINTS};
pub use crate::metrics::report_log_drops;
pub use crate::routes::app;
pub use crate::server::serve;
pub use crate::tls::TlsSettings;

/// Entry points for the fuzz targets in `fuzz/` (not a stable API).
#[doc(hidden)]
pub mod fuzzing {
    use crate::state::AppState;

    /// The per-request halves of `serve`: the fast path and the router, over one state.
    #[derive(Clone)]
    pub struct Halves {
        state: AppState,
        router: axum::Router,
    }

    impl std::fmt::Debug for Halves {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("Halves")
        }
    }

    impl Halves {
        /// Builds both halves for `config`.
        pub fn new(config: crate::Config) -> Halves {
            let state = AppState::new(config);
            let router = crate::routes::app_with_state(state.clone());
            Halves { state, router }
        }

        /// The fast path's answer, if it takes the request.
        pub fn fast<B>(&self, req: &http::Request<B>) -> Option<axum::response::Response> {
            self.state.fast.answer(&self.state, req)
        }

        /// The router.
        pub fn router(&self) -> axum::Router {
            self.router.clone()
        }
    }
}
