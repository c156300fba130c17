//! The JSON API under `/api/v1`: list, one code, search, classes, namespaces, and the OpenAPI
//! document. Entries use the same JSON shape as `httpstatus --json` (`schema/entry.schema.json`).
//! Answers that do not depend on the query are rendered once at start-up.

use std::collections::HashMap;

use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use httpstatus_codes::{Class, Entry, Namespace, ParseErrorKind, Query};
use serde_json::{json, Value};

use crate::cached::Cached;
use crate::error::AppError;
use crate::routes::status::query_pairs;
use crate::state::AppState;

/// Longest search text accepted.
const MAX_QUERY: usize = 256;

/// Pre-rendered API answers.
pub(crate) struct ApiCache {
    all: Cached,
    by_id: HashMap<&'static str, Cached>,
    classes: Cached,
    namespaces: Cached,
    index: Cached,
    openapi: Cached,
}

impl ApiCache {
    pub fn build() -> ApiCache {
        let entries = httpstatus_codes::entries();
        let by_id = entries
            .iter()
            .map(|e| (e.id, Cached::json(&entry_json(e))))
            .collect();
        let classes = Class::STANDARD
            .iter()
            .chain(std::iter::once(&Class::NonStandard))
            .map(|c| {
                json!({
                    "class": c,
                    "name": c.name(),
                    "summary": c.summary(),
                    "count": httpstatus_codes::by_class(*c).filter(|e| !e.is_unassigned()).count(),
                })
            })
            .collect::<Vec<_>>();
        let namespaces = Namespace::ALL
            .iter()
            .map(|ns| json!({ "namespace": ns, "name": ns.display_name(), "count": httpstatus_codes::by_namespace(*ns).count() }))
            .collect::<Vec<_>>();
        ApiCache {
            all: Cached::json(&Value::Array(entries.iter().map(entry_json).collect())),
            by_id,
            classes: Cached::json(&Value::Array(classes)),
            namespaces: Cached::json(&Value::Array(namespaces)),
            index: Cached::json(&json!({
                "codes": "/api/v1/codes",
                "code": "/api/v1/codes/{id}",
                "search": "/api/v1/search?q={words}",
                "classes": "/api/v1/classes",
                "namespaces": "/api/v1/namespaces",
                "openapi": "/api/v1/openapi.json",
                "guide": "/api/v1/guide",
                "guide_situation": "/api/v1/guide/{id}",
            })),
            openapi: Cached::json(&openapi()),
        }
    }
}

impl ApiCache {
    /// The fast path's share (see `crate::fast`): one entry by its exact id.
    pub(crate) fn fast_entry(&self, id: &str, headers: &http::HeaderMap) -> Option<Response> {
        self.by_id.get(id).map(|cached| cached.respond(headers))
    }
}

fn entry_json(e: &Entry) -> Value {
    serde_json::to_value(e).unwrap_or(Value::Null)
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1", get(index))
        .route("/api/v1/", get(index))
        .route("/api/v1/codes", get(list))
        .route("/api/v1/codes/{*id}", get(one))
        .route("/api/v1/search", get(search))
        .route("/api/v1/classes", get(classes))
        .route("/api/v1/namespaces", get(namespaces))
        .route("/api/v1/openapi.json", get(openapi_doc))
        .route("/api/v1/windows/{code}", get(windows_code))
}

/// `GET /api/v1/windows/0x8007000d`, `/api/v1/windows/win32:64`, `/api/v1/windows/hresult:0x80070005`:
/// a Windows error code from an IIS error page or log, explained.
async fn windows_code(Path(code): Path<String>, req: Request) -> Response {
    use httpstatus_codes::windows::{self, WinQuery};
    let result = (|| -> Result<Response, AppError> {
        if code.len() > 40 {
            return Err(AppError::bad_request(
                "a Windows error code is at most 40 bytes",
            ));
        }
        let q: WinQuery = code.parse().map_err(|e| {
            AppError::bad_request(format!(
                "{code:?}: {e}; write 0x8007000d, win32:64 or hresult:0x80070005"
            ))
        })?;
        let found = windows::lookup(q).ok_or_else(|| {
            AppError::not_found(format!("no Windows error code {q} in the registry"))
        })?;
        let body = serde_json::to_string(&found)
            .map_err(|e| AppError::bad_request(format!("cannot render {q}: {e}")))?;
        Ok(Cached::new(body, "application/json", "public, max-age=300").respond(req.headers()))
    })();
    result.unwrap_or_else(IntoResponse::into_response)
}

async fn index(State(state): State<AppState>, req: Request) -> Response {
    state.api.index.respond(req.headers())
}

async fn classes(State(state): State<AppState>, req: Request) -> Response {
    state.api.classes.respond(req.headers())
}

async fn namespaces(State(state): State<AppState>, req: Request) -> Response {
    state.api.namespaces.respond(req.headers())
}

async fn openapi_doc(State(state): State<AppState>, req: Request) -> Response {
    state.api.openapi.respond(req.headers())
}

/// `GET /api/v1/codes?class=4xx&namespace=iana&q=words&unassigned=true`
async fn list(State(state): State<AppState>, req: Request) -> Response {
    match list_inner(&state, &req) {
        Ok(res) => res,
        Err(e) => e.into_response(),
    }
}

fn list_inner(state: &AppState, req: &Request) -> Result<Response, AppError> {
    let pairs = query_pairs(req.uri().query()).map_err(AppError::bad_request)?;
    if pairs.is_empty() {
        return Ok(state.api.all.respond(req.headers()));
    }
    let mut class = None;
    let mut namespace = None;
    let mut words = None;
    let mut unassigned = false;
    for (k, v) in &pairs {
        match k.as_str() {
            "class" => {
                class = Some(match Query::parse(v) {
                    Ok(Query::Mask { mask, .. }) => (mask.first(), mask.last()),
                    Ok(Query::Range { first, last, .. }) => (first, last),
                    _ => {
                        return Err(AppError::bad_request(format!(
                        "class {v:?} must be a mask such as 4xx or 50x, or a range such as 500-504"
                    )))
                    }
                });
            }
            "namespace" => {
                namespace = Some(Namespace::from_token(v).ok_or_else(|| {
                    AppError::bad_request(format!(
                        "unknown namespace {v:?}: use one of {}",
                        Namespace::ALL.map(Namespace::token).join(", ")
                    ))
                })?);
            }
            "q" => {
                if v.len() > MAX_QUERY {
                    return Err(AppError::bad_request(format!(
                        "q is longer than {MAX_QUERY} bytes"
                    )));
                }
                words = Some(v.clone());
            }
            "unassigned" => unassigned = matches!(v.as_str(), "1" | "true" | "yes"),
            _ => {}
        }
    }
    let mut entries: Vec<&Entry> = match &words {
        Some(w) if !w.trim().is_empty() => httpstatus_codes::search(w)
            .into_iter()
            .map(|h| h.entry)
            .collect(),
        _ => httpstatus_codes::entries().iter().collect(),
    };
    entries.retain(|e| {
        class.is_none_or(|(a, b)| a <= e.code && e.code <= b)
            && namespace.is_none_or(|ns| e.namespace == ns)
            && (unassigned || !e.is_unassigned() || words.is_some())
    });
    let body = Value::Array(entries.into_iter().map(entry_json).collect());
    Ok(
        Cached::new(body.to_string(), "application/json", "public, max-age=300")
            .respond(req.headers()),
    )
}

/// `GET /api/v1/codes/404`, `/api/v1/codes/403.14`, `/api/v1/codes/nginx:499` or `/nginx/499`.
async fn one(State(state): State<AppState>, Path(id): Path<String>, req: Request) -> Response {
    let id = id.trim_matches('/').replacen('/', ":", 1);
    if let Some(cached) = state.api.by_id.get(id.as_str()) {
        return cached.respond(req.headers());
    }
    match Query::parse(&id) {
        Ok(q) => {
            let near: Vec<&str> = q.entries().iter().map(|e| e.id).take(10).collect();
            let mut near = near;
            if let Query::Code {
                namespace: None,
                code,
                sub: None,
            } = q
            {
                if let Some(range) = httpstatus_codes::unassigned_range(code) {
                    near.insert(0, range.id);
                }
            }
            let message = if near.is_empty() {
                format!("no code {id} in the registry")
            } else {
                format!("no entry with id {id}; did you mean {}?", near.join(", "))
            };
            AppError::not_found(message).into_response()
        }
        Err(e) if e.kind() == ParseErrorKind::NotACode => AppError::not_found(format!(
            "{id:?} is not a code id: use 404, 403.14 or nginx:499"
        ))
        .into_response(),
        Err(e) => AppError::bad_request(format!("{id:?}: {e}")).into_response(),
    }
}

/// `GET /api/v1/search?q=too+many&limit=10`
async fn search(req: Request) -> Response {
    let result = (|| -> Result<Response, AppError> {
        let pairs = query_pairs(req.uri().query()).map_err(AppError::bad_request)?;
        let q = pairs
            .iter()
            .find(|(k, _)| k == "q")
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default();
        if q.is_empty() {
            return Err(AppError::bad_request(
                "q is required: /api/v1/search?q=too+many",
            ));
        }
        if q.len() > MAX_QUERY {
            return Err(AppError::bad_request(format!(
                "q is longer than {MAX_QUERY} bytes"
            )));
        }
        let limit = match pairs.iter().find(|(k, _)| k == "limit") {
            Some((_, v)) => v
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=500).contains(n))
                .ok_or_else(|| {
                    AppError::bad_request("limit must be a whole number from 1 to 500")
                })?,
            None => 20,
        };
        let hits = httpstatus_codes::search(&q);
        let results: Vec<Value> = hits
            .iter()
            .take(limit)
            .map(|h| json!({ "score": h.score, "entry": entry_json(h.entry) }))
            .collect();
        let body = json!({ "query": q, "total": hits.len(), "results": results });
        Ok(
            Cached::new(body.to_string(), "application/json", "public, max-age=300")
                .respond(req.headers()),
        )
    })();
    result.unwrap_or_else(IntoResponse::into_response)
}

/// The OpenAPI 3.1 document. The entry schema is `schema/entry.schema.json`, the same file the
/// CLI's JSON output is tested against.
pub(crate) fn openapi() -> Value {
    let entry_schema: Value =
        serde_json::from_str(include_str!("../../../../schema/entry.schema.json"))
            .unwrap_or(Value::Null);
    let defs = &entry_schema["$defs"];
    // Re-point the schema's internal references at OpenAPI components.
    let text = defs["text"].clone();
    let source = defs["source"].clone();
    let entry = serde_json::from_str::<Value>(
        &defs["entry"]
            .to_string()
            .replace("#/$defs/text", "#/components/schemas/Text")
            .replace("#/$defs/source", "#/components/schemas/Source"),
    )
    .unwrap_or(Value::Null);
    let error = json!({
        "type": "object",
        "required": ["error"],
        "properties": { "error": {
            "type": "object",
            "required": ["status", "reason", "message"],
            "properties": {
                "status": { "type": "integer" },
                "reason": { "type": "string" },
                "message": { "type": "string" }
            }
        }}
    });
    let json_response = |schema: Value, description: &str| {
        json!({
            "description": description,
            "content": { "application/json": { "schema": schema } }
        })
    };
    let err = |d: &str| json_response(json!({ "$ref": "#/components/schemas/Error" }), d);
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": {
            "title": "httpstatus API",
            "version": "1",
            "description": "HTTP status codes (IANA, IIS sub-status, vendor codes) with English and Thai texts and semantics."
        },
        "servers": [{ "url": "/" }],
        "paths": {
            "/api/v1/codes": { "get": {
                "operationId": "listCodes",
                "summary": "List entries, optionally filtered",
                "parameters": [
                    { "name": "class", "in": "query", "schema": { "type": "string" }, "description": "Mask (4xx, 50x) or range (500-504)." },
                    { "name": "namespace", "in": "query", "schema": { "type": "string" } },
                    { "name": "q", "in": "query", "schema": { "type": "string", "maxLength": MAX_QUERY }, "description": "Words; results ranked by relevance." },
                    { "name": "unassigned", "in": "query", "schema": { "type": "boolean" }, "description": "Include unassigned IANA ranges." }
                ],
                "responses": {
                    "200": json_response(json!({ "type": "array", "items": { "$ref": "#/components/schemas/Entry" } }), "Entries"),
                    "400": err("Bad filter")
                }
            }},
            "/api/v1/codes/{id}": { "get": {
                "operationId": "getCode",
                "summary": "One entry by id: 404, 403.14, nginx:499 (or nginx/499)",
                "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "string" } }],
                "responses": {
                    "200": json_response(json!({ "$ref": "#/components/schemas/Entry" }), "The entry"),
                    "304": { "description": "Not modified (If-None-Match)" },
                    "400": err("Malformed id"),
                    "404": err("No such entry; the message suggests near ids")
                }
            }},
            "/api/v1/search": { "get": {
                "operationId": "search",
                "summary": "Ranked, typo-tolerant search in English and Thai",
                "description": "The one ranking of the CLI, the /search page and the instant search. Best first: what a code form names (404, 5xx); an exact phrase, title, alias or synonym match; entries whose phrases, titles, aliases or synonyms hold every word; entries whose other texts do. Within a level IANA codes come before IIS sub-status, vendor and unassigned entries unless the query names IIS or a vendor (iis, nginx, cloudflare, aws). Common words (not, is) count only toward exact phrases. Thai queries are cut into words with a dictionary. total counts every result; results holds the first `limit`; score only orders them.",
                "parameters": [
                    { "name": "q", "in": "query", "required": true, "schema": { "type": "string", "maxLength": MAX_QUERY } },
                    { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 500, "default": 20 } }
                ],
                "responses": {
                    "200": json_response(json!({ "$ref": "#/components/schemas/SearchResult" }), "Results, best first"),
                    "400": err("Missing or bad q or limit")
                }
            }},
            "/api/v1/classes": { "get": {
                "operationId": "listClasses",
                "summary": "The five classes and non-standard codes",
                "responses": { "200": json_response(json!({ "type": "array", "items": { "$ref": "#/components/schemas/ClassInfo" } }), "Classes") }
            }},
            "/api/v1/windows/{code}": { "get": {
                "operationId": "getWindowsCode",
                "summary": "A Windows error code: 0x8007000d, win32:64, hresult:0x80070005, or the decimal IIS logs (2148074254)",
                "parameters": [{ "name": "code", "in": "path", "required": true, "schema": { "type": "string", "maxLength": 40 } }],
                "responses": {
                    "200": json_response(json!({ "$ref": "#/components/schemas/WindowsCode" }), "The code explained"),
                    "400": err("Malformed code"),
                    "404": err("Not in the registry")
                }
            }},
            "/api/v1/namespaces": { "get": {
                "operationId": "listNamespaces",
                "summary": "Namespaces and their entry counts",
                "responses": { "200": json_response(json!({ "type": "array", "items": { "$ref": "#/components/schemas/NamespaceInfo" } }), "Namespaces") }
            }}
        },
        "components": { "schemas": {
            "Text": text,
            "Source": source,
            "Entry": entry,
            "Error": error,
            "WindowsCode": {
                "type": "object",
                "additionalProperties": false,
                "required": ["kind", "code", "decimal", "name", "win32", "text", "seen"],
                "properties": {
                    "kind": { "enum": ["win32", "hresult"] },
                    "code": { "type": "string", "description": "64, or 0x8007000D for an HRESULT." },
                    "decimal": { "type": "integer", "minimum": 0, "description": "As IIS logs it in sc-win32-status." },
                    "name": { "type": "string", "description": "Symbolic name: ERROR_ACCESS_DENIED, SEC_E_NO_CREDENTIALS, HRESULT_FROM_WIN32(ERROR_INVALID_DATA)." },
                    "win32": { "type": ["integer", "null"], "description": "The Win32 code inside an HRESULT_FROM_WIN32 value." },
                    "text": { "$ref": "#/components/schemas/Text" },
                    "seen": { "type": "array", "items": { "type": "string" }, "description": "Ids of registry entries it commonly appears with." }
                }
            },
            "SearchResult": {
                "type": "object",
                "required": ["query", "total", "results"],
                "properties": {
                    "query": { "type": "string" },
                    "total": { "type": "integer", "minimum": 0 },
                    "results": { "type": "array", "items": {
                        "type": "object",
                        "required": ["score", "entry"],
                        "properties": { "score": { "type": "integer" }, "entry": { "$ref": "#/components/schemas/Entry" } }
                    }}
                }
            },
            "ClassInfo": {
                "type": "object",
                "required": ["class", "name", "summary", "count"],
                "properties": {
                    "class": { "enum": ["1xx", "2xx", "3xx", "4xx", "5xx", "non-standard"] },
                    "name": { "$ref": "#/components/schemas/Text" },
                    "summary": { "$ref": "#/components/schemas/Text" },
                    "count": { "type": "integer" }
                }
            },
            "NamespaceInfo": {
                "type": "object",
                "required": ["namespace", "name", "count"],
                "properties": {
                    "namespace": { "type": "string" },
                    "name": { "type": "string" },
                    "count": { "type": "integer" }
                }
            }
        }}
    });
    crate::routes::pages::add_guide_to_openapi(&mut doc);
    doc
}
