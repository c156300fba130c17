//! "Which code should I return?": the API designer's guide on the web and in the JSON API.
//!
//! | route | what |
//! |---|---|
//! | `/guide` | the decision tree as linked questions (no JavaScript needed), then every situation; a filter box when JavaScript runs |
//! | `/guide/{id}` | one situation: codes, headers, example problem+json response, mistakes |
//! | `/api/v1/guide` | `{ "situations": [...], "nodes": [...] }` (schema: `schema/guide.schema.json`) |
//! | `/api/v1/guide/{id}` | one situation |
//!
//! Like the rest of the reference, every page and answer is rendered once (on first use, with the
//! site's asset URLs) and then served from memory.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http::StatusCode;
use httpstatus_codes::guide::{self, Node, Situation, Target};
use httpstatus_codes::{Class, Lang, Text};
use maud::{html, Markup};
use serde_json::{json, Value};

use super::layout::{self, en, href, AssetUrls, Inline, Nav, Paragraphs};
use super::misc::ErrorPage;
use super::{error_page, i18n, redirect, request_lang, serve, ByLang, PerOrigin, VARY_PAGE};
use crate::cached::Cached;
use crate::error::AppError;
use crate::state::AppState;

/// Labels of the guide's pages in both languages.
pub(super) struct G(&'static str, &'static str);

impl G {
    pub(super) fn get(&self, lang: Lang) -> &'static str {
        Text {
            en: self.0,
            th: self.1,
        }
        .get(lang)
    }
}

/// The guide's link in the site header.
pub(super) const NAV: G = G("API guide", "เลือก status code");
const TITLE: G = G("Which code should I return?", "ควรตอบด้วย status code ไหน");
const LEAD: G = G(
    "A guide for API designers: from the situation to the status code, the response headers it needs, an example problem+json body (RFC 9457) and the mistakes people make. Answer the questions, or pick a situation from the list.",
    "คู่มือสำหรับคนออกแบบ API ที่พาจากสถานการณ์ไปยัง status code ที่ควรใช้ header ที่ต้องส่งไปด้วย ตัวอย่าง body แบบ problem+json (RFC 9457) และข้อผิดพลาดที่พบบ่อย คุณตอบคำถามทีละข้อหรือเลือกสถานการณ์จากรายการด้านล่างก็ได้",
);
const QUESTIONS: G = G("Answer a few questions", "ตอบคำถามสั้น ๆ");
const ALL: G = G("All situations", "สถานการณ์ทั้งหมด");
const FILTER: G = G("Filter situations", "กรองสถานการณ์");
const FILTER_HINT: G = G(
    "a word or a code: token, 429",
    "คำหรือ code เช่น token หรือ 429",
);
const NONE: G = G("No situation matches.", "ไม่มีสถานการณ์ที่ตรงกัน");
const BACK_TOP: G = G("Back to the first question", "กลับไปคำถามแรก");
const RETURN: G = G("Return", "ตอบด้วย");
const HEADERS: G = G("Headers to send", "header ที่ต้องส่ง");
const HEADER: G = G("Header", "header");
const WITH: G = G("With", "ใช้กับ");
const LEVEL: G = G("Level", "ระดับ");
const WHERE: G = G("Where it is written", "อ้างอิง");
const WHAT: G = G("What to send", "สิ่งที่ต้องใส่");
const WHY: G = G("Why", "เหตุผล");
const EXAMPLE: G = G("Example response", "ตัวอย่าง response");
const MISTAKES: G = G("Common mistakes", "ข้อผิดพลาดที่พบบ่อย");
const RELATED: G = G("Related situations", "สถานการณ์ที่เกี่ยวข้อง");
const NOT_FOUND_TITLE: G = G("No such situation", "ไม่มีสถานการณ์นี้");
const NOT_FOUND_LEAD: G = G(
    "The guide has no situation with this id.",
    "ในคู่มือไม่มีสถานการณ์ที่ใช้ id นี้",
);
const SUGGEST: G = G("Did you mean", "คุณหมายถึง");

/// Every guide page and API answer, rendered once.
struct Rendered {
    index: ByLang,
    pages: HashMap<&'static str, ByLang>,
    api_all: Cached,
    api_one: HashMap<&'static str, Cached>,
}

fn rendered(assets: &AssetUrls) -> Arc<Rendered> {
    static RENDERED: PerOrigin<Rendered> = PerOrigin::new();
    RENDERED.get(&assets.origin, || {
        let shell =
            |lang: Lang, title: &str, description: &str, path: &str, json: &str, main: Markup| {
                super::shell(
                    assets,
                    lang,
                    (title, description, path),
                    Nav::Guide,
                    Some(json),
                    (None, None),
                    main,
                )
            };
        let index = ByLang::render(|lang| {
            shell(
                lang,
                TITLE.get(lang),
                LEAD.get(lang),
                "/guide",
                "/api/v1/guide",
                index_main(lang),
            )
        });
        let pages = guide::situations()
            .iter()
            .map(|s| {
                let path = format!("/guide/{}", s.id);
                let json = format!("/api/v1/guide/{}", s.id);
                let page = ByLang::render(|lang| {
                    shell(
                        lang,
                        s.title.get(lang),
                        &s.question.get(lang).replace('`', ""),
                        &path,
                        &json,
                        situation_main(s, lang),
                    )
                });
                (s.id, page)
            })
            .collect();
        let api_one = guide::situations()
            .iter()
            .map(|s| {
                (
                    s.id,
                    Cached::json(&serde_json::to_value(s).unwrap_or(Value::Null)),
                )
            })
            .collect();
        let all = json!({ "situations": guide::situations(), "nodes": guide::nodes() });
        Rendered {
            index,
            pages,
            api_all: Cached::json(&all),
            api_one,
        }
    })
}

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/guide", get(index_page))
        .route("/guide/", get(to_index))
        .route("/guide/{id}", get(situation_page))
        .route("/api/v1/guide", get(api_all))
        .route("/api/v1/guide/{id}", get(api_one))
}

async fn index_page(State(state): State<AppState>, req: Request) -> Response {
    let (lang, explicit) = request_lang(&req);
    let r = rendered(&state.site.0.assets);
    serve(r.index.get(lang), &req, VARY_PAGE, explicit)
}

async fn to_index(req: Request) -> Response {
    redirect("/guide".to_string(), req.uri().query())
}

async fn situation_page(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    req: Request,
) -> Response {
    let (lang, explicit) = request_lang(&req);
    let r = rendered(&state.site.0.assets);
    let id = path.map(|Path(id)| id).unwrap_or_default();
    if let Some(page) = r.pages.get(id.as_str()) {
        return serve(page.get(lang), &req, VARY_PAGE, explicit);
    }
    let lower = id.to_ascii_lowercase();
    if lower != id && r.pages.contains_key(lower.as_str()) {
        return redirect(format!("/guide/{lower}"), req.uri().query());
    }
    let page = not_found(&id, lang);
    error_page(
        &state,
        StatusCode::NOT_FOUND,
        lang,
        explicit,
        "/guide/",
        &id,
        page,
    )
}

async fn api_all(State(state): State<AppState>, req: Request) -> Response {
    rendered(&state.site.0.assets)
        .api_all
        .respond(req.headers())
}

async fn api_one(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    req: Request,
) -> Response {
    let r = rendered(&state.site.0.assets);
    let Ok(Path(id)) = path else {
        return AppError::bad_request("the situation id is not valid UTF-8").into_response();
    };
    if let Some(cached) = r.api_one.get(id.as_str()) {
        return cached.respond(req.headers());
    }
    let near: Vec<&str> = guide::suggest(&id).iter().map(|s| s.id).collect();
    let shown: String = id.chars().take(60).collect();
    let message = if near.is_empty() {
        format!("no situation {shown:?} in the guide; see /api/v1/guide for the list")
    } else {
        format!(
            "no situation {shown:?} in the guide; did you mean {}?",
            near.join(", ")
        )
    };
    AppError::not_found(message).into_response()
}

/// `429` or `422 400`: the codes a situation returns, coloured by class.
fn codes(s: &Situation) -> Markup {
    html! {
        @for (i, c) in s.choices.iter().enumerate() {
            @if i > 0 { " " }
            @match c.entry() {
                Some(e) => span.num.(layout::class_css(e.class())) { (c.code) },
                None => span.num { (c.code) },
            }
        }
    }
}

fn node_anchor(id: &str) -> String {
    format!("q-{id}")
}

fn node(n: &Node, lang: Lang) -> Markup {
    let anchor = node_anchor(n.id);
    html! {
        section.card.guide-q id=(anchor) aria-labelledby={ "h-" (anchor) } {
            h3 id={ "h-" (anchor) } { (n.question.get(lang)) }
            ol {
                @for a in n.answers {
                    @match a.target {
                        Target::Node(next) => li { a href={ "#" (node_anchor(next)) } { (a.label.get(lang)) } },
                        Target::Situation(id) => @if let Some(s) = guide::situation(id) {
                            li { a href={ "/guide/" (id) } { (a.label.get(lang)) } " → " (codes(s)) }
                        },
                    }
                }
            }
            @if n.id != guide::start().id {
                p.guide-top { a href={ "#" (node_anchor(guide::start().id)) } { (BACK_TOP.get(lang)) } }
            }
        }
    }
}

fn index_main(lang: Lang) -> Markup {
    html! {
        h1 { (TITLE.get(lang)) }
        p.lead { (LEAD.get(lang)) }
        section.block aria-labelledby="h-questions" {
            h2 #h-questions { (QUESTIONS.get(lang)) }
            @for n in guide::nodes() { (node(n, lang)) }
        }
        section.block aria-labelledby="h-all" {
            h2 #h-all { (ALL.get(lang)) }
            p.guide-filter hidden {
                label for="guide-filter" { (FILTER.get(lang)) } " "
                input #guide-filter type="search" autocomplete="off" placeholder=(FILTER_HINT.get(lang)) aria-controls="guide-list";
            }
            p.guide-none hidden { (NONE.get(lang)) }
            ul.plain.guide-list #guide-list {
                @for s in guide::situations() {
                    // What the filter box matches: id, codes and both titles.
                    @let codes_text: Vec<String> = s.choices.iter().map(|c| c.code.to_string()).collect();
                    @let words = format!("{} {} {} {}", s.id, codes_text.join(" "), s.title.en.to_lowercase(), s.title.th);
                    li data-guide=(words) {
                        (codes(s)) " " a href={ "/guide/" (s.id) } { (s.title.get(lang)) }
                        br;
                        small { (Inline(s.question.get(lang))) }
                    }
                }
            }
        }
    }
}

fn card(id: &str, heading: &str, body: Markup) -> Markup {
    html! {
        section.card id=(id) aria-labelledby={ "h-" (id) } {
            h2 id={ "h-" (id) } { (heading) }
            (body)
        }
    }
}

/// The example response: status line, headers the situation names for that status, the body.
fn example_wire(s: &Situation, example: &str) -> String {
    let status = serde_json::from_str::<Value>(example)
        .ok()
        .and_then(|v| v["status"].as_u64())
        .and_then(|n| u16::try_from(n).ok())
        .unwrap_or(s.choices[0].code);
    let phrase = httpstatus_codes::lookup(status).map_or("", |e| e.phrase);
    let mut wire = format!("HTTP/1.1 {status} {phrase}\nContent-Type: application/problem+json\n");
    for h in s
        .headers
        .iter()
        .filter(|h| h.code == status && h.name != "Content-Type")
    {
        wire.push_str(h.name);
        wire.push_str(": ");
        wire.push_str(example_value(h.name));
        wire.push('\n');
    }
    wire.push('\n');
    wire.push_str(example);
    wire
}

fn situation_main(s: &Situation, lang: Lang) -> Markup {
    let t = i18n::ui(lang);
    html! {
        nav.crumbs aria-label=(t.breadcrumb) {
            ol { li { a href="/" { "httpstatus" } } li { a href="/guide" { (NAV.get(lang)) } } }
        }
        h1 { (s.title.get(lang)) }
        p.lead { (Inline(s.question.get(lang))) }
        (card("return", RETURN.get(lang), html! {
            ul.plain {
                @for c in s.choices {
                    @let (link, phrase, css) = match c.entry() {
                        Some(e) => (href(e), e.phrase, layout::class_css(e.class())),
                        None => (String::from("/"), "", layout::class_css(Class::of(c.code))),
                    };
                    li {
                        a href=(link) { span.num.(css) { (c.code) } " " span lang=[en(lang)] { (phrase) } }
                        ": " (Inline(c.when.get(lang)))
                    }
                }
            }
        }))
        @if !s.headers.is_empty() {
            (card("headers", HEADERS.get(lang), html! {
                div.table-wrap tabindex="0" role="region" aria-label=(layout::scroll_label(HEADERS.get(lang), lang)) {
                    table {
                        thead {
                            tr {
                                th scope="col" { (HEADER.get(lang)) }
                                th scope="col" { (WITH.get(lang)) }
                                th scope="col" { (LEVEL.get(lang)) }
                                th scope="col" { (WHERE.get(lang)) }
                                th scope="col" { (WHAT.get(lang)) }
                            }
                        }
                        tbody {
                            @for h in s.headers {
                                tr {
                                    th scope="row" { code { (h.name) } }
                                    td { span.num { (h.code) } }
                                    td { span.level.{ "level-" (h.level.token()) } { (i18n::level(h.level, lang)) } }
                                    td { a.spec href=(h.reference.url) rel="noopener" lang=[en(lang)] { (h.reference.label) } }
                                    td { (Inline(h.note.get(lang))) }
                                }
                            }
                        }
                    }
                }
            }))
        }
        (card("why", WHY.get(lang), html! { (Paragraphs(s.answer.get(lang))) }))
        @if let Some(example) = s.example {
            (card("example", EXAMPLE.get(lang), html! {
                pre.http tabindex="0" role="region" aria-label=(layout::scroll_label(EXAMPLE.get(lang), lang)) {
                    code lang="en" { (example_wire(s, example)) }
                }
            }))
        }
        (card("mistakes", MISTAKES.get(lang), html! {
            ul { @for m in s.mistakes { li { (Inline(m.get(lang))) } } }
        }))
        @if !s.related.is_empty() {
            (card("related", RELATED.get(lang), html! {
                ul.plain {
                    @for r in s.related.iter().filter_map(|id| guide::situation(id)) {
                        li { (codes(r)) " " a href={ "/guide/" (r.id) } { (r.title.get(lang)) } }
                    }
                }
            }))
        }
    }
}

/// A plausible value for a header in the example response.
fn example_value(name: &str) -> &'static str {
    match name {
        "WWW-Authenticate" => "Bearer realm=\"api\"",
        "Allow" => "GET, POST",
        "Retry-After" => "20",
        "Content-Range" => "bytes */1048576",
        "Link" => "<https://blocker.example>; rel=\"blocked-by\"",
        "Accept-Patch" => "application/merge-patch+json",
        "Accept-Post" => "application/json",
        "Accept-Encoding" => "gzip",
        "Connection" => "close",
        _ => "...",
    }
}

fn not_found(id: &str, lang: Lang) -> ErrorPage {
    let near = guide::suggest(id);
    ErrorPage {
        title: NOT_FOUND_TITLE.get(lang).to_string(),
        main: html! {
            h1 { (NOT_FOUND_TITLE.get(lang)) }
            p.lead { (NOT_FOUND_LEAD.get(lang)) " " code { (id.chars().take(80).collect::<String>()) } }
            @if !near.is_empty() {
                p { (SUGGEST.get(lang)) ":" }
                ul.plain {
                    @for s in near {
                        li { (codes(s)) " " a href={ "/guide/" (s.id) } { (s.title.get(lang)) } }
                    }
                }
            }
            p { a href="/guide" { (TITLE.get(lang)) } }
        },
    }
}

/// Adds the guide's paths and schemas to the OpenAPI document (`routes::api::openapi`).
pub(crate) fn add_to_openapi(doc: &mut Value) {
    let schema: Value =
        serde_json::from_str(include_str!("../../../../../schema/guide.schema.json"))
            .unwrap_or(Value::Null);
    let repoint = |v: &Value| -> Value {
        serde_json::from_str(
            &v.to_string()
                .replace("#/$defs/text", "#/components/schemas/Text")
                .replace("#/$defs/situation", "#/components/schemas/GuideSituation")
                .replace("#/$defs/node", "#/components/schemas/GuideNode")
                .replace("#/$defs/", "#/components/schemas/Guide_"),
        )
        .unwrap_or(Value::Null)
    };
    let defs = &schema["$defs"];
    if let Some(schemas) = doc["components"]["schemas"].as_object_mut() {
        schemas.insert("GuideSituation".into(), repoint(&defs["situation"]));
        schemas.insert("GuideNode".into(), repoint(&defs["node"]));
        if let Some(obj) = defs.as_object() {
            for (k, v) in obj {
                if !matches!(k.as_str(), "situation" | "node" | "text") {
                    schemas.insert(format!("Guide_{k}"), repoint(v));
                }
            }
        }
        schemas.insert(
            "Guide".into(),
            json!({
                "type": "object",
                "required": ["situations", "nodes"],
                "properties": {
                    "situations": { "type": "array", "items": { "$ref": "#/components/schemas/GuideSituation" } },
                    "nodes": { "type": "array", "items": { "$ref": "#/components/schemas/GuideNode" }, "description": "The decision tree; the first node is \"start\"." }
                }
            }),
        );
    }
    if let Some(paths) = doc["paths"].as_object_mut() {
        let ok = |schema: &str, d: &str| json!({ "description": d, "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{schema}") } } } });
        paths.insert(
            "/api/v1/guide".into(),
            json!({ "get": {
                "operationId": "getGuide",
                "summary": "The API designer's guide: every situation and the decision tree",
                "responses": { "200": ok("Guide", "Situations and questions") }
            }}),
        );
        paths.insert(
            "/api/v1/guide/{id}".into(),
            json!({ "get": {
                "operationId": "getGuideSituation",
                "summary": "One situation of the guide: codes, headers, example problem+json body, mistakes",
                "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "string" }, "description": "Situation id, such as rate-limited." }],
                "responses": {
                    "200": ok("GuideSituation", "The situation"),
                    "304": { "description": "Not modified (If-None-Match)" },
                    "404": ok("Error", "No such situation; the message suggests close ids")
                }
            }}),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_link_every_situation_and_escape_text() {
        for lang in [Lang::En, Lang::Th] {
            let main = index_main(lang).into_string();
            for s in guide::situations() {
                assert!(
                    main.contains(&format!("href=\"/guide/{}\"", s.id)),
                    "{}",
                    s.id
                );
            }
            for n in guide::nodes() {
                assert!(main.contains(&format!("id=\"q-{}\"", n.id)), "{}", n.id);
            }
            let page =
                situation_main(guide::situation("not-signed-in").unwrap(), lang).into_string();
            assert!(page.contains("<code>WWW-Authenticate</code>"));
            assert!(page.contains("Bearer realm=&quot;api&quot;"), "{page}");
        }
    }

    #[test]
    fn openapi_gets_the_guide() {
        let mut doc = crate::routes::api::openapi();
        add_to_openapi(&mut doc);
        assert!(doc["paths"]["/api/v1/guide/{id}"]["get"].is_object());
        assert!(
            doc["components"]["schemas"]["GuideSituation"]["properties"]["choices"].is_object()
        );
        assert!(!doc.to_string().contains("#/$defs/"));
    }
}
