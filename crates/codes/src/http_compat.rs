//! Conversions between registry entries and `http::StatusCode` (feature `http`).

use crate::model::{Entry, Wire};
use crate::registry::{explain, Explanation};

/// The `http::StatusCode` that goes on the wire for an entry, or `None` when the entry never
/// reaches a client (nginx 499) or its code is outside what `http` accepts (000).
///
/// ```
/// let e = httpstatus_codes::lookup_sub(403, 14).unwrap();
/// assert_eq!(httpstatus_codes::to_http(e), Some(http::StatusCode::FORBIDDEN));
/// ```
pub fn to_http(entry: &Entry) -> Option<http::StatusCode> {
    let code = match entry.semantics.wire {
        Wire::Sent => entry.code,
        Wire::SentAs(code) => code,
        Wire::LogOnly => return None,
    };
    http::StatusCode::from_u16(code).ok()
}

/// How the registry reads an `http::StatusCode`: registered, unassigned (with its class
/// fallback) or non-standard.
///
/// ```
/// use httpstatus_codes::{from_http, Explanation};
/// let e = from_http(http::StatusCode::IM_A_TEAPOT);
/// assert!(matches!(e, Explanation::Registered(entry) if entry.phrase == "(Unused)"));
/// ```
pub fn from_http(status: http::StatusCode) -> Explanation {
    // http::StatusCode is always 100..=999, which `explain` covers.
    explain(status.as_u16()).unwrap_or(Explanation::NonStandard {
        code: status.as_u16(),
    })
}
