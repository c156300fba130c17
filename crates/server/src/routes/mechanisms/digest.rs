//! HTTP Digest authentication, RFC 7616 (httpbin, go-httpbin):
//! `/digest-auth/{qop}/{user}/{passwd}[/{algorithm}[/{stale_after}]]`, any method.
//!
//! - `qop` is `auth`, `auth-int` (the response also covers a hash of the request body, read up
//!   to `--max-body`) or `none` (the RFC 2069 form without `qop`, `nc` and `cnonce`).
//! - `algorithm` is `MD5` (default), `MD5-sess`, `SHA-256`, `SHA-256-sess`, `SHA-512-256`,
//!   `SHA-512-256-sess` or httpbin's `SHA-512`, in any case.
//! - Without a Digest `Authorization`, the answer is 401 with
//!   `WWW-Authenticate: Digest realm="httpstatus", nonce=..., qop=..., opaque=..., algorithm=..., stale=FALSE`.
//!   A right answer gets 200 `{"authenticated": true, "user": ...}`; a wrong user or password
//!   gets 401 with a fresh challenge. Hashes and user names are compared in time that does not
//!   depend on where they differ.
//! - `stale_after` (`never`, the default, or a count up to 1,000) works as httpbin's does,
//!   through cookies: the challenge sets `stale_after=<N>` and `fake=fake_value`; each success
//!   counts `stale_after` down; when it reaches 0, or when the nonce is the one named by the
//!   `last_nonce` cookie (set on every 401 after an attempt), the answer is 401 with
//!   `stale=TRUE` and a fresh nonce, and the count starts again. Clients that keep cookies
//!   therefore see a stale nonce after N uses.
//! - `?require-cookie=1` (or `t`, `true`): an attempt without any cookie gets the challenge
//!   again, and one without the `fake=fake_value` cookie gets 403.
//!
//! Nonces are not remembered: as with the peers, any nonce the client answers with is
//! accepted, and `nc` is not checked for replays.
//!
//! Where we differ from the peers on purpose:
//! - An unknown `qop` or `algorithm` in the URL is a 400 naming it (httpbin falls back to
//!   offering both `auth` and `auth-int`, and to MD5); go-httpbin knows only `auth` with MD5 or
//!   SHA-256. httpbin accepts a qop-less answer to any challenge; here that is `qop=none`.
//! - A Digest `Authorization` that cannot be parsed, lacks a required field, or does not fit
//!   the challenge (another realm, algorithm or qop, a `uri` other than the request target,
//!   `userhash=true`) is a 400 naming the problem. httpbin answers 500 when fields are missing,
//!   and accepts an answer computed with another realm, algorithm or qop than it offered.
//! - A `stale_after` that is neither `never` nor a count is a 400 (httpbin treats it as
//!   `never`); go-httpbin has no `stale_after` URL.
//! - The realm is `httpstatus`; 401 and 400 bodies are JSON naming the problem.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::response::Response;
use axum::routing::any;
use axum::Router;
use http::{header, HeaderMap, HeaderValue, StatusCode};
use md5::Md5;
use serde_json::json;
use sha2::{Digest as _, Sha256, Sha512, Sha512_256};

use super::auth::same;
use super::{bad_request, error, json_response, parse_count, path_param, read_body, shorten};
use crate::routes::status::query_pairs;
use crate::state::AppState;

const REALM: &str = "httpstatus";
/// Highest `stale_after` count.
const MAX_STALE_AFTER: u64 = 1000;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/digest-auth/{qop}/{user}/{passwd}", any(digest_auth))
        .route(
            "/digest-auth/{qop}/{user}/{passwd}/{algorithm}",
            any(digest_auth),
        )
        .route(
            "/digest-auth/{qop}/{user}/{passwd}/{algorithm}/{stale_after}",
            any(digest_auth),
        )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Algorithm {
    Md5,
    Md5Sess,
    Sha256,
    Sha256Sess,
    Sha512,
    Sha512_256,
    Sha512_256Sess,
}

impl Algorithm {
    const ALL: [Algorithm; 7] = [
        Algorithm::Md5,
        Algorithm::Md5Sess,
        Algorithm::Sha256,
        Algorithm::Sha256Sess,
        Algorithm::Sha512,
        Algorithm::Sha512_256,
        Algorithm::Sha512_256Sess,
    ];

    fn name(self) -> &'static str {
        match self {
            Algorithm::Md5 => "MD5",
            Algorithm::Md5Sess => "MD5-sess",
            Algorithm::Sha256 => "SHA-256",
            Algorithm::Sha256Sess => "SHA-256-sess",
            Algorithm::Sha512 => "SHA-512",
            Algorithm::Sha512_256 => "SHA-512-256",
            Algorithm::Sha512_256Sess => "SHA-512-256-sess",
        }
    }

    fn parse(s: &str) -> Option<Algorithm> {
        Algorithm::ALL
            .into_iter()
            .find(|a| a.name().eq_ignore_ascii_case(s.trim()))
    }

    fn sess(self) -> bool {
        matches!(
            self,
            Algorithm::Md5Sess | Algorithm::Sha256Sess | Algorithm::Sha512_256Sess
        )
    }

    /// The hash of `data` in lower-case hex.
    fn hash(self, data: &[u8]) -> String {
        match self {
            Algorithm::Md5 | Algorithm::Md5Sess => hex(&Md5::digest(data)),
            Algorithm::Sha256 | Algorithm::Sha256Sess => hex(&Sha256::digest(data)),
            Algorithm::Sha512 => hex(&Sha512::digest(data)),
            Algorithm::Sha512_256 | Algorithm::Sha512_256Sess => hex(&Sha512_256::digest(data)),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Qop {
    Auth,
    AuthInt,
    /// RFC 2069: no `qop`, `nc` or `cnonce`.
    None,
}

impl Qop {
    fn parse(s: &str) -> Option<Qop> {
        match s.to_ascii_lowercase().as_str() {
            "auth" => Some(Qop::Auth),
            "auth-int" => Some(Qop::AuthInt),
            "none" => Some(Qop::None),
            _ => None,
        }
    }

    fn name(self) -> Option<&'static str> {
        match self {
            Qop::Auth => Some("auth"),
            Qop::AuthInt => Some("auth-int"),
            Qop::None => None,
        }
    }
}

/// What the URL asks for.
#[derive(Debug, PartialEq)]
struct Settings {
    qop: Qop,
    user: String,
    passwd: String,
    algorithm: Algorithm,
    /// `None` for `never`.
    stale_after: Option<u64>,
}

impl Settings {
    fn stale_after_text(&self) -> String {
        self.stale_after
            .map_or_else(|| "never".to_string(), |n| n.to_string())
    }
}

fn parse_settings(p: &HashMap<String, String>) -> Result<Settings, String> {
    let get = |k: &str| p.get(k).map_or("", String::as_str);
    let qop = Qop::parse(get("qop")).ok_or_else(|| {
        format!(
            "qop must be auth, auth-int or none; got {:?}",
            shorten(get("qop"))
        )
    })?;
    let algorithm = match p.get("algorithm") {
        None => Algorithm::Md5,
        Some(a) => Algorithm::parse(a).ok_or_else(|| {
            format!(
                "algorithm must be one of {}; got {:?}",
                Algorithm::ALL.map(Algorithm::name).join(", "),
                shorten(a)
            )
        })?,
    };
    let stale_after = match p.get("stale_after").map(String::as_str) {
        None => None,
        Some(s) if s.eq_ignore_ascii_case("never") => None,
        Some(s) => Some(parse_count(
            "stale_after (a count or never)",
            s,
            MAX_STALE_AFTER,
        )?),
    };
    Ok(Settings {
        qop,
        user: get("user").to_string(),
        passwd: get("passwd").to_string(),
        algorithm,
        stale_after,
    })
}

/// The parameters of a Digest `Authorization` (after the scheme), names in lower case.
fn parse_params(s: &str) -> Result<HashMap<String, String>, String> {
    let mut out = HashMap::new();
    let mut chars = s.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == ',') {
            chars.next();
        }
        if chars.peek().is_none() {
            return Ok(out);
        }
        let mut name = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c.is_whitespace() || c == ',' {
                break;
            }
            name.push(c.to_ascii_lowercase());
            chars.next();
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.next() != Some('=') {
            return Err(format!("parameter {:?} has no value", shorten(&name)));
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some('\\') => match chars.next() {
                        Some(c) => value.push(c),
                        None => return Err(format!("the value of {name} is not closed")),
                    },
                    Some(c) => value.push(c),
                    None => return Err(format!("the value of {name} is not closed")),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' || c.is_whitespace() {
                    break;
                }
                value.push(c);
                chars.next();
            }
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_some_and(|c| *c != ',') {
            return Err(format!("a comma must follow the value of {name}"));
        }
        if out.insert(name.clone(), value).is_some() {
            return Err(format!("parameter {name} appears twice"));
        }
    }
}

/// The parameters of a Digest `Authorization`; `Ok(None)` when there is none (or another
/// scheme), which gets the challenge.
fn digest_params(headers: &HeaderMap) -> Result<Option<HashMap<String, String>>, String> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value
        .to_str()
        .map_err(|_| "the Authorization header is not ASCII".to_string())?;
    let (scheme, rest) = value.trim().split_once(' ').unwrap_or((value.trim(), ""));
    if !scheme.eq_ignore_ascii_case("digest") {
        return Ok(None);
    }
    parse_params(rest)
        .map(Some)
        .map_err(|m| format!("the Digest Authorization is malformed: {m}"))
}

/// The answer a client with the right password gives, or a 400 message when the parameters do
/// not fit the challenge.
fn expected_response(
    s: &Settings,
    p: &HashMap<String, String>,
    method: &str,
    target: &str,
    body: &[u8],
) -> Result<String, String> {
    let field = |k: &str| {
        p.get(k)
            .map(String::as_str)
            .ok_or_else(|| format!("the Digest Authorization lacks {k}"))
    };
    if p.get("userhash")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return Err("userhash=true is not supported; send the user name".into());
    }
    if p.contains_key("username*") && !p.contains_key("username") {
        return Err("username* is not supported; send username".into());
    }
    let username = field("username")?;
    let realm = field("realm")?;
    let nonce = field("nonce")?;
    let uri = field("uri")?;
    field("response")?;
    if realm != REALM {
        return Err(format!(
            "realm {:?} is not this server's realm {REALM:?}",
            shorten(realm)
        ));
    }
    if let Some(a) = p.get("algorithm") {
        let a = Algorithm::parse(a)
            .ok_or_else(|| format!("algorithm {:?} is not supported", shorten(a)))?;
        if a != s.algorithm {
            return Err(format!(
                "algorithm {} does not match the challenge's {}",
                a.name(),
                s.algorithm.name()
            ));
        }
    } else if s.algorithm != Algorithm::Md5 {
        return Err(format!(
            "the Digest Authorization lacks algorithm (the challenge asked for {})",
            s.algorithm.name()
        ));
    }
    if uri != target {
        return Err(format!(
            "uri {:?} is not the request target {:?}",
            shorten(uri),
            shorten(target)
        ));
    }
    let alg = s.algorithm;
    let mut ha1 = alg.hash(format!("{username}:{realm}:{}", s.passwd).as_bytes());
    let ha2 = match s.qop {
        Qop::AuthInt => alg.hash(format!("{method}:{uri}:{}", alg.hash(body)).as_bytes()),
        Qop::Auth | Qop::None => alg.hash(format!("{method}:{uri}").as_bytes()),
    };
    match s.qop.name() {
        None => {
            if let Some(q) = p.get("qop") {
                return Err(format!(
                    "qop {:?} does not match the challenge, which has no qop",
                    shorten(q)
                ));
            }
            if alg.sess() {
                return Err("a -sess algorithm needs qop and cnonce".into());
            }
            Ok(alg.hash(format!("{ha1}:{nonce}:{ha2}").as_bytes()))
        }
        Some(want) => {
            let qop = field("qop")?;
            if qop != want {
                return Err(format!(
                    "qop {:?} does not match the challenge's {want}",
                    shorten(qop)
                ));
            }
            let nc = field("nc")?;
            if nc.len() != 8 || !nc.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(format!(
                    "nc must be 8 hexadecimal digits; got {:?}",
                    shorten(nc)
                ));
            }
            let cnonce = field("cnonce")?;
            if alg.sess() {
                ha1 = alg.hash(format!("{ha1}:{nonce}:{cnonce}").as_bytes());
            }
            Ok(alg.hash(format!("{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}").as_bytes()))
        }
    }
}

/// A fresh value for `nonce` or `opaque`.
fn fresh(alg: Algorithm) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    alg.hash(format!("{now}:{}", fastrand::u128(..)).as_bytes())
}

fn challenge(s: &Settings, stale: bool) -> String {
    let mut c = format!("Digest realm=\"{REALM}\", nonce=\"{}\"", fresh(s.algorithm));
    if let Some(q) = s.qop.name() {
        let _ = write!(c, ", qop=\"{q}\"");
    }
    let _ = write!(
        c,
        ", opaque=\"{}\", algorithm={}, stale={}",
        fresh(s.algorithm),
        s.algorithm.name(),
        if stale { "TRUE" } else { "FALSE" }
    );
    c
}

/// Cookies of the request, the first value of each name.
fn cookies(headers: &HeaderMap) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for v in headers.get_all(header::COOKIE) {
        let Ok(v) = v.to_str() else { continue };
        for pair in v.split(';') {
            if let Some((k, v)) = pair.trim().split_once('=') {
                out.entry(k.trim().to_string())
                    .or_insert_with(|| v.trim().to_string());
            }
        }
    }
    out
}

fn set_cookie(res: &mut Response, name: &str, value: &str) {
    if let Ok(v) = HeaderValue::from_str(&format!("{name}={value}; Path=/")) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// 401 with a fresh challenge and httpbin's cookies.
fn unauthorized(
    headers: &HeaderMap,
    s: &Settings,
    stale: bool,
    last_nonce: Option<&str>,
    message: &str,
) -> Response {
    let mut res = error(StatusCode::UNAUTHORIZED, headers, message);
    if let Ok(v) = HeaderValue::from_str(&challenge(s, stale)) {
        res.headers_mut().insert(header::WWW_AUTHENTICATE, v);
    }
    set_cookie(&mut res, "stale_after", &s.stale_after_text());
    if let Some(n) = last_nonce {
        if n.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            set_cookie(&mut res, "last_nonce", n);
        }
    }
    set_cookie(&mut res, "fake", "fake_value");
    res
}

async fn digest_auth(
    State(state): State<AppState>,
    path: Result<Path<HashMap<String, String>>, PathRejection>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    let headers = &parts.headers;
    let settings = match path_param(path, headers)
        .and_then(|p| parse_settings(&p).map_err(|m| bad_request(headers, m)))
    {
        Ok(s) => s,
        Err(res) => {
            super::refuse_body(headers, body);
            return res;
        }
    };
    let require_cookie = match query_pairs(parts.uri.query()) {
        Ok(q) => q.iter().any(|(k, v)| {
            k == "require-cookie" && matches!(v.to_ascii_lowercase().as_str(), "1" | "t" | "true")
        }),
        Err(m) => {
            super::refuse_body(headers, body);
            return bad_request(headers, m);
        }
    };
    let body = match read_body(headers, body, state.config.max_body_bytes).await {
        Ok(b) => b,
        Err(res) => return res,
    };
    let params = match digest_params(headers) {
        Ok(p) => p,
        Err(m) => return bad_request(headers, m),
    };
    let Some(params) = params.filter(|_| !require_cookie || headers.contains_key(header::COOKIE))
    else {
        let msg = if require_cookie && headers.contains_key(header::AUTHORIZATION) {
            "this URL asks for require-cookie: send the cookies set with the challenge"
        } else {
            "Digest credentials are required: answer the challenge in WWW-Authenticate"
        };
        return unauthorized(headers, &settings, false, None, msg);
    };
    let jar = cookies(headers);
    if require_cookie && jar.get("fake").map(String::as_str) != Some("fake_value") {
        let mut res = error(
            StatusCode::FORBIDDEN,
            headers,
            "the cookie fake=fake_value set with the challenge was not sent back",
        );
        set_cookie(&mut res, "fake", "fake_value");
        return res;
    }
    let target = parts.uri.path_and_query().map_or("/", |pq| pq.as_str());
    let expected = match expected_response(&settings, &params, parts.method.as_str(), target, &body)
    {
        Ok(e) => e,
        Err(m) => return bad_request(headers, m),
    };
    let nonce = params.get("nonce").map_or("", String::as_str);
    let stale_cookie = jar.get("stale_after");
    if jar.get("last_nonce").is_some_and(|n| n == nonce) || stale_cookie.is_some_and(|v| v == "0") {
        return unauthorized(
            headers,
            &settings,
            true,
            Some(nonce),
            "the nonce is stale: answer the fresh challenge",
        );
    }
    let given = params
        .get("response")
        .map_or_else(String::new, |r| r.to_ascii_lowercase());
    let username = params.get("username").map_or("", String::as_str);
    let ok = same(username.as_bytes(), settings.user.as_bytes())
        & same(given.as_bytes(), expected.as_bytes());
    if !ok {
        return unauthorized(
            headers,
            &settings,
            false,
            Some(nonce),
            "wrong user name or password",
        );
    }
    let mut res = json_response(
        StatusCode::OK,
        &json!({"authenticated": true, "user": settings.user}),
    );
    set_cookie(&mut res, "fake", "fake_value");
    if let Some(v) = stale_cookie {
        let next = v
            .parse::<u64>()
            .map_or_else(|_| "never".to_string(), |n| n.saturating_sub(1).to_string());
        set_cookie(&mut res, "stale_after", &next);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(path: &[(&str, &str)]) -> Result<Settings, String> {
        parse_settings(
            &path
                .iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                .collect(),
        )
    }

    #[test]
    fn url_settings() {
        let s = settings(&[
            ("qop", "AUTH-INT"),
            ("user", "u"),
            ("passwd", "p"),
            ("algorithm", "sha-256"),
            ("stale_after", "3"),
        ]);
        assert_eq!(
            s,
            Ok(Settings {
                qop: Qop::AuthInt,
                user: "u".into(),
                passwd: "p".into(),
                algorithm: Algorithm::Sha256,
                stale_after: Some(3)
            })
        );
        assert!(settings(&[("qop", "auth"), ("stale_after", "never")])
            .is_ok_and(|s| s.stale_after.is_none()));
        for bad in [
            vec![("qop", "bogus")],
            vec![("qop", "auth"), ("algorithm", "SHA-1")],
            vec![("qop", "auth"), ("stale_after", "-1")],
            vec![("qop", "auth"), ("stale_after", "1001")],
        ] {
            assert!(settings(&bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn rfc_7616_example() {
        // RFC 7616 §3.9.1, with SHA-256 and MD5.
        let p = parse_params(
            r#"username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#,
        )
        .unwrap_or_default();
        let s = Settings {
            qop: Qop::Auth,
            user: "Mufasa".into(),
            passwd: "Circle of Life".into(),
            algorithm: Algorithm::Sha256,
            stale_after: None,
        };
        // The realm differs from ours, so compute as if it were ours.
        let mut ours = p.clone();
        ours.insert("realm".into(), REALM.into());
        assert!(expected_response(&s, &p, "GET", "/dir/index.html", b"").is_err());
        assert!(expected_response(&s, &ours, "GET", "/dir/index.html", b"").is_ok());
        let ha1 = Algorithm::Sha256.hash(b"Mufasa:http-auth@example.org:Circle of Life");
        let ha2 = Algorithm::Sha256.hash(b"GET:/dir/index.html");
        let r = Algorithm::Sha256.hash(
            format!("{ha1}:7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v:00000001:f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ:auth:{ha2}").as_bytes(),
        );
        assert_eq!(r, p["response"]);
    }

    #[test]
    fn params() {
        let p = parse_params(r#"a=1, b="x, \"y\"",c = "" "#).unwrap_or_default();
        assert_eq!(p["a"], "1");
        assert_eq!(p["b"], "x, \"y\"");
        assert_eq!(p["c"], "");
        for bad in [r#"a="open"#, "a", "a=1 b=2", "a=1, a=2"] {
            assert!(parse_params(bad).is_err(), "{bad}");
        }
        assert_eq!(Algorithm::Md5.hash(b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert!(challenge(
            &Settings {
                qop: Qop::None,
                user: String::new(),
                passwd: String::new(),
                algorithm: Algorithm::Sha512_256,
                stale_after: None
            },
            true
        )
        .ends_with("algorithm=SHA-512-256, stale=TRUE"));
    }
}
