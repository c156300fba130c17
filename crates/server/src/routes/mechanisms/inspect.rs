//! The request, described back (httpbin, go-httpbin).
//!
//! - `/headers`: `{"headers": {...}}`, the request headers as the echo endpoints show them.
//! - `/ip`: `{"origin": "..."}`, the client address as the echo endpoints show it.
//! - `/user-agent`: `{"user-agent": "..."}`; an empty string when the request has none (httpbin
//!   fails with a 500 there).
//! - `/uuid`: `{"uuid": "..."}`, a fresh random version 4 UUID.
//! - `/hostname`: `{"hostname": "..."}`, the name set with the server's hostname setting, or the
//!   placeholder `httpstatus` (go-httpbin answers `go-httpbin`), so that the machine's real name is
//!   never disclosed unless asked for.
//! - `/env`: `{"env": {...}}`, only the environment variables named in the server's `expose_env`
//!   setting that are set; an empty object by default. No other variable is ever shown.
//! - `/dump/request`: the request as text (go-httpbin): request line, headers (names in
//!   Title-Case, in the order received), blank line, body. Any method; the body is read up to the
//!   server's body limit (413 above it).
//!
//! The JSON endpoints answer GET and HEAD (and OPTIONS); other methods get a real 405
//! with `Allow`, as in httpbin (go-httpbin answers any method). A HEAD request is described as the
//! GET it stands for, so that HEAD gives the very headers, Content-Length included, of that GET.

use axum::extract::{Request, State};
use axum::response::Response;
use axum::routing::{any, get};
use axum::Router;
use http::request::Parts;
use http::{header, HeaderValue, Method, StatusCode};
use serde_json::{json, Map, Value};

use super::echo::request_info;
use super::{json_response, only, read_body};
use crate::state::AppState;

/// What `/hostname` answers when no hostname is configured.
const DEFAULT_HOSTNAME: &str = "httpstatus";

const GET_HEAD: &str = "GET, HEAD, OPTIONS";

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/headers", only(get(headers), GET_HEAD))
        .route("/ip", only(get(ip), GET_HEAD))
        .route("/user-agent", only(get(user_agent), GET_HEAD))
        .route("/uuid", only(get(uuid), GET_HEAD))
        .route("/hostname", only(get(hostname), GET_HEAD))
        .route("/env", only(get(env), GET_HEAD))
        .route("/dump/request", any(dump_request))
}

/// The request as the GET it stands for when it is a HEAD (so HEAD and GET have the same length).
pub(super) fn as_get(mut parts: Parts) -> Parts {
    if parts.method == Method::HEAD {
        parts.method = Method::GET;
    }
    parts
}

/// One field of httpbin's description of the request.
fn info_field(req: Request, field: &str) -> Result<Value, Response> {
    let (parts, _body) = req.into_parts();
    let mut info = request_info(&as_get(parts))?;
    Ok(info.remove(field).unwrap_or(Value::Null))
}

async fn headers(req: Request) -> Response {
    match info_field(req, "headers") {
        Ok(h) => json_response(StatusCode::OK, &json!({ "headers": h })),
        Err(res) => res,
    }
}

async fn ip(req: Request) -> Response {
    match info_field(req, "origin") {
        Ok(origin) => json_response(StatusCode::OK, &json!({ "origin": origin })),
        Err(res) => res,
    }
}

async fn user_agent(headers: http::HeaderMap) -> Response {
    let ua = headers
        .get_all(header::USER_AGENT)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect::<Vec<_>>()
        .join(",");
    json_response(StatusCode::OK, &json!({ "user-agent": ua }))
}

/// A random version 4 UUID, in its hyphenated lower-case form.
pub(super) fn uuid_v4() -> String {
    let mut bytes = [0u8; 16];
    fastrand::fill(&mut bytes);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string()
}

async fn uuid() -> Response {
    json_response(StatusCode::OK, &json!({ "uuid": uuid_v4() }))
}

async fn hostname(State(state): State<AppState>) -> Response {
    let name = state.config.hostname.as_deref().unwrap_or(DEFAULT_HOSTNAME);
    json_response(StatusCode::OK, &json!({ "hostname": name }))
}

async fn env(State(state): State<AppState>) -> Response {
    let mut vars = Map::new();
    for name in &state.config.expose_env {
        if let Some(value) = std::env::var_os(name) {
            vars.insert(
                name.clone(),
                Value::String(value.to_string_lossy().into_owned()),
            );
        }
    }
    json_response(StatusCode::OK, &json!({ "env": vars }))
}

/// The request in its HTTP/1.x wire form (approximately: header case and spacing are not kept).
async fn dump_request(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let parts = as_get(parts);
    let body = match read_body(&parts.headers, body, state.config.max_body_bytes).await {
        Ok(b) => b,
        Err(res) => return res,
    };
    let target = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.to_string(), |pq| pq.as_str().to_string());
    let mut out = Vec::with_capacity(256 + body.len());
    out.extend_from_slice(format!("{} {target} {:?}\r\n", parts.method, parts.version).as_bytes());
    for (name, value) in &parts.headers {
        out.extend_from_slice(super::echo::title_case(name.as_str()).as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(&body);
    let mut res = Response::new(axum::body::Body::from(out));
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_version_4() {
        let u = uuid_v4();
        assert_eq!(u.len(), 36);
        let parsed = uuid::Uuid::parse_str(&u).unwrap();
        assert_eq!(parsed.get_version_num(), 4);
        assert_ne!(uuid_v4(), u);
    }
}
