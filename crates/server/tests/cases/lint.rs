//! The lint rule pages over a real socket: the index links every rule, a rule page cites its RFC
//! section in both languages, names redirect to ids, unknown ids are a 404 page.

use reqwest::header;
use scraper::{Html, Selector};

use super::{client, TestServer};

fn page(server: &TestServer, path: &str) -> (u16, Html, reqwest::header::HeaderMap) {
    let res = client().get(server.url(path)).send().unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (status, Html::parse_document(&res.text().unwrap()), headers)
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

#[test]
fn index_links_every_rule() {
    let server = TestServer::start();
    let (status, doc, headers) = page(&server, "/lint/rules");
    assert_eq!(status, 200);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY));
    let links: Vec<String> = doc
        .select(&sel("table a[href^='/lint/rules/']"))
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    for rule in httpstatus_lint::RULES {
        let href = format!("/lint/rules/{}", rule.id);
        assert!(links.contains(&href), "index does not link {href}");
        // Every linked page answers.
        assert_eq!(
            client().get(server.url(&href)).send().unwrap().status(),
            200,
            "{href}"
        );
    }
    let h1: String = doc.select(&sel("h1")).next().unwrap().text().collect();
    assert_eq!(h1, "Lint rules");
}

#[test]
fn rule_page_in_both_languages() {
    let server = TestServer::start();
    let (status, doc, _) = page(&server, "/lint/rules/HS009");
    assert_eq!(status, 200);
    let text: String = doc.select(&sel("main")).next().unwrap().text().collect();
    assert!(text.contains("WWW-Authenticate"), "{text}");
    assert!(text.contains("x-httpstatus-ignore: [HS009]"));
    let rfc = doc
        .select(&sel(
            "a[href^='https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2']",
        ))
        .next();
    assert!(rfc.is_some(), "links RFC 9110 §15.5.2");

    let (status, doc, headers) = page(&server, "/lint/rules/HS009?lang=th");
    assert_eq!(status, 200);
    assert!(headers.contains_key(header::SET_COOKIE));
    let html = doc.select(&sel("html")).next().unwrap();
    assert_eq!(html.value().attr("lang"), Some("th"));
    let text: String = doc.select(&sel("main")).next().unwrap().text().collect();
    assert!(text.contains("ต้องมี challenge"), "{text}");
    assert!(text.contains("RFC 9110 §15.5.2"));
}

#[test]
fn names_redirect_and_unknown_rules_are_404() {
    let server = TestServer::start();
    let res = client()
        .get(server.url("/lint/rules/content-forbidden?lang=th"))
        .send()
        .unwrap();
    assert_eq!(res.status(), 308);
    assert_eq!(res.headers()[header::LOCATION], "/lint/rules/HS005?lang=th");
    let res = client()
        .get(server.url("/lint/rules/hs005"))
        .send()
        .unwrap();
    assert_eq!(res.headers()[header::LOCATION], "/lint/rules/HS005");
    let (status, doc, _) = page(&server, "/lint/rules/HS999");
    assert_eq!(status, 404);
    let text: String = doc.select(&sel("main")).next().unwrap().text().collect();
    assert!(text.contains("No such lint rule") && text.contains("HS999"));
    let (status, _, _) = page(&server, "/lint/rules/%3Cscript%3E");
    assert_eq!(status, 404);
    let res = client().get(server.url("/lint")).send().unwrap();
    assert_eq!(res.headers()[header::LOCATION], "/lint/rules");
}
