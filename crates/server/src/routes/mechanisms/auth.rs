//! Authentication challenges (httpbin): `/basic-auth/{user}/{passwd}`,
//! `/hidden-basic-auth/{user}/{passwd}` and `/bearer`.
//!
//! Until the right credentials arrive, `/basic-auth` answers 401 with
//! `WWW-Authenticate: Basic realm="httpstatus", charset="UTF-8"` (so browsers and `curl -u`
//! work), `/hidden-basic-auth` answers the same 404 as a path that does not exist, and `/bearer` answers 401 with
//! `WWW-Authenticate: Bearer realm="httpstatus"` (plus `error="invalid_token"` when the token is
//! empty, RFC 6750 §3). Any non-empty token is accepted, as httpbin accepts any. Credentials are compared in time that does not depend on where
//! they differ. Any method is accepted.

use axum::extract::rejection::PathRejection;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use base64::Engine as _;
use http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use serde_json::json;

use super::{error, json_response, path_param};
use crate::error::AppError;
use crate::negotiate::{self, Format};
use crate::state::AppState;

const BASIC_CHALLENGE: &str = "Basic realm=\"httpstatus\", charset=\"UTF-8\"";

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/basic-auth/{user}/{passwd}", any(basic_auth))
        .route("/hidden-basic-auth/{user}/{passwd}", any(hidden_basic_auth))
        .route("/bearer", any(bearer))
}

/// Equality in time that depends only on the lengths, not on where the inputs differ.
pub(super) fn same(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for i in 0..a.len().max(b.len()) {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        diff |= usize::from(x ^ y);
    }
    diff == 0
}

/// The credentials of an `Authorization` header with the given scheme, after the scheme.
fn credentials<'a>(headers: &'a HeaderMap, scheme: &str) -> Result<&'a str, &'static str> {
    let value = headers
        .get(header::AUTHORIZATION)
        .ok_or("no Authorization header was sent")?;
    let value = value
        .to_str()
        .map_err(|_| "the Authorization header is not ASCII")?
        .trim();
    let (given, rest) = value.split_once(' ').unwrap_or((value, ""));
    if !given.eq_ignore_ascii_case(scheme) {
        return Err("the Authorization header uses another scheme");
    }
    Ok(rest.trim())
}

/// Checks Basic credentials against `user` and `passwd`; the error says what was wrong.
fn check_basic(headers: &HeaderMap, user: &str, passwd: &str) -> Result<(), &'static str> {
    let encoded = credentials(headers, "Basic")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .map_err(|_| "the Basic credentials are not valid base64")?;
    let colon = decoded
        .iter()
        .position(|&b| b == b':')
        .ok_or("the Basic credentials have no ':' between user and password")?;
    let (u, p) = (&decoded[..colon], &decoded[colon + 1..]);
    // Both compared, always, so timing does not say which one was wrong.
    let ok_user = same(u, user.as_bytes());
    let ok_pass = same(p, passwd.as_bytes());
    if ok_user & ok_pass {
        Ok(())
    } else {
        Err("wrong user name or password")
    }
}

async fn basic_auth(
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (user, passwd) = match path_param(path, &headers) {
        Ok(p) => p,
        Err(res) => return res,
    };
    match check_basic(&headers, &user, &passwd) {
        Ok(()) => json_response(
            StatusCode::OK,
            &json!({ "authenticated": true, "user": user }),
        ),
        Err(why) => {
            let mut res = error(
                StatusCode::UNAUTHORIZED,
                &headers,
                format!("{why}; send Authorization: Basic with the user and password from the URL"),
            );
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(BASIC_CHALLENGE),
            );
            res
        }
    }
}

/// Without the right credentials, the same 404 as a path that does not exist.
async fn hidden_basic_auth(
    uri: Uri,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (user, passwd) = match path_param(path, &headers) {
        Ok(p) => p,
        Err(res) => return res,
    };
    match check_basic(&headers, &user, &passwd) {
        Ok(()) => json_response(
            StatusCode::OK,
            &json!({ "authenticated": true, "user": user }),
        ),
        Err(_) => AppError::not_found(format!(
            "nothing at {}; see / for the reference and /endpoints for the test endpoints",
            uri.path()
        ))
        .in_format(negotiate::format(&headers, Format::Html))
        .into_response(),
    }
}

async fn bearer(headers: HeaderMap) -> Response {
    let (why, challenge) = match credentials(&headers, "Bearer") {
        Ok(token) if !token.is_empty() => {
            return json_response(StatusCode::OK, &json!({ "authenticated": true, "token": token }));
        }
        Ok(_) => (
            "the Bearer token is empty",
            "Bearer realm=\"httpstatus\", error=\"invalid_token\", error_description=\"empty token\"",
        ),
        Err(why) => (why, "Bearer realm=\"httpstatus\""),
    };
    let mut res = error(
        StatusCode::UNAUTHORIZED,
        &headers,
        format!("{why}; send Authorization: Bearer <token>"),
    );
    res.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static(challenge),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auth(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, HeaderValue::from_str(v).unwrap());
        h
    }

    #[test]
    fn basic_credentials() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"abcd"));
        assert!(!same(b"", b"a"));
        assert_eq!(
            check_basic(&auth("Basic dXNlcjpwYXNzd2Q="), "user", "passwd"),
            Ok(())
        );
        assert_eq!(
            check_basic(&auth("basic   dXNlcjpwYXNzd2Q="), "user", "passwd"),
            Ok(())
        );
        assert_eq!(
            check_basic(&auth("Basic dXNlcjpwYXNzd2Q="), "user", "other"),
            Err("wrong user name or password")
        );
        assert!(check_basic(&auth("Basic !!!"), "u", "p").is_err());
        assert!(
            check_basic(&auth("Basic dXNlcg=="), "user", "").is_err(),
            "no colon"
        );
        assert!(check_basic(&auth("Bearer x"), "u", "p").is_err());
        assert!(check_basic(&HeaderMap::new(), "u", "p").is_err());
        // A password may contain ':'; only the first one separates.
        let enc = base64::engine::general_purpose::STANDARD.encode("u:p:q");
        assert_eq!(
            check_basic(&auth(&format!("Basic {enc}")), "u", "p:q"),
            Ok(())
        );
    }
}
