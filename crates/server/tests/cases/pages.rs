//! The web reference over a real socket: page structure parsed with an HTML parser, a crawl of
//! every internal link from `/` in both languages, escaping, security headers, languages, JSON
//! twins, caching; then the same pages in headless Chromium (search as you type, the language
//! switch, a code page, no console errors), with screenshots in `<target>/screenshots/`.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use reqwest::blocking::Response;
use reqwest::header;
use scraper::{Html, Selector};
use serde_json::Value;

use super::{chromium, client, raw, TestServer, TEST_PUBLIC_URL};

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The canonical page of an entry, as the site links it.
fn page_of(e: &httpstatus_codes::Entry) -> String {
    match e.id.split_once(':') {
        Some((ns, rest)) => format!("/codes/{ns}/{rest}"),
        None => format!("/codes/{}", e.id),
    }
}

fn get(server: &TestServer, path: &str, headers: &[(&str, &str)]) -> Response {
    let mut req = client().get(server.url(path));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.send().unwrap()
}

/// Whether `doc` has an element matching `selector`.
fn has(doc: &Html, selector: &str) -> bool {
    doc.select(&sel(selector)).next().is_some()
}

/// The text of the first element of `doc` matching `selector`; panics when there is none.
fn text_of(doc: &Html, selector: &str) -> String {
    doc.select(&sel(selector))
        .next()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text()
        .collect()
}

fn html(res: Response) -> Html {
    let ct = res.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(ct, "text/html; charset=utf-8", "{}", res.url());
    Html::parse_document(&res.text().unwrap())
}

fn has_thai(s: &str) -> bool {
    s.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c))
}

/// Checks what every page must get right, and returns its links.
fn check_page(path: &str, doc: &Html, lang: &str) -> Vec<(String, bool)> {
    assert!(
        doc.errors.is_empty(),
        "{path}: HTML parse errors {:?}",
        doc.errors
    );
    let root = doc.root_element();
    assert_eq!(root.value().attr("lang"), Some(lang), "{path}: <html lang>");
    assert_eq!(doc.select(&sel("h1")).count(), 1, "{path}: one h1");
    assert_eq!(
        doc.select(&sel("main#main")).count(),
        1,
        "{path}: main#main, the skip link's target"
    );
    assert_eq!(
        doc.select(&sel("a.skip[href='#main']")).count(),
        1,
        "{path}: skip link"
    );
    assert_eq!(
        doc.select(&sel("label[for=q]")).count(),
        1,
        "{path}: the search box has a label"
    );
    assert_eq!(
        doc.select(&sel("meta[charset=utf-8]")).count(),
        1,
        "{path}: charset"
    );
    let title = doc
        .select(&sel("title"))
        .next()
        .map(|t| t.text().collect::<String>())
        .unwrap_or_default();
    assert!(!title.trim().is_empty(), "{path}: title");

    // Unique ids; every in-page fragment link points at one.
    let mut ids = HashSet::new();
    for el in doc.select(&sel("[id]")) {
        let id = el.value().attr("id").unwrap();
        assert!(ids.insert(id.to_string()), "{path}: duplicate id {id}");
    }
    for el in doc.select(&sel("[aria-labelledby]")) {
        let id = el.value().attr("aria-labelledby").unwrap();
        assert!(
            ids.contains(id),
            "{path}: aria-labelledby={id} names nothing"
        );
    }
    // No inline script or style: the CSP forbids them, and the page must not need them.
    for script in doc.select(&sel("script")) {
        assert!(
            script
                .value()
                .attr("src")
                .is_some_and(|s| s.starts_with("/assets/")),
            "{path}: script without our src"
        );
        assert!(
            script.text().collect::<String>().trim().is_empty(),
            "{path}: inline script"
        );
    }
    assert_eq!(
        doc.select(&sel("style, [style]")).count(),
        0,
        "{path}: inline style"
    );
    for el in doc.select(&sel("*")) {
        for (name, _) in el.value().attrs() {
            assert!(!name.starts_with("on"), "{path}: inline handler {name}");
        }
    }
    // The language switch: both languages, each marked with its own lang.
    let switch: Vec<_> = doc.select(&sel("nav.langs a")).collect();
    assert_eq!(switch.len(), 2, "{path}: language switch");
    for a in &switch {
        let l = a.value().attr("lang").unwrap();
        assert!(
            a.value()
                .attr("href")
                .unwrap()
                .ends_with(&format!("lang={l}")),
            "{path}: switch link for {l}"
        );
        assert_eq!(
            a.value().attr("aria-current").is_some(),
            l == lang,
            "{path}: current language marked"
        );
    }

    let mut links = Vec::new();
    for a in doc.select(&sel("a[href]")) {
        let href = a.value().attr("href").unwrap();
        if let Some(frag) = href.strip_prefix('#') {
            assert!(ids.contains(frag), "{path}: link to missing #{frag}");
            continue;
        }
        if href.starts_with("https://") {
            continue;
        }
        assert!(
            href.starts_with('/') && !href.starts_with("//"),
            "{path}: unexpected link {href}"
        );
        let nofollow = a
            .value()
            .attr("rel")
            .is_some_and(|r| r.split(' ').any(|r| r == "nofollow"));
        links.push((href.to_string(), nofollow));
    }
    for link in doc.select(&sel("link[href]")) {
        let href = link.value().attr("href").unwrap();
        // Canonical and hreflang links are absolute, on the server's public URL: follow them
        // as paths.
        let href = href.strip_prefix(TEST_PUBLIC_URL).unwrap_or(href);
        assert!(href.starts_with('/'), "{path}: unexpected <link> {href}");
        links.push((href.to_string(), false));
    }
    for script in doc.select(&sel("script[src]")) {
        links.push((script.value().attr("src").unwrap().to_string(), false));
    }
    links
}

/// Visits every page reachable from `/` with `headers`; returns the pages seen and the
/// test-endpoint examples (rel=nofollow) found.
fn crawl(
    server: &TestServer,
    headers: &[(&str, &str)],
    lang: &str,
) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut examples = BTreeSet::new();
    let mut ids_of: HashMap<String, HashSet<String>> = HashMap::new();
    let mut fragments: Vec<(String, String, String)> = Vec::new();
    let mut queue = VecDeque::from([("/".to_string(), "(start)".to_string())]);
    seen.insert("/".to_string());
    while let Some((path, from)) = queue.pop_front() {
        let res = get(server, &path, headers);
        assert_eq!(res.status().as_u16(), 200, "{path} (linked from {from})");
        let ct = res.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .to_string();
        if !ct.starts_with("text/html") {
            continue;
        }
        assert_eq!(res.headers()["content-security-policy"], CSP, "{path}");
        let doc = html(res);
        ids_of.insert(
            path.clone(),
            doc.select(&sel("[id]"))
                .filter_map(|e| e.value().attr("id"))
                .map(String::from)
                .collect(),
        );
        for (href, nofollow) in check_page(&path, &doc, lang) {
            if nofollow {
                examples.insert(href);
                continue;
            }
            let (target, frag) = match href.split_once('#') {
                Some((t, f)) => (t.to_string(), Some(f.to_string())),
                None => (href.clone(), None),
            };
            if let Some(f) = frag {
                fragments.push((target.clone(), f, path.clone()));
            }
            // The language switch and search links are checked elsewhere; crawl the site itself.
            if target.contains("lang=") || target.starts_with("/search?") {
                continue;
            }
            if seen.insert(target.clone()) {
                queue.push_back((target, path.clone()));
            }
        }
    }
    for (target, frag, from) in fragments {
        let ids = ids_of
            .get(&target)
            .unwrap_or_else(|| panic!("{from} links to {target}#{frag}, which was not crawled"));
        assert!(
            ids.contains(&frag),
            "{from} links to {target}#{frag}: no such id"
        );
    }
    (seen, examples)
}

#[test]
fn home_page_links_every_registry_entry_in_seed_order() {
    let server = TestServer::start();
    let doc = html(get(&server, "/", &[]));
    let hrefs: HashSet<&str> = doc
        .select(&sel("main a[href]"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    for e in httpstatus_codes::entries() {
        assert!(
            hrefs.contains(page_of(e).as_str()),
            "home page links {} at {}",
            e.id,
            page_of(e)
        );
    }
    // An index to scan: the five classes, then IIS, then vendors; the introduction last, folded.
    let sections: Vec<&str> = doc
        .select(&sel("main > section[id]"))
        .map(|s| s.value().attr("id").unwrap())
        .collect();
    assert_eq!(
        sections,
        [
            "class-1xx",
            "class-2xx",
            "class-3xx",
            "class-4xx",
            "class-5xx",
            "iis",
            "vendors"
        ]
    );
    assert!(
        doc.select(&sel("main > details.intro:last-child p"))
            .count()
            >= 1,
        "introduction, folded, after the codes"
    );
    // Each class lists its codes one per line: number and phrase, no summary.
    let a404 = doc
        .select(&sel("#class-4xx ul.dense a[href='/codes/404']"))
        .next()
        .unwrap();
    assert_eq!(
        a404.text().collect::<String>(),
        "404 Not Found",
        "number and phrase only"
    );
    assert_eq!(doc.select(&sel("main .sum")).count(), 0, "no summaries");
    // The summaries are on the class pages.
    let class = html(get(&server, "/classes/4xx", &[]));
    let row404 = class
        .select(&sel("#standard li.row:has(a.code[href='/codes/404']) .sum"))
        .next()
        .unwrap();
    assert!(!row404.text().collect::<String>().trim().is_empty());
    // IIS sub-status codes are grouped under their parent; vendor codes under their vendor.
    let iis403: Vec<&str> = doc
        .select(&sel("#iis section:has(> h3#iis-403) ul.dense a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(iis403.contains(&"/codes/403.14"), "{iis403:?}");
    assert!(!iis403.contains(&"/codes/404.0"), "{iis403:?}");
    let nginx: Vec<&str> = doc
        .select(&sel("#vendors section:has(> h3#vendor-nginx) ul.dense a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(nginx.contains(&"/codes/nginx/499"), "{nginx:?}");
    // Thai: the title is Thai, and counts use a Thai count word.
    let th = html(get(&server, "/?lang=th", &[]));
    let title = text_of(&th, "title");
    assert!(has_thai(&title), "{title}");
    for small in th.select(&sel("nav.toc small")) {
        let text = small.text().collect::<String>();
        assert!(text.ends_with(" รายการ"), "{text}");
    }
}

#[test]
fn every_internal_link_is_reachable_in_both_languages() {
    let server = TestServer::start();
    let (pages, examples) = crawl(&server, &[], "en");
    for e in httpstatus_codes::entries() {
        assert!(pages.contains(&page_of(e)), "{} reached", page_of(e));
    }
    for path in [
        "/classes/1xx",
        "/classes/5xx",
        "/endpoints",
        "/api/v1",
        "/api/v1/openapi.json",
        "/favicon.svg",
    ] {
        assert!(pages.contains(path), "{path} reached");
    }
    assert!(pages.iter().any(|p| p.starts_with("/assets/style.css?v=")));
    assert!(pages.iter().any(|p| p.starts_with("/assets/app.js?v=")));
    // The only links not followed are the test endpoint examples, listed on /endpoints.
    let expected: BTreeSet<String> = httpstatus_server::ENDPOINTS
        .iter()
        .map(|e| e.example.to_string())
        .collect();
    assert_eq!(examples, expected);

    let (th_pages, _) = crawl(&server, &[("cookie", "lang=th")], "th");
    assert_eq!(th_pages, pages, "the Thai site links the same pages");
}

#[test]
fn searches_are_rendered_on_the_server_and_escaped() {
    let server = TestServer::start();
    let doc = html(get(&server, "/search?q=too+many+requests", &[]));
    let first = doc.select(&sel("#results a.code")).next().unwrap();
    assert_eq!(first.value().attr("href"), Some("/codes/429"));
    assert_eq!(
        doc.select(&sel("input#q"))
            .next()
            .unwrap()
            .value()
            .attr("value"),
        Some("too many requests")
    );

    let doc = html(get(
        &server,
        "/search?q=%E0%B9%84%E0%B8%A1%E0%B9%88%E0%B8%9E%E0%B8%9A&lang=th",
        &[],
    ));
    let hrefs: Vec<&str> = doc
        .select(&sel("#results a.code"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        hrefs.contains(&"/codes/404"),
        "Thai words find 404: {hrefs:?}"
    );

    let attack = "<script>alert(1)</script>";
    let res = get(
        &server,
        "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        &[],
    );
    assert_eq!(res.headers()["content-security-policy"], CSP);
    let body = res.text().unwrap();
    assert!(!body.contains(attack), "markup from the query is escaped");
    let doc = Html::parse_document(&body);
    assert_eq!(
        doc.select(&sel("script")).count(),
        2,
        "only theme.js and app.js"
    );
    assert_eq!(
        doc.select(&sel("input#q"))
            .next()
            .unwrap()
            .value()
            .attr("value"),
        Some(attack)
    );
    let count = text_of(&doc, "#results-count");
    assert!(count.contains(attack), "shown as text: {count}");

    // Without a query the page explains what to type; far too long a query is refused.
    assert_eq!(get(&server, "/search", &[]).status(), 200);
    let long = "a".repeat(300);
    assert_eq!(
        get(&server, &format!("/search?q={long}"), &[]).status(),
        400
    );
    assert_eq!(get(&server, "/search?q=%FF", &[]).status(), 400);
}

/// `/api/v1/search` for `q` (URL-encoded): (total, ids of the first `limit`).
fn api_search(server: &TestServer, q: &str, limit: usize) -> (u64, Vec<String>) {
    let res = get(server, &format!("/api/v1/search?q={q}&limit={limit}"), &[]);
    assert_eq!(res.status(), 200);
    let v: Value = res.json().unwrap();
    let ids = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["entry"]["id"].as_str().unwrap().to_string())
        .collect();
    (v["total"].as_u64().unwrap(), ids)
}

#[test]
fn the_search_page_and_the_api_give_one_ranking_and_one_count() {
    let server = TestServer::start();
    for q in [
        "too+many",
        "not+found",
        "rate+limit",
        "permission+denied",
        // (One entry, such as 403.14, is answered with a 303 to its page: see webjs.rs.)
        "499",
        "5xx",
        "iis",
        "%E0%B9%84%E0%B8%A1%E0%B9%88%E0%B8%9E%E0%B8%9A", // ไม่พบ
    ] {
        let doc = html(get(&server, &format!("/search?q={q}"), &[]));
        let page: Vec<&str> = doc
            .select(&sel("#results a.code"))
            .filter_map(|a| a.value().attr("href"))
            .collect();
        let total: u64 = first_attr(&doc, "#results-count", "data-total")
            .parse()
            .unwrap();
        let (api_total, api) = api_search(&server, q, 500);
        assert_eq!(total, api_total, "{q}: the page and the API count alike");
        let api: Vec<String> = api
            .iter()
            .take(60)
            .map(|id| page_of(httpstatus_codes::by_id(id).unwrap()))
            .collect();
        assert_eq!(page, api, "{q}: the page and the API list alike");
    }
    // The issue's examples come first everywhere.
    for (q, first) in [
        ("rate+limit", "429"),
        ("permission+denied", "403"),
        ("login+required", "401"),
        ("upload+too+big", "413"),
        ("permanent+redirect+keep+method", "308"),
        ("not+found", "404"),
        ("throttled", "429"),
    ] {
        assert_eq!(api_search(&server, q, 3).1[0], first, "{q}");
    }
    // One result is "1 result", not "1 results".
    let one = [
        "railgun",
        "passport+logon",
        "enhance+your+calm",
        "checkpoint",
    ]
    .into_iter()
    .find(|q| api_search(&server, q, 500).0 == 1)
    .expect("a query with one result");
    let doc = html(get(&server, &format!("/search?q={one}"), &[]));
    let count = text_of(&doc, "#results-count");
    assert!(count.starts_with("1 result for"), "{count}");
}

#[test]
fn pages_carry_security_headers_and_no_inline_code() {
    let server = TestServer::start();
    for path in [
        "/",
        "/codes/404",
        "/codes/nginx/499",
        "/classes/4xx",
        "/endpoints",
        "/search?q=x",
        "/codes/nope",
        "/codes/403.x",
    ] {
        let res = get(&server, path, &[]);
        let h = res.headers();
        assert_eq!(h["content-security-policy"], CSP, "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        let doc = html(res);
        // Every script is deferred but theme.js, which must apply the saved theme before paint
        // (it is a few lines, cached for a year).
        assert!(
            doc.select(&sel("script")).all(|s| {
                let theme = s
                    .value()
                    .attr("src")
                    .is_some_and(|src| src.starts_with("/assets/theme.js?v="));
                s.value().attr("defer").is_some() != theme
            }),
            "{path}: scripts deferred, theme.js not"
        );
        assert_eq!(
            doc.select(&sel("head script:not([defer])")).count(),
            1,
            "{path}: theme.js in <head>"
        );
    }
}

#[test]
fn language_comes_from_query_then_cookie_then_accept_language() {
    let server = TestServer::start();
    let res = get(&server, "/?lang=th", &[]);
    assert_eq!(
        res.headers()[header::SET_COOKIE],
        "lang=th; Path=/; SameSite=Lax"
    );
    let vary = res.headers()[header::VARY].to_str().unwrap().to_string();
    assert!(
        vary.contains("Cookie") && vary.contains("Accept-Language"),
        "{vary}"
    );
    let doc = html(res);
    assert_eq!(doc.root_element().value().attr("lang"), Some("th"));
    let intro = text_of(&doc, ".hint");
    assert!(has_thai(&intro), "{intro}");

    let lang_of = |headers: &[(&str, &str)], path: &str| {
        let doc = html(get(&server, path, headers));
        doc.root_element().value().attr("lang").unwrap().to_string()
    };
    assert_eq!(lang_of(&[("cookie", "a=1; lang=th")], "/codes/404"), "th");
    assert_eq!(
        lang_of(
            &[("accept-language", "th-TH,th;q=0.9,en;q=0.5")],
            "/codes/404"
        ),
        "th"
    );
    assert_eq!(
        lang_of(&[("accept-language", "en-US,th;q=0.5")], "/codes/404"),
        "en"
    );
    assert_eq!(
        lang_of(&[("cookie", "lang=th")], "/codes/404?lang=en"),
        "en"
    );
    assert_eq!(lang_of(&[], "/codes/404"), "en");

    // The Thai page of a code shows the registry's Thai texts.
    let doc = html(get(&server, "/codes/403.14", &[("cookie", "lang=th")]));
    let e = httpstatus_codes::by_id("403.14").unwrap();
    let summary = text_of(&doc, ".page-head .summary");
    assert_eq!(summary, e.summary.th.replace('`', ""));
    assert!(doc
        .select(&sel("#description"))
        .next()
        .unwrap()
        .text()
        .any(has_thai));
}

#[test]
fn thai_code_pages_word_the_iis_versions_and_the_source_page_in_thai() {
    let server = TestServer::start();
    let text = |path: &str, lang: &str| {
        let doc = html(get(&server, path, &[("cookie", lang)]));
        let words: Vec<String> = doc
            .root_element()
            .text()
            .flat_map(|t| t.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
            .collect();
        words.join(" ")
    };
    // 500.19 has an IIS version note ("IIS 5.0, 6.0 and 7.0+") and a source-page note.
    let th = text("/codes/500.19", "lang=th");
    assert!(
        th.contains("เวอร์ชันของ IIS: IIS 5.0 6.0 และ 7.0 ขึ้นไป"),
        "{th}"
    );
    assert!(th.contains("หน้าต้นฉบับเขียนว่า"), "{th}");
    let en = text("/codes/500.19", "lang=en");
    assert!(en.contains("IIS versions: IIS 5.0, 6.0 and 7.0+"), "{en}");
    assert!(en.contains("The source page says"), "{en}");
    for page in [&th, &en] {
        assert!(!page.to_lowercase().contains("seed"), "{page}");
    }
}

#[test]
fn code_pages_show_what_the_registry_knows() {
    let server = TestServer::start();
    let doc = html(get(&server, "/codes/429", &[]));
    let h1 = text_of(&doc, "h1");
    assert_eq!(h1, "429 Too Many Requests");
    for id in [
        "description",
        "semantics",
        "example",
        "try",
        "reference",
        "related",
    ] {
        assert_eq!(
            doc.select(&sel(&format!("section#{id}"))).count(),
            1,
            "429 has #{id}"
        );
    }
    let example = text_of(&doc, "#example pre");
    assert!(
        example.starts_with("HTTP/1.1 429 Too Many Requests\nRetry-After: "),
        "{example}"
    );
    let curl = text_of(&doc, "#try pre");
    assert!(curl.contains("curl -i \"$BASE/status/429\""), "{curl}");
    let spec = doc.select(&sel("#reference a.spec")).next().unwrap();
    assert_eq!(
        spec.value().attr("href"),
        Some(httpstatus_codes::lookup(429).unwrap().reference.url)
    );

    // The curl line works against this very server.
    assert_eq!(get(&server, "/status/429", &[]).status(), 429);

    // An IIS sub-status: parent link, never on the wire, causes and fixes.
    let doc = html(get(&server, "/codes/403.14", &[]));
    let parent: Vec<&str> = doc
        .select(&sel("#parent a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(parent, ["/codes/403"]);
    assert!(doc.select(&sel("#causes li")).count() >= 2);
    assert!(doc.select(&sel("#fixes li")).count() >= 2);
    let curl = text_of(&doc, "#try pre");
    assert!(
        curl.contains("/status/403\""),
        "sub-status codes are tried as their wire code: {curl}"
    );
    // Its parent lists it.
    let doc = html(get(&server, "/codes/403", &[]));
    assert!(has(&doc, "#substatus a[href='/codes/403.14']"));

    // The same number in other namespaces; what the seed got wrong.
    let doc = html(get(&server, "/codes/nginx/499", &[]));
    let others: Vec<&str> = doc
        .select(&sel("#meanings a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(others.contains(&"/codes/esri/499"), "{others:?}");
    let doc = html(get(&server, "/codes/302", &[]));
    let seed = text_of(&doc, "#seed");
    assert!(seed.contains("Object moved"), "{seed}");
    let aliases = doc
        .select(&sel("#aliases li"))
        .map(|l| l.text().collect::<String>())
        .collect::<Vec<_>>();
    assert!(
        aliases.iter().any(|a| a == "Moved Temporarily"),
        "{aliases:?}"
    );

    // A range page explains how a client reads its codes.
    let doc = html(get(&server, "/codes/105-199", &[]));
    assert!(has(&doc, "#reading a[href='/codes/100']"));
}

#[test]
fn code_pages_show_causes_by_stack_and_names_in_code_in_both_languages() {
    let server = TestServer::start();
    let text = |doc: &Html, selector: &str| -> String {
        doc.select(&sel(selector))
            .map(|n| n.text().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    for lang in ["en", "th"] {
        let doc = html(get(&server, &format!("/codes/404?lang={lang}"), &[]));
        let tips = text(&doc, "section#troubleshooting");
        let stacks = text(&doc, "section#troubleshooting .tag.stack");
        let names = text(&doc, "section#constants table");
        assert!(
            stacks.contains("nginx") && stacks.contains("Go net/http"),
            "{lang}: {stacks}"
        );
        // Setting names stay as they are in both languages; the prose is in the page's language.
        assert!(
            tips.contains("try_files $uri $uri/ /index.html;"),
            "{lang}: {tips}"
        );
        assert_eq!(has_thai(&tips), lang == "th", "{lang}: {tips}");
        for name in [
            "http.StatusNotFound",
            "HTTPStatus.NOT_FOUND",
            "HttpStatus.NOT_FOUND",
            "StatusCodes.Status404NotFound",
            "StatusCode::NOT_FOUND",
            ":not_found",
            "http.STATUS_CODES[404] = \"Not Found\"",
        ] {
            assert!(names.contains(name), "{lang}: {name} missing from {names}");
        }
        let heading = text(&doc, "section#constants h2");
        assert_eq!(
            heading,
            if lang == "en" {
                "In code"
            } else {
                "ชื่อในภาษาและ framework"
            }
        );
        // Inline code is escaped and wrapped like every other text.
        assert!(doc
            .select(&sel("section#troubleshooting code"))
            .any(|c| c.text().collect::<String>() == "try_files $uri $uri/ /index.html;"));
    }
    // An IIS sub-status and a vendor code have neither section.
    for path in ["/codes/404.13", "/codes/nginx/499"] {
        let doc = html(get(&server, path, &[]));
        assert_eq!(
            doc.select(&sel("section#troubleshooting")).count(),
            0,
            "{path}"
        );
        assert_eq!(doc.select(&sel("section#constants")).count(), 0, "{path}");
    }
    // The API carries the same tables.
    let v: Value = client()
        .get(server.url("/api/v1/codes/413"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let v = if v.is_array() { v[0].clone() } else { v };
    assert!(v["troubleshooting"].as_array().unwrap().len() >= 5, "{v}");
    assert!(v["constants"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["name"] == "Response::HTTP_REQUEST_ENTITY_TOO_LARGE"));
}

#[test]
fn json_twins_equal_the_api() {
    let server = TestServer::start();
    for e in httpstatus_codes::entries() {
        let api: Value = get(&server, &format!("/api/v1/codes/{}", e.id), &[])
            .json()
            .unwrap();
        assert_eq!(api, serde_json::to_value(e).unwrap());
        let twin = get(&server, &format!("{}.json", page_of(e)), &[]);
        assert_eq!(twin.headers()[header::CONTENT_TYPE], "application/json");
        assert_eq!(twin.json::<Value>().unwrap(), api, "{}.json", page_of(e));
        let accepted = get(&server, &page_of(e), &[("accept", "application/json")]);
        assert_eq!(
            accepted.json::<Value>().unwrap(),
            api,
            "{} with Accept: application/json",
            page_of(e)
        );
    }
}

#[test]
fn other_spellings_redirect_and_bad_ids_get_helpful_pages() {
    let server = TestServer::start();
    for (from, to) in [
        ("/codes/nginx:499", "/codes/nginx/499"),
        ("/codes/nginx:499.json", "/codes/nginx/499.json"),
        ("/codes/NGINX/499?lang=th", "/codes/nginx/499?lang=th"),
        ("/codes/iis:403.14", "/codes/403.14"),
        ("/codes/4xx", "/classes/4xx"),
        ("/classes/4XX", "/classes/4xx"),
        ("/codes", "/"),
    ] {
        let res = get(&server, from, &[]);
        assert_eq!(res.status(), 308, "{from}");
        assert_eq!(res.headers()[header::LOCATION], to, "{from}");
    }

    // A number with only vendor meanings: 404 with the entries that use it.
    let res = get(&server, "/codes/499", &[]);
    assert_eq!(res.status(), 404);
    let doc = html(res);
    let hrefs: Vec<&str> = doc
        .select(&sel("main a.code"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        hrefs.contains(&"/codes/nginx/499") && hrefs.contains(&"/codes/esri/499"),
        "{hrefs:?}"
    );
    // An unassigned number: its range and the class fallback.
    let doc = html(get(&server, "/codes/299", &[]));
    assert!(has(&doc, "main a[href='/codes/227-299']"));
    assert!(has(&doc, "main a[href='/codes/200']"));
    // Words: search suggestions; markup in the path stays text.
    let res = get(&server, "/codes/%3Cscript%3Enot%20found", &[]);
    assert_eq!(res.status(), 404);
    let body = res.text().unwrap();
    assert!(!body.contains("<script>not"), "escaped");
    let doc = Html::parse_document(&body);
    assert!(has(&doc, "main a[href='/codes/404']"), "suggests 404");
    // Malformed ids are a 400 page, never a 500.
    for bad in [
        "/codes/403.x",
        "/codes/500-400",
        "/codes/foo:404",
        "/codes/%FF",
    ] {
        let res = get(&server, bad, &[]);
        assert_eq!(res.status(), 400, "{bad}");
        assert!(
            res.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{bad}"
        );
    }
    // A client that wants JSON gets JSON errors.
    let res = get(&server, "/codes/nope", &[("accept", "application/json")]);
    assert_eq!(res.status(), 404);
    assert!(res.json::<Value>().unwrap()["error"]["message"].is_string());
    assert_eq!(get(&server, "/classes/9xx", &[]).status(), 404);
}

#[test]
fn pages_are_served_from_memory_compressed_with_etags() {
    let server = TestServer::start();
    let res = get(&server, "/codes/404", &[]);
    let etag = res.headers()[header::ETAG].to_str().unwrap().to_string();
    let res = get(&server, "/codes/404", &[("if-none-match", &etag)]);
    assert_eq!(res.status(), 304);
    let th = get(&server, "/codes/404", &[("cookie", "lang=th")]);
    assert_ne!(
        th.headers()[header::ETAG].to_str().unwrap(),
        etag,
        "each language has its own ETag"
    );

    for coding in ["br", "gzip"] {
        let out = raw(server.addr, &format!("GET / HTTP/1.1\r\nHost: x\r\nAccept-Encoding: {coding}\r\nConnection: close\r\n\r\n"));
        let head = out.split("\r\n\r\n").next().unwrap().to_ascii_lowercase();
        assert!(head.starts_with("http/1.1 200"), "{head}");
        assert!(
            head.contains(&format!("content-encoding: {coding}")),
            "{head}"
        );
    }
    let out = raw(
        server.addr,
        "HEAD /codes/404 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(out.starts_with("HTTP/1.1 200"), "{out}");
    assert!(out.ends_with("\r\n\r\n"), "HEAD has no body: {out}");
}

/// The attribute `name` of the first element matching `selector`.
fn first_attr(doc: &Html, selector: &str, name: &str) -> String {
    let el = doc
        .select(&sel(selector))
        .next()
        .unwrap_or_else(|| panic!("{selector} is on the page"));
    el.value()
        .attr(name)
        .unwrap_or_else(|| panic!("{selector} has {name}"))
        .to_string()
}

#[test]
fn assets_and_the_search_index_are_served() {
    let server = TestServer::start();
    let doc = html(get(&server, "/", &[]));
    let css = first_attr(&doc, "link[rel=stylesheet]", "href");
    let js = first_attr(&doc, "script[defer]", "src");
    let theme = first_attr(&doc, "script:not([defer])", "src");
    let index = first_attr(&doc, "form.search", "data-index");
    for (path, ct) in [
        (css.as_str(), "text/css; charset=utf-8"),
        (js.as_str(), "text/javascript; charset=utf-8"),
        (theme.as_str(), "text/javascript; charset=utf-8"),
        (index.as_str(), "application/json"),
        ("/favicon.svg", "image/svg+xml"),
    ] {
        let res = get(&server, path, &[]);
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.headers()[header::CONTENT_TYPE], ct, "{path}");
    }
    assert!(get(&server, &css, &[])
        .text()
        .unwrap()
        .contains("prefers-color-scheme: dark"));
    let v: Value = get(&server, &index, &[]).json().unwrap();
    let entries = v["entries"].as_array().unwrap();
    assert_eq!(entries.len(), httpstatus_codes::entries().len());
    let e429 = entries.iter().find(|e| e["id"] == "429").unwrap();
    assert_eq!(e429["p"], "Too Many Requests");
    assert_eq!(e429["u"], "/codes/429");
    assert!(has_thai(e429["t"][1].as_str().unwrap()) && has_thai(e429["s"][1].as_str().unwrap()));
    assert_eq!(get(&server, "/assets/nope.js", &[]).status(), 404);
}

#[test]
fn the_endpoint_index_lists_every_test_endpoint() {
    let server = TestServer::start();
    let doc = html(get(&server, "/endpoints", &[]));
    let rows: Vec<_> = doc.select(&sel("table.endpoints tbody tr")).collect();
    assert_eq!(rows.len(), httpstatus_server::ENDPOINTS.len());
    for (row, ep) in rows.iter().zip(httpstatus_server::ENDPOINTS) {
        assert_eq!(
            row.select(&sel("th code"))
                .next()
                .unwrap()
                .text()
                .collect::<String>(),
            ep.path
        );
        let a = row.select(&sel("a.try")).next().unwrap();
        assert_eq!(a.value().attr("href"), Some(ep.example));
        assert_eq!(a.value().attr("rel"), Some("nofollow"));
    }
}

/// Fails with the page's console errors, if any.
fn assert_no_console_errors(browser: &mut chromium::Browser) {
    let errors = browser.console_errors();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}

#[test]
fn in_chromium_search_as_you_type_switch_to_thai_and_open_a_code() {
    let server = TestServer::start();
    let Some(mut b) = chromium::Browser::launch() else {
        return;
    };
    b.viewport(1280, 900, false);
    b.dark(false);
    b.goto(&server.url("/"));
    assert_eq!(b.eval("document.documentElement.lang"), "en");

    // The first Tab reaches the skip link.
    b.press("Tab");
    assert_eq!(b.eval("document.activeElement.className"), "skip");

    // Type in the search box: results appear without submitting.
    b.eval("document.getElementById('q').focus()");
    b.type_text("too many");
    b.wait_for("!document.getElementById('instant').hidden && document.querySelectorAll('#instant a.hit').length > 0");
    let first = b.eval("document.querySelector('#instant a.hit').getAttribute('href')");
    assert_eq!(first, "/codes/429");
    // The instant search asks the API: the same count and the same order.
    let (api_total, api_ids) = api_search(&server, "too+many", 10);
    let shown = b.eval("document.querySelector('#instant .count').getAttribute('data-total')");
    assert_eq!(
        shown.as_str().unwrap(),
        api_total.to_string(),
        "instant count == API count"
    );
    let hrefs = b.eval("[...document.querySelectorAll('#instant a.hit')].map(a => a.getAttribute('href')).join(' ')");
    let expected: Vec<String> = api_ids
        .iter()
        .map(|id| page_of(httpstatus_codes::by_id(id).unwrap()))
        .collect();
    assert_eq!(
        hrefs.as_str().unwrap(),
        expected.join(" "),
        "instant order == API order"
    );
    // Arrow down chooses the first result, keyboard only; the focus stays in the box
    // (an ARIA combobox with aria-activedescendant).
    b.press("ArrowDown");
    assert_eq!(
        b.eval("document.getElementById(document.activeElement.getAttribute('aria-activedescendant')).getAttribute('href')"),
        "/codes/429"
    );
    b.screenshot("search-instant-en", false);

    // Thai words and codes work too.
    b.eval("var q = document.getElementById('q'); q.value = ''; q.focus()");
    b.type_text("ไม่พบ");
    b.wait_for("[...document.querySelectorAll('#instant a.hit')].some(a => a.getAttribute('href') === '/codes/404')");
    b.eval("var q = document.getElementById('q'); q.value = ''; q.focus()");
    b.type_text("403.14");
    b.wait_for("document.querySelector('#instant a.hit') && document.querySelector('#instant a.hit').getAttribute('href') === '/codes/403.14'");

    // Enter on an exact id opens its page, not the search page.
    b.expect_navigation();
    b.press("Enter");
    b.wait_for_load();
    assert_eq!(
        b.eval("location.pathname + location.search"),
        "/codes/403.14"
    );
    // A query that is not one id: Enter submits to the server-rendered search page.
    b.eval("var q = document.getElementById('q'); q.value = ''; q.focus()");
    b.type_text("forbidden");
    b.wait_for("document.querySelectorAll('#instant a.hit').length > 0");
    b.expect_navigation();
    b.press("Enter");
    b.wait_for_load();
    assert_eq!(
        b.eval("location.pathname + location.search"),
        "/search?q=forbidden"
    );
    assert_eq!(
        b.eval("document.querySelector('#results a.code').getAttribute('href')"),
        "/codes/403"
    );

    // Switch to Thai with the visible link; the choice sticks (cookie).
    b.goto(&server.url("/"));
    b.expect_navigation();
    b.eval("document.querySelector('nav.langs a[lang=th]').click()");
    b.wait_for_load();
    assert_eq!(b.eval("document.documentElement.lang"), "th");
    let intro = b.eval("document.querySelector('.hint').innerText");
    assert!(has_thai(intro.as_str().unwrap()), "{intro}");
    b.screenshot("home-th-light-desktop", false);

    b.goto(&server.url("/codes/403.14"));
    assert_eq!(
        b.eval("document.documentElement.lang"),
        "th",
        "the lang cookie keeps Thai"
    );
    assert_eq!(
        b.eval("document.querySelector('h1 .num').textContent"),
        "403.14"
    );
    let summary = b.eval("document.querySelector('.page-head .summary').innerText");
    assert!(has_thai(summary.as_str().unwrap()), "{summary}");
    // app.js filled in this server's address for the curl line.
    assert_eq!(
        b.eval("document.querySelector('#try .base').textContent"),
        server.url("")
    );
    b.screenshot("code-403.14-th-light-desktop", true);
    assert_no_console_errors(&mut b);
}

#[test]
fn in_chromium_light_dark_desktop_and_phone() {
    let server = TestServer::start();
    let Some(mut b) = chromium::Browser::launch() else {
        return;
    };
    let background = "getComputedStyle(document.body).backgroundColor";
    // Each view: (name, path, dark, phone width or 0, full page).
    let views = [
        ("home-en-light-desktop", "/?lang=en", false, 0, false),
        (
            "code-404-en-light-desktop",
            "/codes/404?lang=en",
            false,
            0,
            true,
        ),
        (
            "code-403.14-en-dark-desktop",
            "/codes/403.14?lang=en",
            true,
            0,
            true,
        ),
        ("home-th-dark-desktop", "/?lang=th", true, 0, false),
        (
            "code-nginx-499-th-dark-desktop",
            "/codes/nginx/499?lang=th",
            true,
            0,
            true,
        ),
        (
            "search-th-light-desktop",
            "/search?q=gateway&lang=th",
            false,
            0,
            false,
        ),
        (
            "endpoints-en-light-desktop",
            "/endpoints?lang=en",
            false,
            0,
            false,
        ),
        ("home-th-light-phone", "/?lang=th", false, 390, false),
        (
            "code-403.14-th-light-phone",
            "/codes/403.14?lang=th",
            false,
            390,
            true,
        ),
        ("home-en-dark-phone", "/?lang=en", true, 390, false),
        (
            "code-429-en-dark-phone",
            "/codes/429?lang=en",
            true,
            390,
            true,
        ),
        (
            "endpoints-th-dark-phone",
            "/endpoints?lang=th",
            true,
            390,
            false,
        ),
    ];
    let mut light_bg = None;
    let mut dark_bg = None;
    for (name, path, dark, phone, full) in views {
        if phone > 0 {
            b.viewport(phone, 844, true);
        } else {
            b.viewport(1280, 900, false);
        }
        b.dark(dark);
        b.goto(&server.url(path));
        let bg = b.eval(background).as_str().unwrap().to_string();
        if dark {
            assert_eq!(*dark_bg.get_or_insert_with(|| bg.clone()), bg, "{name}");
        } else {
            assert_eq!(*light_bg.get_or_insert_with(|| bg.clone()), bg, "{name}");
        }
        if phone > 0 {
            // Responsive: nothing wider than the phone's screen.
            let overflow = b.eval("document.documentElement.scrollWidth - window.innerWidth");
            assert_eq!(
                overflow.as_i64(),
                Some(0),
                "{name}: page wider than the screen"
            );
        }
        b.screenshot(name, full);
    }
    // Instant search on a phone, in Thai, in the dark: the results fit the screen.
    b.viewport(390, 844, true);
    b.dark(true);
    b.goto(&server.url("/?lang=th"));
    b.eval("document.getElementById('q').focus()");
    b.type_text("ไม่พบ");
    b.wait_for("document.querySelectorAll('#instant a.hit').length > 0");
    let right =
        b.eval("Math.ceil(document.getElementById('instant').getBoundingClientRect().right)");
    assert!(
        right.as_i64().unwrap() <= 390,
        "instant results within the screen: {right}"
    );
    b.screenshot("search-instant-th-dark-phone", false);

    assert_ne!(
        light_bg, dark_bg,
        "prefers-color-scheme: dark changes the colours"
    );
    // Dark is dark: the red, green and blue of the background are all low.
    let dark = dark_bg.unwrap();
    let channels: Vec<u32> = dark
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .map(|c| c.trim().parse().unwrap())
        .collect();
    assert!(channels.iter().all(|c| *c < 64), "{dark}");
    assert_no_console_errors(&mut b);
}

#[path = "guide.rs"]
mod guide;

/// Issue #12: the home page is an index to scan, not a wall of text. Heights are measured in
/// Chromium (`scrollHeight`) at a desktop and a phone width, in both languages; at 320 px
/// nothing scrolls sideways; the header's navigation fits one line at 1366 px; the search box
/// stays on screen at the bottom of the page (sticky header).
#[test]
fn in_chromium_the_home_page_is_compact_and_fits_narrow_screens() {
    let server = TestServer::start();
    let Some(mut b) = chromium::Browser::launch() else {
        return;
    };
    b.dark(false);
    for lang in ["en", "th"] {
        let home = server.url(&format!("/?lang={lang}"));
        // The page's height at a viewport `width` px wide, within `most`.
        let fits = |b: &mut chromium::Browser, width: u32, height: u32, mobile: bool, most: i64| {
            b.viewport(width, height, mobile);
            b.goto(&home);
            let tall = b
                .eval("document.documentElement.scrollHeight")
                .as_i64()
                .unwrap();
            eprintln!("home {lang} at {width}: {tall} px");
            assert!(
                tall <= most,
                "home ({lang}) at {width} px is {tall} px tall"
            );
        };
        fits(&mut b, 1366, 900, false, 5_000);
        let rows = b.eval(
            "new Set([...document.querySelectorAll('nav.sections li')].map(li => li.offsetTop)).size",
        );
        let widths = b.eval("[...document.querySelectorAll('nav.sections li')].map(li => Math.round(li.getBoundingClientRect().width)).join(',') + ' of ' + document.querySelector('nav.sections ul').clientWidth");
        assert_eq!(
            rows.as_i64(),
            Some(1),
            "{lang}: the section navigation wraps at 1366 px: {widths}"
        );
        // Every standard code is one line: its link is no taller than one line of text.
        let tall = b.eval(
            "[...document.querySelectorAll('#class-4xx ul.dense a')].filter(a => a.getBoundingClientRect().height > 40).length",
        );
        assert_eq!(
            tall.as_i64(),
            Some(0),
            "{lang}: a 4xx code takes more than one line"
        );

        fits(&mut b, 390, 844, true, 12_000);
        // At the bottom of the page the search box is still on screen.
        b.eval("window.scrollTo(0, document.documentElement.scrollHeight)");
        let top = b
            .eval("document.getElementById('q').getBoundingClientRect().top")
            .as_f64()
            .unwrap();
        assert!(
            (0.0..844.0).contains(&top),
            "{lang}: the search box scrolled away ({top})"
        );
        assert_eq!(
            b.eval("getComputedStyle(document.querySelector('.site-header')).position"),
            "sticky"
        );

        for path in [
            "/",
            "/codes/404",
            "/codes/403.14",
            "/endpoints",
            "/search?q=too+many",
        ] {
            b.viewport(320, 700, true);
            let sep = if path.contains('?') { '&' } else { '?' };
            b.goto(&server.url(&format!("{path}{sep}lang={lang}")));
            let width = b
                .eval("document.documentElement.scrollWidth")
                .as_i64()
                .unwrap();
            let wide = b.eval(
                "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 320.5).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')",
            );
            assert!(
                width <= 320,
                "{path} ({lang}) at 320 px is {width} px wide: {wide}"
            );
            let right = b
                .eval("document.querySelector('form.search button').getBoundingClientRect().right")
                .as_f64()
                .unwrap();
            assert!(
                right <= 320.0,
                "{path} ({lang}): the Search button is cut ({right})"
            );
        }
    }
    b.viewport(320, 700, true);
    b.goto(&server.url("/?lang=th"));
    b.screenshot("home-th-light-320", false);
    assert_no_console_errors(&mut b);
}

fn attr_of(doc: &Html, selector: &str, name: &str) -> Option<String> {
    doc.select(&sel(selector))
        .next()
        .and_then(|e| e.value().attr(name))
        .map(String::from)
}

/// Issue #12, code pages: Previous/Next stay within one kind (standard codes, the sub-statuses
/// of one parent, one vendor), in numeric order, as links in the head and in the pager.
#[test]
fn previous_and_next_stay_within_one_kind() {
    let server = TestServer::start();
    for (path, prev, next) in [
        ("/codes/404", Some("/codes/403"), Some("/codes/405")),
        (
            "/codes/403.14",
            Some("/codes/403.13"),
            Some("/codes/403.15"),
        ),
        ("/codes/403.1", None, Some("/codes/403.2")),
        ("/codes/nginx/499", Some("/codes/nginx/498"), None),
        ("/codes/esri/498", None, Some("/codes/esri/499")),
    ] {
        for lang in ["en", "th"] {
            let doc = html(get(&server, &format!("{path}?lang={lang}"), &[]));
            for (rel, want) in [("prev", prev), ("next", next)] {
                assert_eq!(
                    attr_of(&doc, &format!("head link[rel={rel}]"), "href").as_deref(),
                    want,
                    "{path} ({lang}): <link rel={rel}>"
                );
                assert_eq!(
                    attr_of(&doc, &format!("nav.pager a[rel={rel}]"), "href").as_deref(),
                    want,
                    "{path} ({lang}): pager {rel}"
                );
            }
        }
    }
}

/// Issue #12, code pages: a log-only code's semantics say "not applicable"; the sidebar of a
/// code with many sub-statuses is compact and repeats no link; one link per reference; the
/// example response can be scrolled with the keyboard; causes and fixes of 404.
#[test]
fn code_pages_say_what_applies_and_link_each_thing_once() {
    let server = TestServer::start();
    for (lang, na) in [("en", "not applicable"), ("th", "ไม่เกี่ยวข้อง")]
    {
        let doc = html(get(&server, &format!("/codes/nginx/499?lang={lang}"), &[]));
        let facts: Vec<String> = doc
            .select(&sel("#semantics dd"))
            .map(|d| d.text().collect::<String>())
            .collect();
        // Cacheable, Body, Headers: not applicable; Retry and "On the wire" still say something.
        assert_eq!(
            facts.iter().filter(|f| f.starts_with(na)).count(),
            3,
            "{lang}: {facts:?}"
        );
        let all = facts.join(" | ");
        for wrong in [
            "content may follow",
            "Cacheable: no",
            "only with explicit Cache-Control",
            "มีเนื้อหาตามมาได้",
        ] {
            assert!(!all.contains(wrong), "{lang}: {all}");
        }
        // An ordinary code keeps its semantics.
        let doc = html(get(&server, &format!("/codes/404?lang={lang}"), &[]));
        let facts = doc
            .select(&sel("#semantics dd"))
            .map(|d| d.text().collect::<String>())
            .collect::<Vec<_>>()
            .join(" | ");
        assert!(!facts.contains(na), "{lang}: {facts}");
    }

    let doc = html(get(&server, "/codes/404", &[]));
    // Sub-statuses: compact chips (numbers), and a link to the group on the home page.
    let subs = httpstatus_codes::sub_statuses(404);
    assert!(subs.len() > 10, "the data has many 404 sub-statuses");
    let chips: Vec<String> = doc
        .select(&sel("#substatus ul.chips a"))
        .map(|a| a.text().collect::<String>())
        .collect();
    assert_eq!(chips.len(), subs.len());
    assert!(
        chips.iter().all(|c| c.starts_with("404.") && c.len() <= 7),
        "{chips:?}"
    );
    assert_eq!(doc.select(&sel("#substatus ul.mini")).count(), 0);
    assert_eq!(
        attr_of(&doc, "#substatus p.more a", "href").as_deref(),
        Some("/#iis-404")
    );
    // No page is linked twice from the sidebar.
    let mut seen = HashSet::new();
    for a in doc.select(&sel("aside.side-col a[href^='/codes/']")) {
        let href = a.value().attr("href").unwrap();
        assert!(
            seen.insert(href),
            "/codes/404 links {href} twice in its sidebar"
        );
    }
    assert!(
        !has(&doc, "#related a[href='/codes/404.0']"),
        "404.0 is a sub-status chip, not a related code again"
    );
    // Causes and fixes by stack: the registry has them for 404.
    assert!(!httpstatus_codes::by_id("404")
        .unwrap()
        .troubleshooting()
        .is_empty());
    assert!(doc.select(&sel("#troubleshooting ul.tips > li")).count() >= 2);
    // The example response and the curl line can be reached and scrolled with the keyboard.
    for pre in doc.select(&sel("main pre")) {
        assert_eq!(pre.value().attr("tabindex"), Some("0"), "{:?}", pre.value());
        assert!(pre
            .value()
            .attr("aria-label")
            .is_some_and(|l| !l.is_empty()));
    }

    // 403.14 cites two articles: one item each, and only the one the URL is for is a link.
    let e = httpstatus_codes::by_id("403.14").unwrap();
    assert!(e.reference.label.contains("; "), "{}", e.reference.label);
    let doc = html(get(&server, "/codes/403.14", &[]));
    let items: Vec<String> = doc
        .select(&sel("#reference li"))
        .map(|l| l.text().collect::<String>())
        .collect();
    let kb: Vec<&String> = items.iter().filter(|i| i.contains("KB")).collect();
    assert_eq!(kb.len(), 2, "{items:?}");
    assert!(kb.iter().all(|i| i.matches("KB").count() == 1), "{items:?}");
    let links: Vec<_> = doc.select(&sel("#reference a.spec")).collect();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].value().attr("href"), Some(e.reference.url));
    assert_eq!(links[0].text().collect::<String>().matches("KB").count(), 1);

    // Named regions (sections labelled by their heading, scrolling blocks) have distinct names,
    // so landmark navigation can tell them apart.
    for path in [
        "/codes/404",
        "/codes/404?lang=th",
        "/endpoints",
        "/guide/not-signed-in",
        "/lint/rules/HS001",
    ] {
        let doc = html(get(&server, path, &[]));
        let mut names = HashSet::new();
        for el in doc.select(&sel("section[aria-labelledby], [role=region]")) {
            let name = match el.value().attr("aria-label") {
                Some(label) => label.to_string(),
                None => {
                    let id = el.value().attr("aria-labelledby").unwrap();
                    doc.select(&sel(&format!("#{id}")))
                        .next()
                        .unwrap()
                        .text()
                        .collect::<String>()
                }
            };
            assert!(
                names.insert(name.clone()),
                "{path}: two regions named {name:?}"
            );
        }
    }

    // Scrolling regions on /endpoints are focusable too.
    let doc = html(get(&server, "/endpoints", &[]));
    for el in doc.select(&sel("main pre, main .table-wrap")) {
        assert_eq!(el.value().attr("tabindex"), Some("0"));
        assert!(el.value().attr("aria-label").is_some());
    }
}

/// Issue #12, findable: canonical and hreflang links are absolute, on the public URL (by
/// default http://localhost:<port>, or `Config::public_url`).
#[test]
fn canonical_and_hreflang_links_are_absolute() {
    // No public URL: http://localhost:<the port it listens on>.
    let server = TestServer::with_config(httpstatus_server::Config::default());
    let origin = format!("http://localhost:{}", server.addr.port());
    // English lives at the plain path (also x-default), Thai at ?lang=th: each page's canonical
    // is its own URL, never another language's alternate.
    let check = |doc: &Html, origin: &str, path: &str, lang: &str| {
        let sep = if path.contains('?') { '&' } else { '?' };
        let own = if lang == "en" {
            format!("{origin}{path}")
        } else {
            format!("{origin}{path}{sep}lang={lang}")
        };
        assert_eq!(
            attr_of(doc, "link[rel=canonical]", "href"),
            Some(own),
            "{path} ({lang})"
        );
        for (hreflang, want) in [
            ("en", format!("{origin}{path}")),
            ("th", format!("{origin}{path}{sep}lang=th")),
            ("x-default", format!("{origin}{path}")),
        ] {
            assert_eq!(
                attr_of(
                    doc,
                    &format!("link[rel=alternate][hreflang='{hreflang}']"),
                    "href"
                ),
                Some(want),
                "{path} ({lang}) hreflang={hreflang}"
            );
        }
    };
    for path in [
        "/",
        "/codes/404",
        "/codes/nginx/499",
        "/classes/4xx",
        "/endpoints",
        "/guide",
        "/lint/rules",
    ] {
        for lang in ["en", "th"] {
            let doc = html(get(&server, &format!("{path}?lang={lang}"), &[]));
            check(&doc, &origin, path, lang);
        }
    }
    let doc = html(get(&server, "/search?q=too+many&lang=th", &[]));
    check(&doc, &origin, "/search?q=too%20many", "th");

    let server = TestServer::with_config(httpstatus_server::Config {
        public_url: Some("https://status.example.org:8443".into()),
        ..httpstatus_server::Config::default()
    });
    for path in ["/codes/403.14", "/guide", "/lint/rules"] {
        let doc = html(get(&server, &format!("{path}?lang=th"), &[]));
        check(&doc, "https://status.example.org:8443", path, "th");
    }
}

/// Issue #12: "1 result", not "1 results"; the plural for more.
#[test]
fn search_counts_are_singular_and_plural() {
    let server = TestServer::start();
    let one = httpstatus_codes::entries()
        .iter()
        .map(|e| e.phrase)
        .find(|q| httpstatus_codes::search(q).len() == 1)
        .expect("a phrase with exactly one result");
    let q = one.replace(' ', "+");
    assert_eq!(api_search(&server, &q, 10).0, 1, "{one}");
    let doc = html(get(&server, &format!("/search?q={q}"), &[]));
    let count = text_of(&doc, "#results-count");
    assert!(count.starts_with("1 result for"), "{count}");
    let doc = html(get(&server, "/search?q=too+many", &[]));
    let count = text_of(&doc, "#results-count");
    assert!(count.contains(" results for"), "{count}");
}

#[path = "webjs.rs"]
mod webjs;

/// Issue #12: a Windows code has a page of its own, in both languages, under one spelling; bad
/// and unknown codes get an HTML 400 and 404.
#[test]
fn windows_codes_have_pages() {
    let server = TestServer::start();
    let res = get(&server, "/windows/0x8007000d", &[]);
    assert_eq!(res.status().as_u16(), 308);
    assert_eq!(
        res.headers()[header::LOCATION].to_str().unwrap(),
        "/windows/hresult:0x8007000D"
    );
    let res = get(&server, "/windows/hresult:0x8007000D", &[]);
    assert_eq!(res.status().as_u16(), 200);
    let doc = html(res);
    let h1 = text_of(&doc, "h1");
    assert!(h1.contains("0x8007000D"), "{h1}");
    let body = doc.root_element().text().collect::<String>();
    assert!(
        body.contains("HRESULT_FROM_WIN32(ERROR_INVALID_DATA)"),
        "{body}"
    );
    assert!(
        has(&doc, "main a[href='/codes/500.19']"),
        "links the status it is seen with"
    );
    assert!(
        has(&doc, "main a[href='/windows/win32:13']"),
        "links the Win32 code inside"
    );
    assert_eq!(
        attr_of(&doc, "link[rel=canonical]", "href"),
        Some(format!("{TEST_PUBLIC_URL}/windows/hresult:0x8007000D"))
    );
    let th = html(get(&server, "/windows/win32:64?lang=th", &[]));
    assert_eq!(attr_of(&th, "html", "lang").as_deref(), Some("th"));
    assert!(text_of(&th, "h1").contains("Windows"));
    assert!(th
        .root_element()
        .text()
        .collect::<String>()
        .contains("ERROR_NETNAME_DELETED"));
    for (path, status) in [
        ("/windows/nonsense", 400),
        ("/windows/0x80041234", 404),
        (&*format!("/windows/{}", "9".repeat(60)), 400),
    ] {
        let res = get(&server, path, &[]);
        assert_eq!(res.status().as_u16(), status, "{path}");
        let doc = html(res);
        assert!(!text_of(&doc, "h1").is_empty(), "{path}");
    }
}
