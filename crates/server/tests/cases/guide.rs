//! The API designer's guide over a real socket: `/guide` and `/guide/{id}` in both languages
//! (parsed with an HTML parser and held to the same rules as every page), the JSON under
//! `/api/v1/guide` against `schema/guide.schema.json` and the OpenAPI document, unknown ids, and
//! the filter box in headless Chromium.

use httpstatus_codes::guide;
use reqwest::header;
use serde_json::Value;

use super::{assert_no_console_errors, check_page, chromium, get, has_thai, html, sel};
use crate::TestServer;

#[test]
fn the_guide_pages_work_without_javascript_in_both_languages() {
    let server = TestServer::start();
    for lang in ["en", "th"] {
        let path = format!("/guide?lang={lang}");
        let doc = html(get(&server, &path, &[]));
        let links = check_page(&path, &doc, lang);
        // Every situation is linked, and every question of the tree is an anchor on the page.
        for s in guide::situations() {
            let target = format!("/guide/{}", s.id);
            assert!(links.iter().any(|(h, _)| *h == target), "{path}: {target}");
        }
        for n in guide::nodes() {
            assert_eq!(
                doc.select(&sel(&format!("section#q-{}", n.id))).count(),
                1,
                "{}",
                n.id
            );
        }
        // The filter box is hidden until the script shows it.
        let filter = doc.select(&sel("p.guide-filter")).next().unwrap();
        assert!(filter.value().attr("hidden").is_some());
        let h1: String = doc.select(&sel("h1")).next().unwrap().text().collect();
        assert_eq!(has_thai(&h1), lang == "th", "{h1}");
        // The header links here and marks it current.
        let nav = doc
            .select(&sel("nav.sections a[href='/guide']"))
            .next()
            .unwrap();
        assert_eq!(nav.value().attr("aria-current"), Some("page"));

        for s in guide::situations() {
            let path = format!("/guide/{}?lang={lang}", s.id);
            let doc = html(get(&server, &path, &[]));
            check_page(&path, &doc, lang);
            let main: String = doc.select(&sel("main")).next().unwrap().text().collect();
            assert!(main.contains(s.title.get(if lang == "th" {
                httpstatus_codes::Lang::Th
            } else {
                httpstatus_codes::Lang::En
            })));
            for c in s.choices {
                let link = format!("#return a[href='/codes/{}']", c.code);
                assert_eq!(doc.select(&sel(&link)).count(), 1, "{path}: {link}");
            }
            for h in s.headers {
                assert!(main.contains(h.name), "{path}: header {}", h.name);
            }
            // The example is a whole response: status line, problem+json, then the body.
            match s.example {
                Some(example) => {
                    let pre: String = doc
                        .select(&sel("#example pre"))
                        .next()
                        .unwrap()
                        .text()
                        .collect();
                    assert!(pre.starts_with("HTTP/1.1 "), "{pre}");
                    assert!(pre.contains("Content-Type: application/problem+json"));
                    let body = pre.split_once("\n\n").unwrap().1;
                    let v: Value = serde_json::from_str(body).unwrap();
                    assert_eq!(v, serde_json::from_str::<Value>(example).unwrap());
                }
                None => assert_eq!(doc.select(&sel("#example")).count(), 0, "{path}"),
            }
        }
    }
}

#[test]
fn guide_pages_revalidate_and_unknown_ids_help() {
    let server = TestServer::start();
    let res = get(&server, "/guide/rate-limited", &[]);
    assert_eq!(res.status(), 200);
    let etag = res.headers()[header::ETAG].to_str().unwrap().to_string();
    let again = get(&server, "/guide/rate-limited", &[("if-none-match", &etag)]);
    assert_eq!(again.status(), 304);

    let res = get(&server, "/guide/rate-limitted", &[]);
    assert_eq!(res.status(), 404);
    let doc = html(res);
    check_page("/guide/rate-limitted", &doc, "en");
    assert_eq!(
        doc.select(&sel("main a[href='/guide/rate-limited']"))
            .count(),
        1
    );

    // Markup in the id is escaped, never echoed.
    let res = get(&server, "/guide/%3Cscript%3Ex", &[]);
    assert_eq!(res.status(), 404);
    let text = res.text().unwrap();
    assert!(!text.contains("<script>x"), "escaped");

    let res = get(&server, "/guide/Rate-Limited?lang=th", &[]);
    assert_eq!(res.status(), 308);
    assert_eq!(
        res.headers()[header::LOCATION],
        "/guide/rate-limited?lang=th"
    );
    let res = get(&server, "/guide/", &[]);
    assert_eq!(res.status(), 308);
    assert_eq!(res.headers()[header::LOCATION], "/guide");
}

fn guide_schema() -> (boon::Schemas, boon::SchemaIndex) {
    let schema: Value =
        serde_json::from_str(include_str!("../../../../schema/guide.schema.json")).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("guide.schema.json", schema).unwrap();
    let index = compiler.compile("guide.schema.json", &mut schemas).unwrap();
    (schemas, index)
}

#[test]
fn the_guide_api_matches_its_schema_and_the_openapi_document() {
    let server = TestServer::start();
    let (schemas, index) = guide_schema();
    let res = get(&server, "/api/v1/guide", &[]);
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/json");
    let all: Value = res.json().unwrap();
    schemas
        .validate(&all, index)
        .unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(
        all["situations"].as_array().unwrap().len(),
        guide::situations().len()
    );
    assert_eq!(all["nodes"][0]["id"], "start");

    for s in guide::situations() {
        let one: Value = get(&server, &format!("/api/v1/guide/{}", s.id), &[])
            .json()
            .unwrap();
        schemas
            .validate(&one, index)
            .unwrap_or_else(|e| panic!("{}: {e:#}", s.id));
        assert_eq!(one, serde_json::to_value(s).unwrap());
        assert_eq!(one["choices"][0]["code"], s.choices[0].code);
    }

    let res = get(&server, "/api/v1/guide/quota-exausted", &[]);
    assert_eq!(res.status(), 404);
    let err: Value = res.json().unwrap();
    let message = err["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("did you mean quota-exhausted"),
        "{message}"
    );

    let doc: Value = get(&server, "/api/v1/openapi.json", &[]).json().unwrap();
    assert!(doc["paths"]["/api/v1/guide"]["get"].is_object());
    assert!(doc["paths"]["/api/v1/guide/{id}"]["get"]["responses"]["404"].is_object());
    let situation = &doc["components"]["schemas"]["GuideSituation"];
    assert!(situation["required"]
        .as_array()
        .unwrap()
        .contains(&Value::from("choices")));
    // Every reference in the document resolves.
    let text = doc.to_string();
    for part in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = part.split('"').next().unwrap();
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "dangling $ref {name}"
        );
    }
    let index: Value = get(&server, "/api/v1", &[]).json().unwrap();
    assert_eq!(index["guide"], "/api/v1/guide");
}

#[test]
fn in_chromium_the_guide_filter_and_the_questions() {
    let server = TestServer::start();
    let Some(mut b) = chromium::Browser::launch() else {
        return;
    };
    b.viewport(1280, 900, false);
    b.dark(false);
    b.goto(&server.url("/guide?lang=en"));
    // The script shows the filter box; typing a code keeps only the situations that use it.
    assert_eq!(
        b.eval("document.querySelector('p.guide-filter').hidden"),
        false
    );
    b.eval("document.getElementById('guide-filter').focus()");
    b.type_text("429");
    let expected = guide::for_code(429).count();
    b.wait_for(&format!(
        "document.querySelectorAll('#guide-list li:not([hidden])').length === {expected}"
    ));
    b.eval("var f = document.getElementById('guide-filter'); f.value = ''; f.focus()");
    b.type_text("zzzz");
    b.wait_for("!document.querySelector('.guide-none').hidden");
    // The questions are plain links: the first answer leads to the next question.
    b.eval("document.querySelector('#q-start a').click()");
    b.wait_for("location.hash === '#q-success'");
    b.screenshot("guide-en-light-desktop", false);

    b.viewport(390, 844, true);
    b.dark(true);
    b.goto(&server.url("/guide/partial-content?lang=th"));
    let overflow = b.eval("document.documentElement.scrollWidth - window.innerWidth");
    assert_eq!(overflow.as_i64(), Some(0), "page wider than the screen");
    b.screenshot("guide-partial-content-th-dark-phone", true);
    assert_no_console_errors(&mut b);
}
