//! The web reference: the home page, a page per class and per code, search, the test endpoint
//! index, and the static assets (CSS, JavaScript, the instant-search index, the favicon).
//!
//! | route | what |
//! |---|---|
//! | `/` | home page: every code on one line, by class, then IIS sub-statuses and vendor codes |
//! | `/classes/{1xx..5xx}` | one class |
//! | `/codes/{id}` | one entry: `/codes/404`, `/codes/403.14`, `/codes/nginx/499`, `/codes/105-199`; `nginx:499` and other spellings redirect here |
//! | `/codes/{id}.json`, or `Accept: application/json` | the entry as the JSON API gives it |
//! | `/search?q=` | server-rendered search (works without JavaScript); an exact id or Windows code answers 303 to its page |
//! | `/windows/{code}` | a Windows error code (`hresult:0x8007000D`, `win32:64`), rendered per request (`windows.rs`) |
//! | `/endpoints` | the test endpoints, from [`crate::endpoints::ENDPOINTS`] |
//! | `/guide`, `/guide/{id}` | "which code should I return?" for API designers, and its JSON under `/api/v1/guide` (see `guide.rs`) |
//! | `/lint/rules`, `/lint/rules/{id}` | the rules of `httpstatus lint` ([`lint`]) |
//! | `/assets/style.css`, `/assets/app.js`, `/assets/search-index.json`, `/favicon.svg` | assets, embedded in the binary |
//!
//! Pages are [maud] templates: `layout` is the one page shell (head with canonical and
//! `hreflang` links, sticky header, navigation, footer) and the shared pieces; `home`, `code`,
//! `misc`, `search`, `guide` and `lint` render `<main>`; `i18n` holds the site's own words.
//!
//! [`Site::build`] renders every page in English and Thai once, at start-up, but the code pages,
//! which are rendered on their first request and then kept ([`LazyCode`]); each body becomes a
//! [`Cached`] (identity, gzip, brotli, ETag) that is compressed once and then served from memory.
//! Canonical and `hreflang` links are absolute, made with the server's public URL
//! (`Config::public_url`), so one rendering serves one public URL.
//! A request picks the page by language (`?lang=`, then the `lang` cookie, then
//! `Accept-Language`). Only search results and error pages are rendered per request. Every
//! response here carries a strict Content-Security-Policy: pages have no inline script or style.

mod code;
mod guide;
mod home;
mod i18n;
mod layout;
mod lint;
mod misc;
mod search;
pub(crate) mod windows;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http::header::{self, HeaderValue};
use http::StatusCode;
use httpstatus_codes::{Class, Entry, Lang, ParseErrorKind, Query};
use maud::Markup;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

use self::layout::{AssetUrls, Nav, Page};
use crate::cached::Cached;
use crate::error::AppError;
use crate::negotiate::{self, Format};
use crate::state::AppState;
use crate::wire::query_pairs;

/// The Content-Security-Policy of every page: our own script, style and fetches only.
pub(crate) const CSP: &str =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const STYLE: &str = include_str!("../../../assets/style.css");
const SCRIPT: &str = include_str!("../../../assets/app.js");
const FAVICON: &str = include_str!("../../../assets/favicon.svg");

/// Pages are revalidated on every use (a 304 costs nothing) so a language switch shows at once.
const PAGE_CACHE: &str = "no-cache";
/// Assets are linked with `?v=<hash of content>`, so a year is safe.
const ASSET_CACHE: &str = "public, max-age=31536000, immutable";

const VARY_PAGE: &str = "Accept-Encoding, Cookie, Accept-Language";
const VARY_CODE: &str = "Accept-Encoding, Accept, Cookie, Accept-Language";

/// Every page, pre-rendered. Cheap to clone.
#[derive(Clone)]
pub(crate) struct Site(Arc<Inner>);

pub(crate) use self::guide::add_to_openapi as add_guide_to_openapi;

struct Inner {
    home: ByLang,
    classes: Vec<(Class, ByLang)>,
    /// Every entry's page and JSON, rendered on its first request and then kept (see
    /// [`LazyCode`]).
    codes: HashMap<&'static str, LazyCode>,
    /// Canonical page paths after `/codes/` (`404`, `nginx/499`) to entry ids.
    paths: HashMap<String, &'static str>,
    endpoints: ByLang,
    style: Cached,
    script: Cached,
    index: Cached,
    favicon: Cached,
    assets: AssetUrls,
}

/// One page in both languages.
struct ByLang {
    en: Cached,
    th: Cached,
}

impl ByLang {
    fn render(mut page: impl FnMut(Lang) -> String) -> ByLang {
        ByLang {
            en: Cached::new(page(Lang::En), HTML, PAGE_CACHE),
            th: Cached::new(page(Lang::Th), HTML, PAGE_CACHE),
        }
    }

    fn get(&self, lang: Lang) -> &Cached {
        match lang {
            Lang::En => &self.en,
            Lang::Th => &self.th,
        }
    }
}

/// A code's page in both languages and its JSON twin.
struct CodeFiles {
    html: ByLang,
    json: Cached,
}

/// An entry's [`CodeFiles`], made the first time anyone asks for the entry. Rendering every code
/// page of the registry at start-up held about 9 MB (resident memory after start: 30 MB eager,
/// 21 MB lazy, release build) that a test server answering `/status/...` never serves; a page
/// renders in well under a millisecond, once.
struct LazyCode {
    entry: &'static Entry,
    files: OnceLock<CodeFiles>,
}

impl LazyCode {
    fn files(&self, assets: &AssetUrls) -> &CodeFiles {
        self.files.get_or_init(|| code_files(self.entry, assets))
    }
}

impl Site {
    /// The fast path's share (see `crate::fast`): a code page or its JSON twin by its canonical
    /// path, for a request that negotiates nothing (so English, and HTML at the page URL). The
    /// response is the one `code_page` gives.
    pub(crate) fn fast_code_page(&self, raw: &str, headers: &http::HeaderMap) -> Option<Response> {
        let Resolved::Page(id, json) = self.0.canonical(raw)? else {
            return None;
        };
        let files = self.0.codes.get(id)?.files(&self.0.assets);
        let res = if json {
            finish(files.json.respond(headers), "Accept-Encoding", None)
        } else {
            finish(files.html.get(Lang::En).respond(headers), VARY_CODE, None)
        };
        Some(with_security_headers(res))
    }

    /// Renders every page in both languages for the public URL `origin` (`http://host:port`,
    /// no trailing slash). The output depends on nothing but the registry, the assets and
    /// `origin`, so one process renders it once per origin and every server it starts with
    /// that origin (tests start many) shares it.
    ///
    /// Each body's gzip and brotli forms are made the first time a client asks for them
    /// (see `Cached`), so start-up renders but compresses nothing, and memory holds only the
    /// encodings in use.
    pub fn build(origin: &str) -> Site {
        static BUILT: PerOrigin<Inner> = PerOrigin::new();
        Site(BUILT.get(origin, || Inner::build(origin)))
    }
}

/// Pages rendered for one public URL, kept for the few most recent ones: a process serves one
/// or a few public URLs (tests start servers on many ports, one after another).
pub(super) struct PerOrigin<T>(Mutex<Vec<(String, Arc<T>)>>);

impl<T> PerOrigin<T> {
    pub const fn new() -> Self {
        PerOrigin(Mutex::new(Vec::new()))
    }

    /// The pages for `origin`, rendered by `build` unless they are kept already.
    pub fn get(&self, origin: &str, build: impl FnOnce() -> T) -> Arc<T> {
        let mut kept = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, pages)) = kept.iter().find(|(o, _)| o == origin) {
            return Arc::clone(pages);
        }
        let pages = Arc::new(build());
        if kept.len() >= 4 {
            kept.remove(0);
        }
        kept.push((origin.to_string(), Arc::clone(&pages)));
        pages
    }
}

fn fnv1a(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn versioned(path: &str, content: &str) -> String {
    format!("{path}?v={:08x}", fnv1a(content.as_bytes()) & 0xffff_ffff)
}

/// A whole page: `main` in the one page shell, titled `title · httpstatus`.
fn shell(
    assets: &AssetUrls,
    lang: Lang,
    (title, description, path): (&str, &str, &str),
    nav: Nav,
    json: Option<&str>,
    (prev, next): (Option<&str>, Option<&str>),
    main: Markup,
) -> String {
    layout::render(
        &Page {
            json,
            prev,
            next,
            main,
            ..Page::new(
                lang,
                &format!("{title} · httpstatus"),
                description,
                path,
                nav,
            )
        },
        assets,
    )
}

/// An entry's page in both languages and its JSON twin (the bytes of `/api/v1/codes/{id}`).
fn code_files(e: &'static Entry, assets: &AssetUrls) -> CodeFiles {
    let (prev, next) = code::neighbours(e);
    let path = layout::href(e);
    let json_path = format!("{path}.json");
    let prev_path = prev.map(layout::href);
    let next_path = next.map(layout::href);
    let html = ByLang::render(|lang| {
        let (title, description, main) = code::code_page(e, lang, prev, next);
        shell(
            assets,
            lang,
            (&title, &description, &path),
            Nav::Class(e.class()),
            Some(&json_path),
            (prev_path.as_deref(), next_path.as_deref()),
            main,
        )
    });
    let json = serde_json::to_value(e)
        .unwrap_or(serde_json::Value::Null)
        .to_string();
    CodeFiles {
        html,
        json: Cached::new(json, JSON, JSON_CACHE),
    }
}

impl Inner {
    fn build(origin: &str) -> Inner {
        let index_json = search::index_json();
        let assets = AssetUrls {
            style: versioned("/assets/style.css", STYLE),
            script: versioned("/assets/app.js", SCRIPT),
            index: versioned("/assets/search-index.json", &index_json),
            origin: origin.to_string(),
        };
        let shell = |lang: Lang,
                     title: &str,
                     description: &str,
                     path: &str,
                     nav: Nav,
                     json: Option<&str>,
                     links: (Option<&str>, Option<&str>),
                     main: Markup| {
            shell(
                &assets,
                lang,
                (title, description, path),
                nav,
                json,
                links,
                main,
            )
        };
        let home = ByLang::render(|lang| {
            let t = i18n::ui(lang);
            shell(
                lang,
                t.home_title,
                t.home_description,
                "/",
                Nav::Home,
                Some("/api/v1/codes"),
                (None, None),
                home::home(lang),
            )
        });
        let classes = Class::STANDARD
            .into_iter()
            .map(|class| {
                let page = ByLang::render(|lang| {
                    let (title, description, main) = home::class_page(class, lang);
                    let path = format!("/classes/{}", class.token());
                    let (prev, next) = home::class_neighbours(class);
                    shell(
                        lang,
                        &title,
                        &description,
                        &path,
                        Nav::Class(class),
                        None,
                        (prev.as_deref(), next.as_deref()),
                        main,
                    )
                });
                (class, page)
            })
            .collect();
        let entries = httpstatus_codes::entries();
        let codes = entries
            .iter()
            .map(|e| {
                (
                    e.id,
                    LazyCode {
                        entry: e,
                        files: OnceLock::new(),
                    },
                )
            })
            .collect();
        let endpoints = ByLang::render(|lang| {
            let t = i18n::ui(lang);
            shell(
                lang,
                t.endpoints_title,
                t.endpoints_lead,
                "/endpoints",
                Nav::Endpoints,
                None,
                (None, None),
                misc::endpoints(lang),
            )
        });
        let paths = entries
            .iter()
            .map(|e| {
                (
                    layout::href(e).trim_start_matches("/codes/").to_string(),
                    e.id,
                )
            })
            .collect();
        Inner {
            home,
            classes,
            codes,
            paths,
            endpoints,
            style: Cached::new(STYLE, "text/css; charset=utf-8", ASSET_CACHE),
            script: Cached::new(SCRIPT, "text/javascript; charset=utf-8", ASSET_CACHE),
            index: Cached::new(index_json, JSON, ASSET_CACHE),
            favicon: Cached::new(FAVICON, "image/svg+xml", "public, max-age=86400"),
            assets,
        }
    }

    /// The page a canonical path names (the fast path: one hash lookup).
    fn canonical(&self, raw: &str) -> Option<Resolved> {
        let (base, json) = match raw.strip_suffix(".json") {
            Some(base) => (base, true),
            None => (raw, false),
        };
        self.paths.get(base).map(|id| Resolved::Page(id, json))
    }
}

const HTML: &str = "text/html; charset=utf-8";
const JSON: &str = "application/json";
/// The JSON twins are cached like the API's answers.
const JSON_CACHE: &str = "public, max-age=300";

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home_page))
        .route("/classes", get(to_home))
        .route("/classes/", get(to_home))
        .route("/classes/{class}", get(class_page))
        .route("/codes", get(to_home))
        .route("/codes/", get(to_home))
        .route("/codes/{*id}", get(code_page))
        .route("/search", get(search_page))
        .route("/windows/{code}", get(windows_page))
        .route("/endpoints", get(endpoints_page))
        .route("/assets/{file}", get(asset))
        .route("/favicon.svg", get(favicon))
        .merge(guide::routes())
        .merge(lint::routes())
        .layer(middleware::map_response(security_headers))
}

/// Headers every response of the reference carries.
async fn security_headers(res: Response) -> Response {
    with_security_headers(res)
}

fn with_security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    res
}

/// The language of a request, and the one `?lang=` asked for explicitly (which sets the cookie).
fn request_lang(req: &Request) -> (Lang, Option<Lang>) {
    let pairs = query_pairs(req.uri().query()).unwrap_or_default();
    let asked = pairs
        .iter()
        .find(|(k, _)| k == "lang")
        .map(|(_, v)| v.as_str());
    (
        negotiate::lang(asked, req.headers()),
        asked.and_then(Lang::from_locale),
    )
}

/// Adds `Vary` and, when `?lang=` chose the language, the cookie that remembers it.
fn finish(mut res: Response, vary: &'static str, explicit: Option<Lang>) -> Response {
    let h = res.headers_mut();
    h.insert(header::VARY, HeaderValue::from_static(vary));
    if let Some(lang) = explicit {
        let cookie = match lang {
            Lang::En => "lang=en; Path=/; SameSite=Lax",
            Lang::Th => "lang=th; Path=/; SameSite=Lax",
        };
        h.insert(header::SET_COOKIE, HeaderValue::from_static(cookie));
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
    }
    res
}

fn serve(cached: &Cached, req: &Request, vary: &'static str, explicit: Option<Lang>) -> Response {
    finish(cached.respond(req.headers()), vary, explicit)
}

/// A page rendered for this request only (search results, error pages).
fn dynamic(
    state: &AppState,
    status: StatusCode,
    lang: Lang,
    explicit: Option<Lang>,
    page: PageParts<'_>,
) -> Response {
    let html = layout::render(
        &Page {
            query: page.query,
            main: page.main,
            ..Page::new(
                lang,
                &format!("{} · httpstatus", page.title),
                page.title,
                page.path,
                page.nav,
            )
        },
        &state.site.0.assets,
    );
    let mut res = Response::new(Body::from(html));
    *res.status_mut() = status;
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(HTML));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    finish(res, VARY_PAGE, explicit)
}

/// An error page (unknown class or code, malformed id) for the path `prefix` + `id`.
fn error_page(
    state: &AppState,
    status: StatusCode,
    lang: Lang,
    explicit: Option<Lang>,
    prefix: &str,
    id: &str,
    page: misc::ErrorPage,
) -> Response {
    let path = format!("{prefix}{}", utf8_percent_encode(id, NON_ALPHANUMERIC));
    dynamic(
        state,
        status,
        lang,
        explicit,
        PageParts {
            title: &page.title,
            path: &path,
            query: "",
            nav: Nav::Home,
            main: page.main,
        },
    )
}

struct PageParts<'a> {
    title: &'a str,
    path: &'a str,
    query: &'a str,
    nav: Nav,
    main: Markup,
}

async fn home_page(State(state): State<AppState>, req: Request) -> Response {
    let (lang, explicit) = request_lang(&req);
    serve(state.site.0.home.get(lang), &req, VARY_PAGE, explicit)
}

async fn endpoints_page(State(state): State<AppState>, req: Request) -> Response {
    let (lang, explicit) = request_lang(&req);
    serve(state.site.0.endpoints.get(lang), &req, VARY_PAGE, explicit)
}

async fn to_home() -> Response {
    redirect("/".to_string(), None)
}

/// A 308 to `to`, keeping the request's query string.
fn redirect(to: String, query: Option<&str>) -> Response {
    let target = match query.filter(|q| !q.is_empty()) {
        Some(q) => format!("{to}?{q}"),
        None => to,
    };
    let location = HeaderValue::from_str(&target).unwrap_or_else(|_| HeaderValue::from_static("/"));
    let mut res = Response::new(Body::empty());
    *res.status_mut() = StatusCode::PERMANENT_REDIRECT;
    res.headers_mut().insert(header::LOCATION, location);
    res
}

async fn class_page(
    State(state): State<AppState>,
    Path(class): Path<String>,
    req: Request,
) -> Response {
    let (lang, explicit) = request_lang(&req);
    if let Some((_, page)) = state
        .site
        .0
        .classes
        .iter()
        .find(|(c, _)| c.token() == class)
    {
        return serve(page.get(lang), &req, VARY_PAGE, explicit);
    }
    let lower = class.to_ascii_lowercase();
    if Class::STANDARD.iter().any(|c| c.token() == lower) {
        return redirect(format!("/classes/{lower}"), req.uri().query());
    }
    let page = misc::no_class(&class, lang);
    error_page(
        &state,
        StatusCode::NOT_FOUND,
        lang,
        explicit,
        "/classes/",
        &class,
        page,
    )
}

/// Where a `/codes/...` path leads.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    /// An entry's canonical page; `true` for the `.json` twin.
    Page(&'static str, bool),
    /// Another spelling of something that exists.
    Redirect(String),
    /// Well-formed, but no such entry.
    NotFound(String),
    /// Malformed: the id and what is wrong with it.
    Bad(String, String),
}

fn resolve(raw: &str) -> Resolved {
    let (base, json) = match raw.strip_suffix(".json") {
        Some(base) => (base, true),
        None => (raw, false),
    };
    let suffix = if json { ".json" } else { "" };
    if !base.contains(':') {
        if let Some(e) = httpstatus_codes::by_id(&base.replacen('/', ":", 1)) {
            if layout::href(e).strip_prefix("/codes/") == Some(base) {
                return Resolved::Page(e.id, json);
            }
        }
    }
    let key = base.trim_matches('/').replacen('/', ":", 1);
    for candidate in [key.clone(), key.to_ascii_lowercase()] {
        if let Some(e) = httpstatus_codes::by_id(&candidate) {
            return Resolved::Redirect(format!("{}{suffix}", layout::href(e)));
        }
    }
    match Query::parse(&key) {
        Ok(Query::Mask {
            namespace: None,
            mask,
        }) if mask.first() % 100 == 0 && mask.last() == mask.first() + 99 => {
            Resolved::Redirect(format!("/classes/{mask}"))
        }
        Ok(q @ Query::Code { .. }) => match q.entries().as_slice() {
            [one] => Resolved::Redirect(format!("{}{suffix}", layout::href(one))),
            _ => Resolved::NotFound(key),
        },
        Ok(_) => Resolved::NotFound(key),
        Err(e) if e.kind() == ParseErrorKind::NotACode => Resolved::NotFound(key),
        Err(e) => Resolved::Bad(key, e.to_string()),
    }
}

async fn code_page(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    req: Request,
) -> Response {
    let (lang, explicit) = request_lang(&req);
    let wants_json = negotiate::format(req.headers(), Format::Html) == Format::Json;
    let resolved = match path {
        Ok(Path(raw)) => state
            .site
            .0
            .canonical(&raw)
            .unwrap_or_else(|| resolve(&raw)),
        Err(_) => Resolved::Bad(
            String::new(),
            "the path is not valid UTF-8 after percent-decoding".to_string(),
        ),
    };
    let json_error = wants_json
        || matches!(&resolved, Resolved::NotFound(id) | Resolved::Bad(id, _) if id.ends_with(".json"));
    match resolved {
        Resolved::Page(id, json) => match state
            .site
            .0
            .codes
            .get(id)
            .map(|c| c.files(&state.site.0.assets))
        {
            // The `.json` URL has one representation; the page URL varies with `Accept`.
            Some(files) if json => serve(&files.json, &req, "Accept-Encoding", None),
            Some(files) if wants_json => serve(&files.json, &req, VARY_CODE, None),
            Some(files) => serve(files.html.get(lang), &req, VARY_CODE, explicit),
            None => AppError::not_found(format!("no entry {id}"))
                .in_format(Format::Html)
                .into_response(),
        },
        Resolved::Redirect(to) => redirect(to, req.uri().query()),
        Resolved::NotFound(id) if json_error => AppError::not_found(format!(
            "no entry with id {id}; see /api/v1/codes for every id, or /api/v1/search?q= to search"
        ))
        .into_response(),
        Resolved::Bad(id, message) if json_error => {
            AppError::bad_request(format!("{id:?}: {message}")).into_response()
        }
        Resolved::NotFound(id) => {
            let page = misc::not_found(&id, lang);
            error_page(
                &state,
                StatusCode::NOT_FOUND,
                lang,
                explicit,
                "/codes/",
                &id,
                page,
            )
        }
        Resolved::Bad(id, message) => {
            let page = misc::bad_request(&id, &message, lang);
            error_page(
                &state,
                StatusCode::BAD_REQUEST,
                lang,
                explicit,
                "/codes/",
                &id,
                page,
            )
        }
    }
}

/// `/windows/0x8007000D`, `/windows/win32:64`: a Windows error code explained (see `windows.rs`).
/// A code written another way (`0x8007000d`, `64`) is redirected to its canonical spelling.
async fn windows_page(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    req: Request,
) -> Response {
    use httpstatus_codes::windows::{self as win, WinQuery};
    let (lang, explicit) = request_lang(&req);
    let raw = path.map(|Path(p)| p).unwrap_or_default();
    let fail = |status: StatusCode, page: misc::ErrorPage| {
        error_page(&state, status, lang, explicit, "/windows/", &raw, page)
    };
    if raw.len() > windows::MAX_LEN {
        let message = format!("a Windows error code is at most {} bytes", windows::MAX_LEN);
        return fail(
            StatusCode::BAD_REQUEST,
            misc::bad_request(&raw, &message, lang),
        );
    }
    let q = match raw.parse::<WinQuery>() {
        Ok(q) => q,
        Err(e) => {
            let message = format!("{e}; write 0x8007000d, win32:64 or hresult:0x80070005");
            return fail(
                StatusCode::BAD_REQUEST,
                misc::bad_request(&raw, &message, lang),
            );
        }
    };
    let Some(found) = win::lookup(q) else {
        return fail(StatusCode::NOT_FOUND, misc::not_found(&raw, lang));
    };
    let canonical = windows::path(q);
    if format!("/windows/{raw}") != canonical {
        return redirect(canonical, req.uri().query());
    }
    let title = windows::title(&found, lang);
    dynamic(
        &state,
        StatusCode::OK,
        lang,
        explicit,
        PageParts {
            title: &title,
            path: &canonical,
            query: "",
            nav: Nav::Search,
            main: windows::page(&found, lang),
        },
    )
}

async fn search_page(State(state): State<AppState>, req: Request) -> Response {
    let (lang, explicit) = request_lang(&req);
    let pairs = match query_pairs(req.uri().query()) {
        Ok(pairs) => pairs,
        Err(message) => {
            let page = misc::bad_request("", &message, lang);
            return dynamic(
                &state,
                StatusCode::BAD_REQUEST,
                lang,
                explicit,
                PageParts {
                    title: &page.title,
                    path: "/search",
                    query: "",
                    nav: Nav::Search,
                    main: page.main,
                },
            );
        }
    };
    let q = pairs
        .iter()
        .find(|(k, _)| k == "q")
        .map_or("", |(_, v)| v.as_str());
    // One entry named exactly (403.14, nginx 499): its page, not a list (see `routes::jump`).
    if let Some(to) = crate::routes::jump::target(q) {
        return see_other(&with_explicit_lang(to, explicit));
    }
    let outcome = search::run(q);
    let status = match outcome {
        search::Outcome::TooLong => StatusCode::BAD_REQUEST,
        _ => StatusCode::OK,
    };
    // Keep the box's text short enough to render, even when the search was refused.
    let shown: String = q.chars().take(search::MAX_QUERY).collect();
    let main = search::page(&shown, &outcome, lang);
    let t = i18n::ui(lang);
    let title = if shown.trim().is_empty() {
        t.search_title.to_string()
    } else {
        format!("{} · {}", shown.trim(), t.search_title)
    };
    let path = format!(
        "/search?q={}",
        utf8_percent_encode(&shown, NON_ALPHANUMERIC)
    );
    dynamic(
        &state,
        status,
        lang,
        explicit,
        PageParts {
            title: &title,
            path: &path,
            query: &shown,
            nav: Nav::Search,
            main,
        },
    )
}

/// A 303 to `to` (the answer to a search that names one entry).
fn see_other(to: &str) -> Response {
    let location = HeaderValue::from_str(to).unwrap_or_else(|_| HeaderValue::from_static("/"));
    let mut res = Response::new(Body::empty());
    *res.status_mut() = StatusCode::SEE_OTHER;
    res.headers_mut().insert(header::LOCATION, location);
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// `to` with the `?lang=` the request gave explicitly, so the language choice travels along.
fn with_explicit_lang(to: String, explicit: Option<Lang>) -> String {
    match explicit {
        Some(lang) => layout::with_lang(&to, lang),
        None => to,
    }
}

async fn asset(State(state): State<AppState>, Path(file): Path<String>, req: Request) -> Response {
    let site = &state.site.0;
    let cached = match file.as_str() {
        "style.css" => &site.style,
        "app.js" => &site.script,
        "search-index.json" => &site.index,
        _ => {
            return AppError::not_found(format!("no asset {file}"))
                .in_format(Format::Text)
                .into_response()
        }
    };
    cached.respond(req.headers())
}

async fn favicon(State(state): State<AppState>, req: Request) -> Response {
    state.site.0.favicon.respond(req.headers())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_ids_and_their_other_spellings() {
        assert_eq!(resolve("404"), Resolved::Page("404", false));
        assert_eq!(resolve("404.json"), Resolved::Page("404", true));
        assert_eq!(resolve("403.14"), Resolved::Page("403.14", false));
        assert_eq!(resolve("nginx/499"), Resolved::Page("nginx:499", false));
        assert_eq!(resolve("105-199"), Resolved::Page("105-199", false));
        assert_eq!(
            resolve("nginx:499"),
            Resolved::Redirect("/codes/nginx/499".into())
        );
        assert_eq!(
            resolve("nginx:499.json"),
            Resolved::Redirect("/codes/nginx/499.json".into())
        );
        assert_eq!(
            resolve("NGINX/499"),
            Resolved::Redirect("/codes/nginx/499".into())
        );
        assert_eq!(
            resolve("iis:403.14"),
            Resolved::Redirect("/codes/403.14".into())
        );
        assert_eq!(resolve("404/"), Resolved::Redirect("/codes/404".into()));
        assert_eq!(resolve("4xx"), Resolved::Redirect("/classes/4xx".into()));
        assert!(
            matches!(resolve("499"), Resolved::NotFound(_)),
            "two vendors use 499"
        );
        assert!(matches!(resolve("hello"), Resolved::NotFound(_)));
        assert!(matches!(resolve("403.x"), Resolved::Bad(..)));
    }

    #[test]
    fn every_page_is_rendered_in_both_languages() {
        let site = Site::build("http://localhost:8080");
        assert_eq!(site.0.codes.len(), httpstatus_codes::entries().len());
        assert_eq!(
            site.0.canonical("nginx/499.json"),
            Some(Resolved::Page("nginx:499", true))
        );
        assert_eq!(site.0.canonical("nginx:499"), None);
        let home = site.0.home.get(Lang::Th).body();
        assert!(std::str::from_utf8(home)
            .unwrap()
            .contains("<html lang=\"th\">"));
    }
}
