//! Causes that access logs write next to the status code (AWS ALB `error_reason`, CloudFront
//! `x-edge-detailed-result-type`, HAProxy termination states, Envoy response flags, nginx
//! `$upstream_status` ...), each explained in English and Thai. The data is
//! `data/log-causes.toml`, compiled in by the build script.
//!
//! ```
//! use httpstatus_codes::{log_cause, Lang};
//!
//! let c = log_cause("envoy-flag", "UH").unwrap();
//! assert!(c.text.get(Lang::En).contains("healthy"));
//! assert!(log_cause("envoy-flag", "nonsense").is_none());
//! ```

use crate::model::Text;

/// One cause a log can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogCause {
    /// The log field it comes from: `alb-error-reason`, `alb-target`, `cloudfront-result`,
    /// `haproxy-end`, `haproxy-state`, `envoy-flag`, `upstream-status`, `origin-status`.
    pub kind: &'static str,
    /// The value as the log writes it (`LambdaUnhandled`, `UH`, `c` ...), or for the
    /// comparisons (`alb-target`, `upstream-status`, `origin-status`) one of `-`, `0`, `same`,
    /// `differs`, `retried`.
    pub value: &'static str,
    /// What it means.
    pub text: Text,
}

include!(concat!(env!("OUT_DIR"), "/log_causes.rs"));

/// Every cause, sorted by kind then value.
pub fn log_causes() -> &'static [LogCause] {
    &CAUSES
}

/// The explanation of a value of a cause field; `None` when the registry does not know it.
pub fn log_cause(kind: &str, value: &str) -> Option<&'static LogCause> {
    CAUSES
        .binary_search_by(|c| (c.kind, c.value).cmp(&(kind, value)))
        .ok()
        .map(|i| &CAUSES[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn every_cause_in_both_languages() {
        assert!(log_causes().len() > 60);
        for c in log_causes() {
            assert!(!c.text.get(Lang::En).is_empty(), "{} {}", c.kind, c.value);
            let th = c.text.get(Lang::Th);
            assert!(
                !th.is_empty() && !th.ends_with('.'),
                "{} {}",
                c.kind,
                c.value
            );
            // Thai sentences: no comma inside, no final period.
            assert!(!th.contains(','), "{} {}: {th}", c.kind, c.value);
        }
        for (kind, value) in [
            ("alb-error-reason", "LambdaUnhandled"),
            ("cloudfront-result", "OriginDnsError"),
            ("haproxy-end", "c"),
            ("haproxy-state", "D"),
            ("envoy-flag", "URX"),
            ("upstream-status", "retried"),
        ] {
            assert!(log_cause(kind, value).is_some(), "{kind} {value}");
        }
        // Case matters: HAProxy's `c` (client timeout) is not `C` (client abort).
        assert_ne!(log_cause("haproxy-end", "c"), log_cause("haproxy-end", "C"));
    }
}
