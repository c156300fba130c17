//! The httpstatus registry: every IANA HTTP status code, every IIS sub-status code and the
//! well-known vendor codes, each with English and Thai texts and machine-usable semantics.
//!
//! The data is compiled in: lookups are binary searches over a `'static` table, with no
//! allocation and no parsing at run time.
//!
//! ```
//! use httpstatus_codes::{lookup, lookup_sub, find, Lang, Namespace, Query, Retry};
//!
//! let e = lookup(429).unwrap();
//! assert_eq!(e.phrase, "Too Many Requests");
//! assert_eq!(e.semantics.retry, Retry::RetryAfter);
//! assert!(!e.title.get(Lang::Th).is_empty());
//!
//! // IIS sub-status codes are two integers: 500.1 and 500.100 are different codes.
//! assert_ne!(lookup_sub(500, 1).map(|e| e.id), lookup_sub(500, 100).map(|e| e.id));
//! assert_eq!(lookup_sub(403, 14).unwrap().wire_code(), Some(403));
//!
//! // Vendor meanings live in their own namespace.
//! assert_eq!(find(Namespace::Nginx, 499, None).unwrap().phrase, "Client Closed Request");
//!
//! // What people type.
//! let q: Query = "5xx".parse().unwrap();
//! assert!(q.entries().iter().any(|e| e.code == 503));
//! ```
#![warn(missing_docs)]

pub mod constants;
pub mod guide;
mod iis_versions;
mod log_causes;
mod model;
mod query;
mod registry;
mod search;
mod troubleshooting;
pub mod windows;

#[cfg(feature = "http")]
mod http_compat;
#[cfg(feature = "serde")]
mod serde_impls;

#[cfg(feature = "http")]
pub use crate::http_compat::{from_http, to_http};
pub use crate::iis_versions::iis_versions_text;
pub use crate::log_causes::{log_cause, log_causes, LogCause};
pub use crate::model::{
    Body, Class, Condition, Entry, HeaderHint, Lang, Level, Namespace, Redirect, Reference,
    RegistryStatus, Retry, SeedNote, Semantics, Text, Wire,
};
pub use crate::query::{Mask, ParseError, ParseErrorKind, Query, MAX_QUERY_LEN};
pub use crate::registry::{
    by_class, by_id, by_namespace, entries, explain, find, find_all, lookup, lookup_sub, meanings,
    sub_statuses, unassigned_range, Explanation,
};
pub use crate::search::{search, Hit};
pub use crate::troubleshooting::{Stack, Tip};
