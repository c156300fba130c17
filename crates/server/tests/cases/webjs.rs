//! What `app.js`, `theme.js` and the crawler files do, over a real socket and in headless
//! Chromium: `/robots.txt` and `/sitemap.xml` (parsed as XML, a sample of their URLs fetched),
//! `/search?q=<one id>` answering 303, and in the browser the answer in one keystroke (Enter on an
//! exact id, "/" to focus, `?q=` kept, Escape, counts that agree with `/search`, the combobox),
//! the copy buttons and the light/dark toggle.

use std::time::Duration;

use httpstatus_server::Config;
use reqwest::header;
use serde_json::Value;

use super::{assert_no_console_errors, chromium, get, html, page_of, raw, sel};
use crate::TestServer;

const ORIGIN: &str = "https://status.example.test";

fn public_server() -> TestServer {
    TestServer::with_config(Config {
        max_delay: Duration::from_secs(3),
        public_url: Some(format!("{ORIGIN}/")),
        ..Config::default()
    })
}

#[test]
fn robots_txt_allows_the_pages_and_names_the_sitemap() {
    let server = public_server();
    let res = get(&server, "/robots.txt", &[]);
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()[header::CONTENT_TYPE],
        "text/plain; charset=utf-8"
    );
    assert!(res.headers().contains_key(header::ETAG));
    let text = res.text().unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for line in [
        "User-agent: *",
        "Allow: /",
        "Disallow: /status/",
        "Disallow: /delay/",
        "Disallow: /anything",
        "Disallow: /deny",
        "Disallow: /api/",
        "Disallow: /5",
        "Sitemap: https://status.example.test/sitemap.xml",
    ] {
        assert!(lines.contains(&line), "{line:?} in\n{text}");
    }
    // No rule keeps a crawler out of a reference page.
    let rules: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("Disallow: "))
        .collect();
    for page in [
        "/",
        "/classes/4xx",
        "/codes/404",
        "/codes/nginx/499",
        "/endpoints",
        "/guide",
        "/lint/rules",
    ] {
        assert!(
            !rules.iter().any(|r| page.starts_with(r)),
            "{page} is disallowed"
        );
    }

    // Without a public URL the origin is this host's port on localhost.
    let local = TestServer::start();
    let text = get(&local, "/robots.txt", &[]).text().unwrap();
    assert!(
        text.lines()
            .any(|l| l == "Sitemap: http://localhost:8080/sitemap.xml"),
        "{text}"
    );
}

#[test]
fn the_sitemap_lists_every_page_in_both_languages_and_its_urls_answer() {
    let server = public_server();
    let res = get(&server, "/sitemap.xml", &[("Accept-Encoding", "identity")]);
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/xml");
    let etag = res.headers()[header::ETAG].to_str().unwrap().to_string();
    let body = res.text().unwrap();
    let doc = roxmltree::Document::parse(&body).expect("well-formed XML");
    let sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let xhtml = "http://www.w3.org/1999/xhtml";
    let urlset = doc.root_element();
    assert!(urlset.has_tag_name((sm, "urlset")));

    let pages = 1
        + 5
        + httpstatus_codes::entries().len()
        + 1
        + 1
        + httpstatus_codes::guide::situations().len()
        + 1
        + httpstatus_lint::RULES.len();
    let urls: Vec<_> = urlset
        .children()
        .filter(|n| n.has_tag_name((sm, "url")))
        .collect();
    assert_eq!(urls.len(), pages * 2, "every page in English and Thai");

    let mut locs = Vec::new();
    for url in &urls {
        let loc = url
            .children()
            .find(|n| n.has_tag_name((sm, "loc")))
            .and_then(|n| n.text())
            .unwrap()
            .to_string();
        assert!(loc.starts_with(ORIGIN), "absolute: {loc}");
        let alternates: Vec<(String, String)> = url
            .children()
            .filter(|n| n.has_tag_name((xhtml, "link")))
            .map(|n| {
                assert_eq!(n.attribute("rel"), Some("alternate"));
                (
                    n.attribute("hreflang").unwrap().to_string(),
                    n.attribute("href").unwrap().to_string(),
                )
            })
            .collect();
        let langs: Vec<&str> = alternates.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(langs, ["en", "th", "x-default"], "{loc}");
        assert!(
            alternates.iter().any(|(_, href)| *href == loc),
            "{loc} is one of its alternates"
        );
        assert!(alternates.iter().all(|(_, h)| h.starts_with(ORIGIN)));
        locs.push(loc);
    }
    let unique: std::collections::HashSet<&String> = locs.iter().collect();
    assert_eq!(unique.len(), locs.len(), "no page twice");
    for e in httpstatus_codes::entries() {
        for lang in ["en", "th"] {
            let want = format!("{ORIGIN}{}?lang={lang}", page_of(e));
            assert!(unique.contains(&want), "{want}");
        }
    }

    // A sample answers 200 with a page in the language asked for: every page that is not a
    // code's, and every 40th code page.
    let codes = format!("{ORIGIN}/codes/");
    let sample = locs.iter().enumerate().filter(|(i, loc)| {
        !loc.starts_with(&codes) || (i / 2) % 40 == 0 || loc.contains("nginx/499")
    });
    let mut fetched = 0;
    for (_, loc) in sample {
        let path = loc.strip_prefix(ORIGIN).unwrap();
        let res = get(&server, path, &[]);
        assert_eq!(res.status(), 200, "{path}");
        let lang = if path.ends_with("lang=th") {
            "th"
        } else {
            "en"
        };
        let doc = html(res);
        let html_lang = doc
            .select(&sel("html"))
            .next()
            .and_then(|h| h.value().attr("lang"))
            .unwrap_or("")
            .to_string();
        assert_eq!(html_lang, lang, "{path}");
        fetched += 1;
    }
    assert!(fetched > 60, "a real sample: {fetched}");

    // Served like the other assets: compressed on request, revalidated with its ETag.
    let out = raw(
        server.addr,
        "GET /sitemap.xml HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n",
    );
    let head = out.split("\r\n\r\n").next().unwrap().to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("content-encoding: gzip"), "{head}");
    let again = get(
        &server,
        "/sitemap.xml",
        &[("Accept-Encoding", "identity"), ("If-None-Match", &etag)],
    );
    assert_eq!(again.status(), 304);
}

#[test]
fn a_search_that_names_one_code_redirects_to_its_page() {
    let server = TestServer::start();
    for (q, to) in [
        ("403.14", "/codes/403.14"),
        ("404", "/codes/404"),
        ("nginx:499", "/codes/nginx/499"),
        ("nginx+499", "/codes/nginx/499"),
        ("%20429%20", "/codes/429"),
        ("404&lang=th", "/codes/404?lang=th"),
        ("0x8007000d", "/windows/hresult:0x8007000D"),
    ] {
        let res = get(&server, &format!("/search?q={q}"), &[]);
        assert_eq!(res.status(), 303, "{q}");
        assert_eq!(res.headers()[header::LOCATION], to, "{q}");
        let page = get(&server, to, &[]);
        assert_eq!(page.status(), 200, "{to}");
    }
    // Several meanings, a class, words: the search page.
    for q in ["499", "4xx", "too+many", "0x80041234"] {
        let res = get(&server, &format!("/search?q={q}"), &[]);
        assert_eq!(res.status(), 200, "{q}");
    }
}

/// The total the server-rendered search page gives for `q` (URL-encoded).
fn search_total(server: &TestServer, q: &str) -> String {
    let doc = html(get(server, &format!("/search?q={q}"), &[]));
    doc.select(&sel("#results-count"))
        .next()
        .and_then(|c| c.value().attr("data-total"))
        .unwrap()
        .to_string()
}

/// The page's cumulative layout shift so far (what app.js adds must move nothing).
const LAYOUT_SHIFT: &str = "new Promise(done => { let sum = 0; new PerformanceObserver(list => { \
     for (const e of list.getEntries()) { if (!e.hadRecentInput) sum += e.value; } }) \
     .observe({ type: 'layout-shift', buffered: true }); setTimeout(() => done(sum), 300); })";

/// Types `text` in one input event (typing it key by key shows the results of its beginnings
/// first, and a test could read those).
fn insert(b: &mut chromium::Browser, text: &str) {
    b.call("Input.insertText", serde_json::json!({ "text": text }));
}

#[test]
fn in_chromium_the_answer_in_one_keystroke() {
    let server = TestServer::start();
    let Some(mut b) = chromium::Browser::launch() else {
        return;
    };
    b.viewport(1280, 900, false);
    b.dark(false);
    b.goto(&server.url("/?lang=en"));

    // "/" focuses the search box (and types nothing).
    assert_ne!(b.eval("document.activeElement.id"), "q");
    b.press("/");
    assert_eq!(b.eval("document.activeElement.id"), "q");
    assert_eq!(b.eval("document.getElementById('q').value"), "");
    // In a text field "/" is just a character.
    b.press("/");
    assert_eq!(b.eval("document.getElementById('q').value"), "/");
    b.eval(
        "var q = document.getElementById('q'); q.value = ''; q.dispatchEvent(new Event('input'))",
    );

    // The combobox and its live region.
    assert_eq!(
        b.eval("document.getElementById('q').getAttribute('role')"),
        "combobox"
    );
    assert_eq!(
        b.eval("document.getElementById('q').getAttribute('aria-expanded')"),
        "false"
    );
    let history = b.eval("history.length");
    insert(&mut b, "too many");
    b.wait_for("document.querySelectorAll('#instant [role=option]').length > 0");
    assert_eq!(
        b.eval("document.getElementById('q').getAttribute('aria-expanded')"),
        "true"
    );
    // The query is in the address, without a history entry per keystroke.
    assert_eq!(
        b.eval("new URL(location.href).searchParams.get('q')"),
        "too many"
    );
    assert_eq!(
        b.eval("new URL(location.href).searchParams.get('lang')"),
        "en"
    );
    assert_eq!(b.eval("history.length"), history);

    // Instant and full search agree: 10 shown of the same total as /search, with a link to all.
    let total = search_total(&server, "too+many");
    assert!(total.parse::<u32>().unwrap() > 10, "more than fit: {total}");
    assert_eq!(
        b.eval("document.querySelector('#instant .count').getAttribute('data-total')"),
        total.as_str()
    );
    assert_eq!(
        b.eval("document.querySelector('#instant .count').getAttribute('data-shown')"),
        "10"
    );
    let text = b.eval("document.querySelector('#instant .count').textContent");
    assert_eq!(text, format!("Showing 10 of {total} matches"));
    assert_eq!(
        b.eval("document.getElementById('instant-status').textContent"),
        text
    );
    assert_eq!(
        b.eval("document.querySelector('#instant a.more').getAttribute('href')"),
        "/search?q=too%20many"
    );
    assert_eq!(
        b.eval("document.querySelector('#instant a.more').textContent"),
        format!("See all {total} results")
    );

    // Arrow keys move through the options; the focus stays in the box.
    b.press("ArrowDown");
    b.press("ArrowDown");
    assert_eq!(
        b.eval("document.getElementById('q').getAttribute('aria-activedescendant')"),
        "instant-opt-1"
    );
    assert_eq!(
        b.eval("document.querySelectorAll('#instant [aria-selected=true]').length"),
        1
    );
    b.press("ArrowUp");
    assert_eq!(
        b.eval("document.getElementById('q').getAttribute('aria-activedescendant')"),
        "instant-opt-0"
    );
    assert_eq!(b.eval("document.activeElement.id"), "q");

    // Escape closes the list and keeps the text; a second Escape clears it.
    b.press("Escape");
    assert_eq!(b.eval("document.getElementById('instant').hidden"), true);
    assert_eq!(
        b.eval("document.getElementById('q').getAttribute('aria-expanded')"),
        "false"
    );
    assert_eq!(b.eval("document.getElementById('q').value"), "too many");
    assert_eq!(
        b.eval("document.getElementById('q').hasAttribute('aria-activedescendant')"),
        false
    );
    b.press("Escape");
    assert_eq!(b.eval("document.getElementById('q').value"), "");
    assert_eq!(
        b.eval("new URL(location.href).searchParams.get('q')"),
        Value::Null
    );

    // One result: singular; a few: all shown, plural.
    b.type_text("teapot");
    assert_eq!(httpstatus_codes::search("teapot").len(), 1);
    // (Wait for the last keystroke's answer, not an earlier one's.)
    b.wait_for("document.querySelectorAll('#instant [role=option]').length === 1");
    assert_eq!(
        b.eval("document.querySelector('#instant .count').textContent"),
        "1 match"
    );
    b.eval("var q = document.getElementById('q'); q.value = ''; q.focus()");
    b.type_text("nginx 499");
    let five = httpstatus_codes::search("nginx 499").len();
    b.wait_for(&format!(
        "document.querySelectorAll('#instant [role=option]').length === {five}"
    ));
    assert_eq!(
        b.eval("document.querySelector('#instant .count').textContent"),
        format!("{five} matches")
    );
    // Enter on an exact id with a namespace and a space lands on its page.
    b.expect_navigation();
    b.press("Enter");
    b.wait_for_load();
    assert_eq!(b.eval("location.pathname"), "/codes/nginx/499");

    // The same from a Thai page, before the instant results are even asked for: the form
    // submits, and the server's 303 lands on the page.
    b.goto(&server.url("/?lang=th"));
    b.eval("var q = document.getElementById('q'); q.value = '403.14'; q.focus()");
    b.expect_navigation();
    b.press("Enter");
    b.wait_for_load();
    assert_eq!(b.eval("location.pathname"), "/codes/403.14");
    assert_eq!(b.eval("document.documentElement.lang"), "th");
    // A Windows code: its own page, under its canonical spelling.
    b.eval("var q = document.getElementById('q'); q.value = '0x8007000d'; q.focus()");
    b.expect_navigation();
    b.press("Enter");
    b.wait_for_load();
    assert_eq!(b.eval("location.pathname"), "/windows/hresult:0x8007000D");

    // Thai counts have no plural form.
    b.goto(&server.url("/?lang=th"));
    b.eval("document.getElementById('q').focus()");
    insert(&mut b, "too many");
    b.wait_for("document.querySelector('#instant .count')");
    assert_eq!(
        b.eval("document.querySelector('#instant .count').textContent"),
        format!("แสดง 10 จาก {total} รายการ")
    );

    // A link with ?q= fills the box.
    b.goto(&server.url("/?q=gateway"));
    assert_eq!(b.eval("document.getElementById('q').value"), "gateway");
    assert_no_console_errors(&mut b);
}

#[test]
fn in_chromium_code_blocks_have_a_copy_button() {
    let server = TestServer::start();
    let Some(mut b) = chromium::Browser::launch() else {
        return;
    };
    b.viewport(1280, 900, false);
    b.dark(false);
    let origin = server.url("");
    b.browser_call(
        "Browser.grantPermissions",
        serde_json::json!({
            "origin": origin,
            "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
        }),
    );
    b.call(
        "Emulation.setFocusEmulationEnabled",
        serde_json::json!({ "enabled": true }),
    );
    b.goto(&server.url("/codes/404?lang=en"));
    let blocks = b.eval("document.querySelectorAll('pre > code').length");
    assert!(blocks.as_u64().unwrap() >= 2, "example response and curl");
    assert_eq!(
        b.eval("document.querySelectorAll('.copyable > button.copy').length"),
        blocks
    );
    assert_eq!(
        b.eval("[...document.querySelectorAll('button.copy')].every(x => x.type === 'button' && x.textContent === 'Copy')"),
        true
    );
    // Over the block's corner: adding it moved nothing.
    assert_eq!(
        b.eval("getComputedStyle(document.querySelector('button.copy')).position"),
        "absolute"
    );
    let shift = b.eval(LAYOUT_SHIFT);
    assert!(shift.as_f64().unwrap() < 0.01, "layout shift {shift}");

    // The curl block: what is copied is what is shown, with this server's address.
    let expected = b.eval("document.querySelector('pre.curl code').textContent");
    assert!(expected.as_str().unwrap().contains(&origin), "{expected}");
    b.eval("document.querySelector('pre.curl').parentNode.querySelector('button.copy').click()");
    b.wait_for("document.querySelector('pre.curl').parentNode.querySelector('button.copy').textContent === 'Copied'");
    assert_eq!(
        b.eval("document.getElementById('js-status').textContent || new Promise(r => setTimeout(() => r(document.getElementById('js-status').textContent), 200))"),
        "Copied"
    );
    assert_eq!(b.eval("navigator.clipboard.readText()"), expected);
    b.screenshot("code-404-en-copied", false);

    // In Thai, the button speaks Thai.
    b.goto(&server.url("/codes/404?lang=th"));
    assert_eq!(
        b.eval("document.querySelector('button.copy').textContent"),
        "คัดลอก"
    );
    assert_no_console_errors(&mut b);
}

#[test]
fn in_chromium_the_theme_toggle_starts_from_the_system_and_is_remembered() {
    let server = TestServer::start();
    let Some(mut b) = chromium::Browser::launch() else {
        return;
    };
    let bg = "getComputedStyle(document.body).backgroundColor";
    let toggle = "document.querySelector('.site-header button.theme-toggle')";
    b.viewport(1280, 900, false);

    // Starts from the system: dark.
    b.dark(true);
    b.goto(&server.url("/?lang=en"));
    b.eval("localStorage.clear()");
    b.goto(&server.url("/?lang=en"));
    let dark_bg = b.eval(bg);
    assert_eq!(
        b.eval(&format!("{toggle}.getAttribute('aria-pressed')")),
        "true"
    );
    assert_eq!(
        b.eval(&format!("{toggle}.getAttribute('aria-label')")),
        "Dark theme"
    );
    assert_eq!(
        b.eval("document.documentElement.hasAttribute('data-theme')"),
        false
    );

    // Switched to light: remembered across a reload, though the system says dark.
    b.eval(&format!("{toggle}.click()"));
    assert_eq!(b.eval("document.documentElement.dataset.theme"), "light");
    assert_eq!(
        b.eval(&format!("{toggle}.getAttribute('aria-pressed')")),
        "false"
    );
    let light_bg = b.eval(bg);
    assert_ne!(light_bg, dark_bg);
    b.goto(&server.url("/codes/404?lang=en"));
    // Only theme.js (in <head>, before paint) reads the choice.
    assert_eq!(b.eval("document.documentElement.dataset.theme"), "light");
    assert_eq!(b.eval(bg), light_bg);
    assert_eq!(
        b.eval(&format!("{toggle}.getAttribute('aria-pressed')")),
        "false"
    );

    // Starts from the system: light; switched to dark and remembered.
    b.dark(false);
    b.eval("localStorage.clear()");
    b.goto(&server.url("/?lang=th"));
    assert_eq!(b.eval(bg), light_bg);
    assert_eq!(
        b.eval(&format!("{toggle}.getAttribute('aria-pressed')")),
        "false"
    );
    assert_eq!(
        b.eval(&format!("{toggle}.getAttribute('aria-label')")),
        "โหมดมืด"
    );
    b.eval(&format!("{toggle}.click()"));
    assert_eq!(b.eval(bg), dark_bg);
    b.goto(&server.url("/?lang=th"));
    assert_eq!(b.eval("document.documentElement.dataset.theme"), "dark");
    assert_eq!(b.eval(bg), dark_bg);
    assert_eq!(
        b.eval(&format!("{toggle}.getAttribute('aria-pressed')")),
        "true"
    );
    b.screenshot("home-th-dark-by-toggle-desktop", false);

    // The toggle fits a phone's header, and its room was kept from the first paint: adding it
    // moved nothing, and the header is as tall as without it.
    for width in [390, 320] {
        b.viewport(width, 844, true);
        b.goto(&server.url("/?lang=th"));
        let overflow = b.eval("document.documentElement.scrollWidth - window.innerWidth");
        assert_eq!(
            overflow.as_i64(),
            Some(0),
            "{width}: page wider than the screen"
        );
        let right = b.eval(&format!(
            "Math.ceil({toggle}.getBoundingClientRect().right)"
        ));
        assert!(
            right.as_i64().unwrap() <= i64::from(width),
            "{width}: {right}"
        );
        let shift = b.eval(LAYOUT_SHIFT);
        assert!(
            shift.as_f64().unwrap() < 0.001,
            "{width}: layout shift {shift}"
        );
        let with = b.eval("document.querySelector('.bar').getBoundingClientRect().height");
        let without = b.eval(&format!(
            "{toggle}.remove(); document.querySelector('.bar').classList.remove('has-toggle'); \
             document.querySelector('.bar').getBoundingClientRect().height"
        ));
        assert_eq!(with, without, "{width}: the header's height");
    }
    assert_no_console_errors(&mut b);
}
