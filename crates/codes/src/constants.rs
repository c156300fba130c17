//! Each standard code's name in the languages and frameworks developers write in: Go's
//! `http.StatusNotFound`, Python's `HTTPStatus.NOT_FOUND`, .NET's `HttpStatusCode.NotFound` ...
//!
//! The table comes from `data/constants.toml` at build time. A name is listed only where the
//! framework defines one for that number; `tests/constants.rs` checks the Go, Python, requests,
//! Node and Rust tables against the real toolchains and crates.
//!
//! ```
//! use httpstatus_codes::{constants, lookup};
//!
//! let names = lookup(404).unwrap().constants();
//! assert!(names.iter().any(|c| c.name == "http.StatusNotFound" && c.framework().id == "go"));
//! assert!(constants::for_code(799).is_empty());
//! ```

use crate::model::{Entry, Namespace};

/// A language's standard library or a framework that names status codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Framework {
    /// Stable token for JSON and tests: `go`, `python`, `node`, `aspnetcore` ...
    pub id: &'static str,
    /// Display name: `Go net/http`, `ASP.NET Core StatusCodes`.
    pub name: &'static str,
    /// The programming language: `Go`, `C#`, `Kotlin`.
    pub language: &'static str,
    /// Whether the names are reason phrases (Node's `http.STATUS_CODES`) rather than identifiers.
    pub phrase: bool,
    /// How the table was checked (toolchain version, or the source read by hand).
    pub checked: &'static str,
}

/// One name of one code in one framework.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Constant {
    /// The status code.
    pub code: u16,
    /// Index into [`frameworks`].
    framework: u8,
    /// The name as written in code (`http.StatusNotFound`, `:not_found`), or for a phrase
    /// framework the phrase itself.
    pub name: &'static str,
    /// `false` for an older name that still works beside the current one (Rack's
    /// `:unprocessable_entity`, Starlette's `HTTP_413_REQUEST_ENTITY_TOO_LARGE`).
    pub current: bool,
}

impl Constant {
    /// The framework that defines this name.
    pub fn framework(&self) -> &'static Framework {
        &FRAMEWORKS[usize::from(self.framework)]
    }
}

include!(concat!(env!("OUT_DIR"), "/constants.rs"));

/// Every framework in the table, in the data file's order.
pub fn frameworks() -> &'static [Framework] {
    &FRAMEWORKS
}

/// The names of `code` in every framework that defines one, frameworks in table order; empty
/// for a code no framework names.
pub fn for_code(code: u16) -> &'static [Constant] {
    match CONSTANTS.binary_search_by_key(&code, |(c, _)| *c) {
        Ok(i) => CONSTANTS[i].1,
        Err(_) => &[],
    }
}

impl Entry {
    /// The code's names in languages and frameworks ([`for_code`]), for IANA entries; empty for
    /// IIS sub-statuses, vendor codes and unassigned ranges, which no framework names.
    pub fn constants(&self) -> &'static [Constant] {
        if self.namespace == Namespace::Iana && !self.is_unassigned() {
            for_code(self.code)
        } else {
            &[]
        }
    }
}
