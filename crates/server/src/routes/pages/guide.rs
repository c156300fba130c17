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
use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http::StatusCode;
use httpstatus_codes::guide::{self, Node, Situation, Target};
use httpstatus_codes::{Class, Lang, Level, Text};
use maud::PreEscaped;
use serde_json::{json, Value};

use super::layout::strings::{en_attr, esc, inline};
use super::layout::{self, href, AssetUrls, Nav, Page};
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
            |lang: Lang, title: &str, description: &str, path: &str, json: &str, main: &str| {
                layout::render(
                    &Page {
                        json: Some(json),
                        main: PreEscaped(main.to_string()),
                        ..Page::new(
                            lang,
                            &format!("{title} · httpstatus"),
                            description,
                            path,
                            Nav::Guide,
                        )
                    },
                    assets,
                )
            };
        let index = ByLang::render(|lang| {
            shell(
                lang,
                TITLE.get(lang),
                LEAD.get(lang),
                "/guide",
                "/api/v1/guide",
                &index_main(lang),
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
                        &situation_main(s, lang),
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

/// `429` or `422 400`, each linked to its code page.
fn codes(s: &Situation) -> String {
    let mut out = String::new();
    for c in s.choices {
        if !out.is_empty() {
            out.push(' ');
        }
        match c.entry() {
            Some(e) => {
                let _ = write!(
                    out,
                    "<span class=\"num {}\">{}</span>",
                    layout::class_css(e.class()),
                    c.code
                );
            }
            None => {
                let _ = write!(out, "<span class=\"num\">{}</span>", c.code);
            }
        }
    }
    out
}

fn node_anchor(id: &str) -> String {
    format!("q-{id}")
}

fn write_node(out: &mut String, n: &Node, lang: Lang) {
    let anchor = node_anchor(n.id);
    let _ = writeln!(
        out,
        "<section class=\"card guide-q\" id=\"{anchor}\" aria-labelledby=\"h-{anchor}\">\n<h3 id=\"h-{anchor}\">{}</h3>\n<ol>",
        esc(n.question.get(lang))
    );
    for a in n.answers {
        match a.target {
            Target::Node(next) => {
                let _ = writeln!(
                    out,
                    "<li><a href=\"#{}\">{}</a></li>",
                    node_anchor(next),
                    esc(a.label.get(lang))
                );
            }
            Target::Situation(id) => {
                let Some(s) = guide::situation(id) else {
                    continue;
                };
                let _ = writeln!(
                    out,
                    "<li><a href=\"/guide/{id}\">{}</a> → {}</li>",
                    esc(a.label.get(lang)),
                    codes(s)
                );
            }
        }
    }
    out.push_str("</ol>\n");
    if n.id != guide::start().id {
        let _ = writeln!(
            out,
            "<p class=\"guide-top\"><a href=\"#{}\">{}</a></p>",
            node_anchor(guide::start().id),
            esc(BACK_TOP.get(lang))
        );
    }
    out.push_str("</section>\n");
}

fn index_main(lang: Lang) -> String {
    let mut out = String::with_capacity(32 * 1024);
    let _ = writeln!(
        out,
        "<h1>{}</h1>\n<p class=\"lead\">{}</p>",
        esc(TITLE.get(lang)),
        esc(LEAD.get(lang))
    );
    let _ = writeln!(
        out,
        "<section class=\"block\" aria-labelledby=\"h-questions\">\n<h2 id=\"h-questions\">{}</h2>",
        esc(QUESTIONS.get(lang))
    );
    for n in guide::nodes() {
        write_node(&mut out, n, lang);
    }
    out.push_str("</section>\n");
    let _ = writeln!(
        out,
        "<section class=\"block\" aria-labelledby=\"h-all\">\n<h2 id=\"h-all\">{}</h2>\n\
         <p class=\"guide-filter\" hidden><label for=\"guide-filter\">{}</label> \
         <input id=\"guide-filter\" type=\"search\" autocomplete=\"off\" placeholder=\"{}\" aria-controls=\"guide-list\"></p>\n\
         <p class=\"guide-none\" hidden>{}</p>\n<ul class=\"plain guide-list\" id=\"guide-list\">",
        esc(ALL.get(lang)),
        esc(FILTER.get(lang)),
        esc(FILTER_HINT.get(lang)),
        esc(NONE.get(lang)),
    );
    for s in guide::situations() {
        let codes_text: Vec<String> = s.choices.iter().map(|c| c.code.to_string()).collect();
        // What the filter box matches: id, codes and both titles.
        let words = format!(
            "{} {} {} {}",
            s.id,
            codes_text.join(" "),
            s.title.en.to_lowercase(),
            s.title.th
        );
        let _ = writeln!(
            out,
            "<li data-guide=\"{}\">{} <a href=\"/guide/{}\">{}</a><br><small>{}</small></li>",
            esc(&words),
            codes(s),
            s.id,
            esc(s.title.get(lang)),
            inline(s.question.get(lang))
        );
    }
    out.push_str("</ul>\n</section>\n");
    out
}

fn level_html(l: Level, lang: Lang) -> String {
    format!(
        "<span class=\"level level-{}\">{}</span>",
        l.token(),
        esc(i18n::level(l, lang))
    )
}

fn section(out: &mut String, id: &str, heading: &str) {
    let _ = writeln!(
        out,
        "<section class=\"card\" id=\"{id}\" aria-labelledby=\"h-{id}\">\n<h2 id=\"h-{id}\">{}</h2>",
        esc(heading)
    );
}

fn situation_main(s: &Situation, lang: Lang) -> String {
    let en = en_attr(lang);
    let t = i18n::ui(lang);
    let mut out = String::with_capacity(8 * 1024);
    let _ = writeln!(
        out,
        "<nav class=\"crumbs\" aria-label=\"{}\"><ol><li><a href=\"/\">httpstatus</a></li>\
         <li><a href=\"/guide\">{}</a></li></ol></nav>",
        esc(t.breadcrumb),
        esc(NAV.get(lang))
    );
    let _ = writeln!(
        out,
        "<h1>{}</h1>\n<p class=\"lead\">{}</p>",
        esc(s.title.get(lang)),
        inline(s.question.get(lang))
    );

    section(&mut out, "return", RETURN.get(lang));
    out.push_str("<ul class=\"plain\">\n");
    for c in s.choices {
        let (link, phrase, css) = match c.entry() {
            Some(e) => (href(e), e.phrase, layout::class_css(e.class())),
            None => (String::from("/"), "", layout::class_css(Class::of(c.code))),
        };
        let _ = writeln!(
            out,
            "<li><a href=\"{}\"><span class=\"num {css}\">{}</span> <span{en}>{}</span></a>: {}</li>",
            esc(&link),
            c.code,
            esc(phrase),
            inline(c.when.get(lang))
        );
    }
    out.push_str("</ul>\n</section>\n");

    if !s.headers.is_empty() {
        section(&mut out, "headers", HEADERS.get(lang));
        let _ = writeln!(
            out,
            "<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
             <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
            esc(HEADER.get(lang)),
            esc(WITH.get(lang)),
            esc(LEVEL.get(lang)),
            esc(WHERE.get(lang)),
            esc(WHAT.get(lang)),
        );
        for h in s.headers {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\"><code>{}</code></th><td><span class=\"num\">{}</span></td><td>{}</td>\
                 <td><a class=\"spec\" href=\"{}\" rel=\"noopener\"{en}>{}</a></td><td>{}</td></tr>",
                esc(h.name),
                h.code,
                level_html(h.level, lang),
                esc(h.reference.url),
                esc(h.reference.label),
                inline(h.note.get(lang))
            );
        }
        out.push_str("</tbody>\n</table></div>\n</section>\n");
    }

    section(&mut out, "why", WHY.get(lang));
    out.push_str(&layout::strings::paragraphs(s.answer.get(lang)));
    out.push_str("</section>\n");

    if let Some(example) = s.example {
        let status = serde_json::from_str::<Value>(example)
            .ok()
            .and_then(|v| v["status"].as_u64())
            .and_then(|n| u16::try_from(n).ok())
            .unwrap_or(s.choices[0].code);
        let phrase = httpstatus_codes::lookup(status).map_or("", |e| e.phrase);
        let mut wire =
            format!("HTTP/1.1 {status} {phrase}\nContent-Type: application/problem+json\n");
        for h in s
            .headers
            .iter()
            .filter(|h| h.code == status && h.name != "Content-Type")
        {
            let _ = writeln!(wire, "{}: {}", h.name, example_value(h.name));
        }
        let _ = write!(wire, "\n{example}");
        section(&mut out, "example", EXAMPLE.get(lang));
        let _ = writeln!(
            out,
            "<pre class=\"http\" lang=\"en\"><code>{}</code></pre>",
            esc(&wire)
        );
        out.push_str("</section>\n");
    }

    section(&mut out, "mistakes", MISTAKES.get(lang));
    out.push_str("<ul>\n");
    for m in s.mistakes {
        let _ = writeln!(out, "<li>{}</li>", inline(m.get(lang)));
    }
    out.push_str("</ul>\n</section>\n");

    if !s.related.is_empty() {
        section(&mut out, "related", RELATED.get(lang));
        out.push_str("<ul class=\"plain\">\n");
        for r in s.related.iter().filter_map(|id| guide::situation(id)) {
            let _ = writeln!(
                out,
                "<li>{} <a href=\"/guide/{}\">{}</a></li>",
                codes(r),
                r.id,
                esc(r.title.get(lang))
            );
        }
        out.push_str("</ul>\n</section>\n");
    }
    out
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
    let mut main = String::new();
    let _ = writeln!(
        main,
        "<h1>{}</h1>\n<p class=\"lead\">{} <code>{}</code></p>",
        esc(NOT_FOUND_TITLE.get(lang)),
        esc(NOT_FOUND_LEAD.get(lang)),
        esc(&id.chars().take(80).collect::<String>())
    );
    let near = guide::suggest(id);
    if !near.is_empty() {
        let _ = writeln!(
            main,
            "<p>{}:</p>\n<ul class=\"plain\">",
            esc(SUGGEST.get(lang))
        );
        for s in near {
            let _ = writeln!(
                main,
                "<li>{} <a href=\"/guide/{}\">{}</a></li>",
                codes(s),
                s.id,
                esc(s.title.get(lang))
            );
        }
        main.push_str("</ul>\n");
    }
    let _ = writeln!(
        main,
        "<p><a href=\"/guide\">{}</a></p>",
        esc(TITLE.get(lang))
    );
    ErrorPage {
        title: NOT_FOUND_TITLE.get(lang).to_string(),
        main: PreEscaped(main),
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
            let main = index_main(lang);
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
            let page = situation_main(guide::situation("not-signed-in").unwrap(), lang);
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
