//! The httpstatus access-log analyzer: counts the HTTP status codes in IIS, nginx, Apache,
//! JSON-lines, cloud load balancer (AWS ALB/ELB, CloudFront, S3) and proxy (HAProxy, Envoy,
//! ingress-nginx) logs and explains each one, and the causes the logs give, from the
//! `httpstatus-codes` registry.
//!
//! The pipeline has three stages, each in its own module:
//!
//! 1. **Read** ([`Analyzer`]): inputs are files, globs or stdin, plain, gzip or zstd. Each input is
//!    read in blocks cut at line ends; blocks are parsed in parallel on the rayon pool, each into a
//!    partial [`Summary`], and partial summaries are merged. Memory stays bounded whatever the input
//!    size: the top paths and clients are capped maps, the timeline coarsens itself.
//! 2. **Summarise** ([`Report::build`]): the merged summary becomes a [`Report`], with every code
//!    explained in the chosen language and the known patterns named.
//! 3. **Render** ([`render`]): a terminal table, JSON (the [`Report`] itself), CSV or a
//!    self-contained HTML page.
//!
//! ```
//! use httpstatus_codes::Lang;
//! use httpstatus_logs::{Analyzer, Options, Report, ReportOptions};
//!
//! let log = b"1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET /a HTTP/1.1\" 200 12 \"-\" \"curl\"\n\
//!             1.2.3.4 - - [17/May/2015:10:05:04 +0000] \"GET /b HTTP/1.1\" 404 0 \"-\" \"curl\"\n";
//! let options = Options::default();
//! let mut analyzer = Analyzer::new(&options);
//! analyzer.add_reader("access.log", &log[..]);
//! let analysis = analyzer.finish();
//! let report = Report::build(&analysis, &ReportOptions { lang: Lang::En, ..ReportOptions::default() });
//! assert_eq!(report.records, 2);
//! assert_eq!(report.codes.iter().find(|c| c.status == 404).map(|c| c.count), Some(1));
//! ```
#![warn(missing_docs)]

mod analyze;
mod cloud;
mod explain;
mod filter;
mod format;
mod hash;
mod hint;
mod input;
mod json;
mod json_scan;
mod native;
mod ncsa;
mod partial;
mod patterns;
mod proxy;
mod record;
mod report;
mod summary;
mod time;
mod timeline;
mod topk;
mod unicode;
mod w3c;
mod w3c_shape;

pub mod render;

pub use crate::analyze::{
    Analysis, Analyzer, InputError, InputSummary, Progress, BLOCK_SIZE, MAX_LINE,
};
pub use crate::filter::{Filters, StatusFilter, TimeBound};
pub use crate::format::Format;
pub use crate::input::{expand, Compression, Source};
pub use crate::json::JsonFields;
pub use crate::partial::{PARTIAL_FORMAT, PARTIAL_VERSION};
pub use crate::report::{
    CauseRow, ClassBucket, ClassRow, CodeRow, Count, FilterRow, MalformedRow, NoteRow, OtherLog,
    OtherRow, PatternRow, Point, Report, ReportOptions, TimeSeries, Win32Row, SCHEMA,
};
pub use crate::summary::Summary;
pub use crate::time::{format_rfc3339, parse_time_arg};

/// How to read the inputs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Force one format instead of detecting it from each input's content.
    pub format: Option<Format>,
    /// Which records to count.
    pub filters: Filters,
    /// Field names for JSON-lines logs.
    pub json: JsonFields,
}
