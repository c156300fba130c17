//! `httpstatus serve`: one process that serves
//!
//! - the **web reference**: a page per class and per code, search, English and Thai;
//! - the **JSON API** under `/api/v1`, with its OpenAPI document;
//! - **test endpoints** for HTTP clients, URL-compatible with httpbin, go-httpbin and httpstat.us,
//!   that answer every status code with the headers and body rules it needs;
//! - **operations** endpoints: `/healthz` and Prometheus `/metrics`.
//!
//! [`app`] builds the router (tests call it directly); [`serve`] runs it on a listener with
//! connection limits, header timeouts and graceful shutdown.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let config = httpstatus_server::Config::default();
//! let listener = tokio::net::TcpListener::bind(config.addr).await?;
//! httpstatus_server::serve(listener, config, std::future::pending()).await
//! # }
//! ```
#![warn(missing_docs)]

mod cached;
mod config;
mod endpoints;
mod error;
mod fast;
mod h1;
mod metrics;
mod negotiate;
mod request_body;
mod routes;
mod server;
mod state;

pub use crate::config::{Config, ConfigError};
pub use crate::endpoints::{Endpoint, ENDPOINTS};
pub use crate::routes::app;
pub use crate::server::serve;
