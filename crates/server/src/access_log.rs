//! The request log's entry point. Every answered request makes one [`AccessRecord`]; where it
//! goes is the embedding program's choice: [`set_access_log`] installs a sink (the `httpstatus`
//! binary's copies the record into its queue and formats it on its writer thread, so a request pays
//! for a clock read, a copy of its path's bytes and a lock, not for formatting or an allocation);
//! without one, each record is
//! a `tracing` event (target `httpstatus::access`, fields `method`, `path`, `route`, `status`,
//! `micros`), as it always was.

use std::sync::OnceLock;
use std::time::SystemTime;

/// One answered request, borrowed from the request for the time of one [`AccessLog::log`] call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccessRecord<'a> {
    /// When the answer was ready.
    pub at: SystemTime,
    /// The method, as the metrics label it (unknown methods are `OTHER`).
    pub method: &'static str,
    /// The request target's path, as sent.
    pub path: &'a str,
    /// The route that answered (`/status/{codes}` ...), `(unmatched)` for none.
    pub route: &'static str,
    /// The status code sent.
    pub status: u16,
    /// Time from the request's head to the answer, in microseconds.
    pub micros: u64,
}

/// Where request records go. Called on the request's own task: return quickly, never block.
pub trait AccessLog: Send + Sync + 'static {
    /// Takes one record; copy what you keep of it.
    fn log(&self, record: &AccessRecord<'_>);
}

static SINK: OnceLock<Box<dyn AccessLog>> = OnceLock::new();

/// Sends every request's record to `sink` from now on, instead of a `tracing` event. Once per
/// process: returns `false` (and keeps the first) if a sink was set already.
pub fn set_access_log(sink: impl AccessLog) -> bool {
    SINK.set(Box::new(sink)).is_ok()
}

/// Logs one answered request.
pub(crate) fn log(method: &'static str, path: &str, route: &'static str, status: u16, micros: u64) {
    match SINK.get() {
        Some(sink) => sink.log(&AccessRecord {
            at: SystemTime::now(),
            method,
            path,
            route,
            status,
            micros,
        }),
        None => tracing::info!(target: "httpstatus::access", method, path, route, status, micros),
    }
}
