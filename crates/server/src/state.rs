//! Shared state: settings, metrics and everything pre-rendered at start-up.

use std::ops::Deref;
use std::sync::Arc;
use std::time::Instant;

use crate::config::Config;
use crate::metrics::Metrics;
use crate::routes::api::ApiCache;
use crate::routes::pages::Site;

/// Cheap to clone; handlers take it with `State`.
#[derive(Clone)]
pub(crate) struct AppState(Arc<Inner>);

pub(crate) struct Inner {
    pub config: Config,
    pub metrics: Metrics,
    pub started: Instant,
    pub api: ApiCache,
    pub site: Site,
}

impl AppState {
    pub fn new(config: Config) -> AppState {
        AppState(Arc::new(Inner {
            config,
            metrics: Metrics::new(),
            started: Instant::now(),
            api: ApiCache::build(),
            site: Site::build(),
        }))
    }
}

impl Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}
