//! Shared state: settings, metrics and everything pre-rendered at start-up.

use std::ops::Deref;
use std::sync::Arc;
use std::time::Instant;

use crate::config::Config;
use crate::fast::FastPath;
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
    pub fast: FastPath,
}

impl AppState {
    pub fn new(config: Config) -> AppState {
        AppState(Arc::new(Inner {
            config,
            metrics: Metrics::new(),
            started: Instant::now(),
            api: ApiCache::build(),
            site: Site::build(),
            fast: FastPath::build(),
        }))
    }
}

impl Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}
