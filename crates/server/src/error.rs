//! One error type for every handler. A client's mistake is a 4xx whose body says what was wrong,
//! in the format the client asked for; internals never reach a response.

use axum::response::{IntoResponse, Response};
use http::{header, HeaderValue, StatusCode};
use serde_json::json;

use crate::negotiate::Format;

/// An error answer: status, a message for the client, and the body format.
#[derive(Debug)]
pub(crate) struct AppError {
    pub status: StatusCode,
    pub message: String,
    pub format: Format,
}

impl AppError {
    pub fn bad_request(message: impl Into<String>) -> AppError {
        AppError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
            format: Format::Json,
        }
    }

    pub fn not_found(message: impl Into<String>) -> AppError {
        AppError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
            format: Format::Json,
        }
    }

    pub fn with_status(status: StatusCode, message: impl Into<String>) -> AppError {
        AppError {
            status,
            message: message.into(),
            format: Format::Json,
        }
    }

    /// Render as `format` instead of JSON.
    pub fn in_format(mut self, format: Format) -> AppError {
        self.format = format;
        self
    }
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let reason = crate::wire::wire_phrase(self.status.as_u16());
        let body = match self.format {
            Format::Json => json!({
                "error": { "status": self.status.as_u16(), "reason": reason, "message": self.message }
            })
            .to_string(),
            Format::Text => format!("{} {reason}: {}\n", self.status.as_u16(), self.message),
            Format::Html => format!(
                "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>{code} {reason}</title>\
                 <body><h1>{code} {reason}</h1><p>{msg}</p><p><a href=\"/\">httpstatus</a></p></body></html>",
                code = self.status.as_u16(),
                msg = escape_html(&self.message)
            ),
        };
        let mut res = (self.status, body).into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.format.content_type()),
        );
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        res
    }
}
