//! The JSON API and its OpenAPI document, checked against real responses.

use reqwest::header;
use serde_json::Value;

use super::{client, TestServer};

struct OpenApi {
    schemas: boon::Schemas,
    doc: Value,
    compiler_doc: Value,
}

impl OpenApi {
    fn fetch(server: &TestServer) -> OpenApi {
        let doc: Value = client()
            .get(server.url("/api/v1/openapi.json"))
            .send()
            .unwrap()
            .json()
            .unwrap();
        assert_eq!(doc["openapi"], "3.1.0");
        OpenApi {
            schemas: boon::Schemas::new(),
            compiler_doc: doc.clone(),
            doc,
        }
    }

    /// Validates `value` against the schema of `path` / `status` in the served document.
    fn check(&mut self, path: &str, status: u16, value: &Value) {
        let op = &self.doc["paths"][path]["get"];
        assert!(op.is_object(), "{path} is documented");
        let response = &op["responses"][status.to_string()];
        assert!(response.is_object(), "{path} documents {status}");
        let pointer = format!(
            "openapi.json#/paths/{}/get/responses/{status}/content/application~1json/schema",
            path.replace('~', "~0").replace('/', "~1")
        );
        let mut compiler = boon::Compiler::new();
        compiler
            .add_resource("openapi.json", self.compiler_doc.clone())
            .unwrap();
        let index = compiler.compile(&pointer, &mut self.schemas).unwrap();
        if let Err(e) = self.schemas.validate(value, index) {
            panic!("{path} {status}: response does not match the OpenAPI document: {e:#}");
        }
    }
}

#[test]
fn responses_match_the_openapi_document() {
    let server = TestServer::start();
    let c = client();
    let mut api = OpenApi::fetch(&server);
    let get = |path: &str| {
        let res = c.get(server.url(path)).send().unwrap();
        let status = res.status().as_u16();
        (status, res.json::<Value>().unwrap())
    };

    let (s, all) = get("/api/v1/codes");
    assert_eq!(s, 200);
    assert_eq!(
        all.as_array().unwrap().len(),
        httpstatus_codes::entries().len()
    );
    api.check("/api/v1/codes", 200, &all);

    let (s, v) = get("/api/v1/codes?class=4xx&namespace=nginx");
    assert_eq!(s, 200);
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"nginx:499") && ids.iter().all(|i| i.starts_with("nginx:")),
        "{ids:?}"
    );
    api.check("/api/v1/codes", 200, &v);

    let (s, v) = get("/api/v1/codes?q=too+many");
    assert_eq!(s, 200);
    assert_eq!(v[0]["id"], "429");

    let (s, v) = get("/api/v1/codes?namespace=nope");
    assert_eq!(s, 400);
    api.check("/api/v1/codes", 400, &v);

    for id in [
        "404",
        "403.14",
        "nginx:499",
        "nginx/499",
        "105-199",
        "aws:000",
        "shopify:430-legacy",
    ] {
        let (s, v) = get(&format!("/api/v1/codes/{id}"));
        assert_eq!(s, 200, "{id}");
        assert_eq!(v["id"], id.replace('/', ":"));
        api.check("/api/v1/codes/{id}", 200, &v);
    }
    let (s, v) = get("/api/v1/codes/499");
    assert_eq!(s, 404);
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("nginx:499"),
        "suggests the vendor ids"
    );
    api.check("/api/v1/codes/{id}", 404, &v);
    let (s, v) = get("/api/v1/codes/403.x");
    assert_eq!(s, 400);
    api.check("/api/v1/codes/{id}", 400, &v);

    let (s, v) = get("/api/v1/search?q=gatway+timout&limit=3");
    assert_eq!(s, 200);
    assert_eq!(v["results"][0]["entry"]["id"], "504");
    assert!(v["results"].as_array().unwrap().len() <= 3);
    api.check("/api/v1/search", 200, &v);
    for bad in [
        "/api/v1/search",
        "/api/v1/search?q=",
        "/api/v1/search?q=a&limit=0",
        "/api/v1/search?q=a&limit=x",
    ] {
        let (s, v) = get(bad);
        assert_eq!(s, 400, "{bad}");
        api.check("/api/v1/search", 400, &v);
    }
    let (s, v) = get(&format!("/api/v1/search?q={}", "a".repeat(300)));
    assert_eq!(s, 400);
    api.check("/api/v1/search", 400, &v);

    let (s, v) = get("/api/v1/classes");
    assert_eq!(s, 200);
    assert_eq!(v[3]["class"], "4xx");
    api.check("/api/v1/classes", 200, &v);
    let (s, v) = get("/api/v1/namespaces");
    assert_eq!(s, 200);
    api.check("/api/v1/namespaces", 200, &v);
}

#[test]
fn caching_cors_and_compression() {
    let server = TestServer::start();
    let c = client();
    let res = c
        .get(server.url("/api/v1/codes/404"))
        .header(header::ORIGIN, "https://example.org")
        .send()
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert!(res.headers()[header::CACHE_CONTROL]
        .to_str()
        .unwrap()
        .contains("max-age"));
    let etag = res.headers()[header::ETAG].clone();
    let res = c
        .get(server.url("/api/v1/codes/404"))
        .header(header::IF_NONE_MATCH, etag)
        .send()
        .unwrap();
    assert_eq!(res.status().as_u16(), 304);
    assert!(res.bytes().unwrap().is_empty());

    // A raw client sees the encoding; the list is large enough to be compressed.
    let plain = reqwest::blocking::Client::builder()
        .no_gzip()
        .no_brotli()
        .build()
        .unwrap();
    let res = plain
        .get(server.url("/api/v1/codes"))
        .header(header::ACCEPT_ENCODING, "gzip")
        .send()
        .unwrap();
    assert_eq!(res.headers()[header::CONTENT_ENCODING], "gzip");
    let res = plain
        .get(server.url("/api/v1/codes"))
        .header(header::ACCEPT_ENCODING, "br, gzip")
        .send()
        .unwrap();
    assert_eq!(res.headers()[header::CONTENT_ENCODING], "br");
    // And a decoding client gets the same JSON either way.
    let decoded: Value = c
        .get(server.url("/api/v1/codes"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(
        decoded.as_array().unwrap().len(),
        httpstatus_codes::entries().len()
    );
    let preflight = c
        .request(reqwest::Method::OPTIONS, server.url("/api/v1/codes"))
        .header(header::ORIGIN, "https://example.org")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .send()
        .unwrap();
    assert!(preflight.status().is_success());
    assert!(preflight
        .headers()
        .contains_key(header::ACCESS_CONTROL_ALLOW_METHODS));
}

#[test]
fn windows_codes_and_rfc_sourced_semantics() {
    let server = TestServer::start();
    let c = client();
    let mut api = OpenApi::fetch(&server);
    let get = |path: &str| {
        let res = c.get(server.url(path)).send().unwrap();
        let status = res.status().as_u16();
        (status, res.json::<Value>().unwrap())
    };

    let (s, v) = get("/api/v1/windows/0x8007000d");
    assert_eq!(s, 200);
    assert_eq!(v["code"], "0x8007000D");
    assert_eq!(v["win32"], 13);
    assert!(v["seen"]
        .as_array()
        .unwrap()
        .contains(&Value::from("500.19")));
    api.check("/api/v1/windows/{code}", 200, &v);
    let (s, v) = get("/api/v1/windows/2148074254");
    assert_eq!((s, v["name"].as_str()), (200, Some("SEC_E_NO_CREDENTIALS")));
    let (s, v) = get("/api/v1/windows/win32:64");
    assert_eq!(
        (s, v["name"].as_str()),
        (200, Some("ERROR_NETNAME_DELETED"))
    );
    let (s, v) = get("/api/v1/windows/win32:7");
    assert_eq!(s, 404);
    api.check("/api/v1/windows/{code}", 404, &v);
    let (s, v) = get("/api/v1/windows/win32:99999");
    assert_eq!(s, 400);
    api.check("/api/v1/windows/{code}", 400, &v);

    // Header requirements carry their condition and section; retry advice its source.
    let (s, v) = get("/api/v1/codes/304");
    assert_eq!(s, 200);
    let etag = v["semantics"]["headers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["name"] == "ETag")
        .unwrap();
    assert_eq!(etag["level"], "must");
    assert_eq!(etag["when"], "if-in-200");
    assert_eq!(etag["source"]["label"], "RFC 9110 §15.4.5");
    let (_, v) = get("/api/v1/codes/421");
    assert_eq!(v["semantics"]["retry"], "new-connection");
    assert_eq!(v["semantics"]["retry_source"]["label"], "RFC 9110 §15.5.20");
    api.check("/api/v1/codes/{id}", 200, &v);
}
