//! Prometheus metrics: requests by route template, method class and status; latency by route;
//! connections open and refused; request-log lines dropped.
//!
//! Every label takes values from a closed set, so no client can grow the number of series: routes
//! are the router's templates, methods are the seven common ones or `other` ([`method_label`]),
//! and statuses are the registered IANA codes or `other` ([`StatusLabel`]). The request counter
//! has at most routes × 8 × (registered codes + 1) series.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue, LabelValueEncoder};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

/// Labels are `&'static str` so that counting a request allocates nothing: route templates are
/// interned once each ([`intern_route`]), methods are a fixed set.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct RequestLabels {
    pub route: &'static str,
    pub method: &'static str,
    pub status: StatusLabel,
}

/// A response status as a label: a code registered with IANA by its number, any other code
/// (unassigned, vendor, 600–999) as `other`.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
pub(crate) enum StatusLabel {
    Registered(u16),
    Other,
}

impl StatusLabel {
    pub fn of(status: http::StatusCode) -> StatusLabel {
        let code = status.as_u16();
        if is_registered(code) {
            StatusLabel::Registered(code)
        } else {
            StatusLabel::Other
        }
    }
}

impl EncodeLabelValue for StatusLabel {
    fn encode(&self, encoder: &mut LabelValueEncoder<'_>) -> Result<(), std::fmt::Error> {
        match self {
            StatusLabel::Registered(code) => EncodeLabelValue::encode(code, encoder),
            StatusLabel::Other => EncodeLabelValue::encode(&"other", encoder),
        }
    }
}

/// Whether IANA's registry assigns `code` (unassigned ranges are not registered). A table built
/// once, so labelling a response costs one index.
pub(crate) fn is_registered(code: u16) -> bool {
    static TABLE: OnceLock<[bool; 1000]> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [false; 1000];
        for (code, slot) in (0u16..).zip(t.iter_mut()) {
            *slot = httpstatus_codes::lookup(code).is_some_and(|e| !e.is_unassigned());
        }
        t
    });
    table.get(usize::from(code)).copied().unwrap_or(false)
}

/// Where `/metrics` reads the number of request-log lines dropped; set once by whoever installs
/// the non-blocking log writer (the CLI). Without one, the count is 0.
static LOG_DROPS: OnceLock<Box<dyn Fn() -> u64 + Send + Sync>> = OnceLock::new();

/// Tells `/metrics` how to read the number of log lines dropped because the log writer's queue
/// was full (`httpstatus_log_lines_dropped_total`). Only the first call counts.
pub fn report_log_drops(count: impl Fn() -> u64 + Send + Sync + 'static) {
    let _ = LOG_DROPS.set(Box::new(count));
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct RouteLabels {
    pub route: &'static str,
}

/// The `'static` copy of a route template. Templates come from the router, so there are as many
/// as there are routes; each is leaked once.
pub(crate) fn intern_route(route: &str) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{OnceLock, RwLock};
    static ROUTES: OnceLock<RwLock<HashSet<&'static str>>> = OnceLock::new();
    let routes = ROUTES.get_or_init(Default::default);
    if let Some(found) = routes.read().ok().and_then(|set| set.get(route).copied()) {
        return found;
    }
    let mut set = match routes.write() {
        Ok(set) => set,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(found) = set.get(route) {
        return found;
    }
    let leaked: &'static str = Box::leak(route.to_owned().into_boxed_str());
    set.insert(leaked);
    leaked
}

/// The method as a label: the common ones by name, the rest as `other`.
pub(crate) fn method_label(method: &http::Method) -> &'static str {
    match *method {
        http::Method::GET => "GET",
        http::Method::HEAD => "HEAD",
        http::Method::POST => "POST",
        http::Method::PUT => "PUT",
        http::Method::PATCH => "PATCH",
        http::Method::DELETE => "DELETE",
        http::Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

pub(crate) struct Metrics {
    registry: Registry,
    pub requests: Family<RequestLabels, Counter>,
    pub latency: Family<RouteLabels, Histogram>,
    pub connections_open: Gauge<i64, std::sync::atomic::AtomicI64>,
    pub connections_refused: Counter<u64, AtomicU64>,
    log_lines_dropped: Counter<u64, AtomicU64>,
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("httpstatus");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests by route template, method and status",
            requests.clone(),
        );
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new([
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                10.0,
            ])
        });
        registry.register(
            "http_request_duration_seconds",
            "Time to the response head, by route template",
            latency.clone(),
        );
        let connections_open = Gauge::default();
        registry.register(
            "connections_open",
            "TCP connections being served",
            connections_open.clone(),
        );
        let connections_refused = Counter::default();
        registry.register(
            "connections_refused",
            "TCP connections closed at accept because the connection limit was reached",
            connections_refused.clone(),
        );
        let log_lines_dropped = Counter::default();
        registry.register(
            "log_lines_dropped",
            "Request-log lines dropped because the log writer's queue was full",
            log_lines_dropped.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            connections_open,
            connections_refused,
            log_lines_dropped,
        }
    }

    /// The text exposition format.
    pub fn encode(&self) -> String {
        if let Some(count) = LOG_DROPS.get() {
            // The writer keeps its own count; copy it in (it only grows).
            self.log_lines_dropped
                .inner()
                .fetch_max(count(), Ordering::Relaxed);
        }
        let mut out = String::new();
        // Encoding into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_outside_the_registry_fold_into_other() {
        let label = |c: u16| StatusLabel::of(http::StatusCode::from_u16(c).unwrap());
        assert_eq!(label(404), StatusLabel::Registered(404));
        assert_eq!(label(418), StatusLabel::Registered(418));
        for c in [105, 299, 499, 600, 999] {
            assert_eq!(label(c), StatusLabel::Other, "{c}");
        }
        let m = Metrics::new();
        m.requests
            .get_or_create(&RequestLabels {
                route: "/x",
                method: "GET",
                status: label(799),
            })
            .inc();
        assert!(m.encode().contains(r#"status="other""#), "{}", m.encode());
    }
}
