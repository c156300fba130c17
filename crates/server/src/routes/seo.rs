//! What crawlers read: `/robots.txt` and `/sitemap.xml`, rendered once when the server starts
//! (they name this server's public origin, a setting) and served like the other assets: from
//! memory, with ETags and gzip or brotli (see [`Cached`]).
//!
//! - `/robots.txt` lets every agent read the reference and keeps them out of what is not a page:
//!   the test endpoints of [`ENDPOINTS`] (each answers whatever status it is asked for), the
//!   httpstat.us-style `/{code}` paths, the JSON API, search results and the operations routes.
//!   It still disallows `/deny`, as httpbin's does, so clients tested against httpbin's
//!   `/robots.txt` find the line they expect. Its `Sitemap:` line is an absolute URL.
//! - `/sitemap.xml` lists every reference page (home, classes, every code, the endpoint index,
//!   the guide and its situations, the lint rules) in English and Thai, each with its
//!   `xhtml:link` alternates (`en`, `th`, `x-default`), all absolute.

use axum::extract::{Request, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use httpstatus_codes::{Class, Entry};

use crate::cached::Cached;
use crate::endpoints::ENDPOINTS;
use crate::routes::mechanisms::only;
use crate::state::AppState;

const GET_HEAD: &str = "GET, HEAD, OPTIONS";

/// Crawlers may read these files again after a day.
const CACHE: &str = "public, max-age=86400";

/// The two files, rendered for one origin.
#[derive(Debug)]
pub(crate) struct Seo {
    robots: Cached,
    sitemap: Cached,
}

impl Seo {
    /// Renders both files for `origin`, the server's public origin without a trailing slash
    /// ([`crate::Config::public_url_or_default`]).
    pub(crate) fn build(origin: &str) -> Seo {
        Seo {
            robots: Cached::new(robots_txt(origin), "text/plain; charset=utf-8", CACHE),
            sitemap: Cached::new(sitemap_xml(origin), "application/xml", CACHE),
        }
    }
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/robots.txt", only(get(robots), GET_HEAD))
        .route("/sitemap.xml", only(get(sitemap), GET_HEAD))
}

async fn robots(State(state): State<AppState>, req: Request) -> Response {
    state.seo.robots.respond(req.headers())
}

async fn sitemap(State(state): State<AppState>, req: Request) -> Response {
    state.seo.sitemap.respond(req.headers())
}

/// The canonical page of an entry: `/codes/404`, `/codes/403.14`, `/codes/nginx/499` (the
/// pages link entries the same way).
pub(crate) fn code_path(e: &Entry) -> String {
    match e.id.split_once(':') {
        Some((ns, rest)) => format!("/codes/{ns}/{rest}"),
        None => format!("/codes/{}", e.id),
    }
}

/// Every reference page's path, without `?lang=`: what the sitemap lists.
pub(crate) fn page_paths() -> Vec<String> {
    let mut paths = vec!["/".to_string()];
    paths.extend(
        Class::STANDARD
            .iter()
            .map(|c| format!("/classes/{}", c.token())),
    );
    paths.extend(httpstatus_codes::entries().iter().map(code_path));
    paths.push("/endpoints".to_string());
    paths.push("/guide".to_string());
    paths.extend(
        httpstatus_codes::guide::situations()
            .iter()
            .map(|s| format!("/guide/{}", s.id)),
    );
    paths.push("/lint/rules".to_string());
    paths.extend(
        httpstatus_lint::RULES
            .iter()
            .map(|r| format!("/lint/rules/{}", r.id)),
    );
    paths
}

/// The path prefixes robots are asked to stay out of, sorted.
pub(crate) fn disallowed() -> Vec<String> {
    let mut out: Vec<String> = ENDPOINTS
        .iter()
        .filter(|e| e.path != "/robots.txt")
        .filter_map(|e| {
            // `/status/{codes}` -> `/status/`; `/{code}` has no fixed part and is covered by
            // the digits below.
            let fixed = e.path.split('{').next().unwrap_or(e.path);
            (fixed.len() > 1).then(|| fixed.to_string())
        })
        .collect();
    // httpstat.us-style `/{code}`: `/100` to `/999`. No reference page starts with a digit.
    out.extend((1..=9).map(|d| format!("/{d}")));
    out.extend(
        ["/api/", "/search", "/healthz", "/metrics"]
            .iter()
            .map(|s| s.to_string()),
    );
    out.sort();
    out.dedup();
    out
}

fn robots_txt(origin: &str) -> String {
    let mut out = String::from(
        "# httpstatus: the reference pages are for everyone. The test endpoints answer with\n\
         # whatever status they are asked for, so they are not pages to index.\n\
         User-agent: *\nAllow: /\n",
    );
    for prefix in disallowed() {
        out.push_str("Disallow: ");
        out.push_str(&prefix);
        out.push('\n');
    }
    out.push_str("\nSitemap: ");
    out.push_str(origin);
    out.push_str("/sitemap.xml\n");
    out
}

/// Text as XML character data or attribute value: the HTML escaping serves (`&#39;` is XML too).
fn xml_text(s: &str) -> String {
    crate::error::escape_html(s)
}

fn sitemap_xml(origin: &str) -> String {
    let origin = xml_text(origin);
    let paths = page_paths();
    let mut out = String::with_capacity(paths.len() * 2 * 420 + 256);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for path in &paths {
        let path = xml_text(path);
        for lang in ["en", "th"] {
            out.push_str("<url><loc>");
            out.push_str(&format!("{origin}{path}?lang={lang}"));
            out.push_str("</loc>");
            for (hreflang, suffix) in [("en", "?lang=en"), ("th", "?lang=th"), ("x-default", "")] {
                out.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{hreflang}\" href=\"{origin}{path}{suffix}\"/>"
                ));
            }
            out.push_str("</url>\n");
        }
    }
    out.push_str("</urlset>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_keep_out_of_endpoints_but_never_out_of_a_page() {
        let rules = disallowed();
        for path in page_paths() {
            assert!(
                !rules.iter().any(|r| path.starts_with(r.as_str())),
                "{path} is blocked"
            );
        }
        for e in ENDPOINTS.iter().filter(|e| e.example != "/robots.txt") {
            assert!(
                rules.iter().any(|r| e.example.starts_with(r.as_str())),
                "{} is not blocked",
                e.example
            );
        }
        let text = robots_txt("https://x.test");
        assert!(text.lines().any(|l| l == "Disallow: /deny"), "{text}");
        assert!(text.ends_with("Sitemap: https://x.test/sitemap.xml\n"));
    }

    #[test]
    fn the_sitemap_lists_every_page_twice() {
        let xml = sitemap_xml("https://x.test");
        let paths = page_paths();
        assert_eq!(xml.matches("<url>").count(), paths.len() * 2);
        assert!(xml.contains("<loc>https://x.test/codes/nginx/499?lang=th</loc>"));
        assert!(xml.contains(
            "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://x.test/codes/403.14\"/>"
        ));
        assert_eq!(xml_text("a&b<\""), "a&amp;b&lt;&quot;");
    }
}
