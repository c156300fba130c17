//! Shared state: settings, metrics and everything pre-rendered at start-up.

use std::ops::Deref;
use std::sync::Arc;
use std::time::Instant;

use crate::config::Config;
use crate::fast::FastPath;
use crate::metrics::Metrics;
use crate::routes::api::ApiCache;
use crate::routes::pages::Site;
use crate::routes::seo::Seo;

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
    /// `/robots.txt` and `/sitemap.xml` for this server's origin.
    pub seo: Seo,
    /// The registry's reason phrase for each code from 100 to 999 where it differs from the
    /// one hyper would send (413 Content Too Large, 422 Unprocessable Content ...).
    reasons: Vec<Option<hyper::ext::ReasonPhrase>>,
}

impl AppState {
    /// The state for `config`; the pages link absolutely to `config.public_url`, or to
    /// `http://localhost:<port of config.addr>` when it is not set.
    pub fn new(config: Config) -> AppState {
        let origin = config.public_url_or_default(config.addr.port());
        AppState(Arc::new(Inner {
            seo: Seo::build(&origin),
            site: Site::build(&origin),
            config,
            metrics: Metrics::new(),
            started: Instant::now(),
            api: ApiCache::build(),
            fast: FastPath::build(),
            reasons: (100..=999u16)
                .map(|code| {
                    let phrase = crate::wire::wire_phrase(code);
                    let canonical = http::StatusCode::from_u16(code)
                        .ok()
                        .and_then(|s| s.canonical_reason());
                    (canonical != Some(phrase.as_str()))
                        .then(|| hyper::ext::ReasonPhrase::try_from(phrase.into_bytes()).ok())
                        .flatten()
                })
                .collect(),
        }))
    }

    /// The reason phrase to put on the status line for `status`, when hyper's would differ from
    /// the registry's.
    pub fn reason(&self, status: http::StatusCode) -> Option<&hyper::ext::ReasonPhrase> {
        let i = usize::from(status.as_u16()).checked_sub(100)?;
        self.reasons.get(i)?.as_ref()
    }
}

impl Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}
