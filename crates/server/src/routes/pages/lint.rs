//! The rules of `httpstatus lint` on the web: `/lint/rules` (the index) and `/lint/rules/{id}`
//! (one rule: what it checks, why, the RFC section, how to silence it), in English and Thai.
//! Rendered once, on first use, from [`httpstatus_lint::RULES`]; a rule's name
//! (`/lint/rules/content-forbidden`) or a lower-case id redirects to the id's page.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use http::StatusCode;
use httpstatus_codes::Lang;
use httpstatus_lint::{Rule, Severity, RULES};
use maud::{html, Markup};

use super::layout::{self, en, AssetUrls, Inline, Nav};
use super::{misc, redirect, request_lang, serve, shell, ByLang, PerOrigin, VARY_PAGE};
use crate::state::AppState;

struct Pages {
    index: ByLang,
    rules: HashMap<&'static str, ByLang>,
}

fn pages(assets: &AssetUrls) -> Arc<Pages> {
    static PAGES: PerOrigin<Pages> = PerOrigin::new();
    PAGES.get(&assets.origin, || Pages {
        index: ByLang::render(|lang| {
            let t = texts(lang);
            shell(
                assets,
                lang,
                (t.index_title, t.index_lead, "/lint/rules"),
                Nav::Home,
                None,
                (None, None),
                index(lang),
            )
        }),
        rules: RULES
            .iter()
            .map(|r| {
                let html = ByLang::render(|lang| {
                    let title = format!("{} {}", r.id, r.title.get(lang));
                    let path = format!("/lint/rules/{}", r.id);
                    shell(
                        assets,
                        lang,
                        (&title, r.title.get(lang), &path),
                        Nav::Home,
                        None,
                        (None, None),
                        rule_page(r, lang),
                    )
                });
                (r.id, html)
            })
            .collect(),
    })
}

struct Texts {
    index_title: &'static str,
    index_lead: &'static str,
    col_id: &'static str,
    col_level: &'static str,
    col_rule: &'static str,
    all_rules: &'static str,
    level: &'static str,
    name: &'static str,
    reference: &'static str,
    example: &'static str,
    silence: &'static str,
    silence_lead: &'static str,
    usage: &'static str,
    not_found: &'static str,
}

fn texts(lang: Lang) -> &'static Texts {
    const EN: Texts = Texts {
        index_title: "Lint rules",
        index_lead: "What `httpstatus lint` checks in an OpenAPI 3.0 or 3.1 description: the status codes it declares, and the headers and content that must or must not go with them. Every rule rests on a section of the HTTP specification.",
        col_id: "Id",
        col_level: "Level",
        col_rule: "Rule",
        all_rules: "All rules",
        level: "Default level",
        name: "Name",
        reference: "Specification",
        example: "Example message",
        silence: "Silencing it",
        silence_lead: "Where the rule does not apply, name it (by id or by name) in `x-httpstatus-ignore` on the document, a path, an operation or a response, or change its level in `.httpstatus-lint.toml`:",
        usage: "Run it",
        not_found: "No such lint rule",
    };
    const TH: Texts = Texts {
        index_title: "กฎของ lint",
        index_lead: "สิ่งที่ `httpstatus lint` ตรวจในเอกสาร OpenAPI 3.0 หรือ 3.1 คือ status code ที่ประกาศไว้ และ header กับเนื้อหาที่ต้องมีหรือต้องไม่มีคู่กับ code นั้น ทุกกฎอ้างอิงหัวข้อในข้อกำหนดของ HTTP",
        col_id: "รหัสกฎ",
        col_level: "ระดับ",
        col_rule: "กฎ",
        all_rules: "กฎทั้งหมด",
        level: "ระดับเริ่มต้น",
        name: "ชื่อ",
        reference: "ข้อกำหนด",
        example: "ตัวอย่างข้อความ",
        silence: "การปิดกฎนี้",
        silence_lead: "ถ้ากฎนี้ไม่เข้ากับกรณีของคุณ ให้ใส่ชื่อหรือรหัสของกฎไว้ใน `x-httpstatus-ignore` ที่ระดับเอกสาร path operation หรือ response หรือเปลี่ยนระดับใน `.httpstatus-lint.toml`",
        usage: "วิธีใช้",
        not_found: "ไม่มีกฎ lint นี้",
    };
    match lang {
        Lang::En => &EN,
        Lang::Th => &TH,
    }
}

fn level_css(level: Severity) -> &'static str {
    match level {
        Severity::Error => "c5",
        Severity::Warning => "c4",
        Severity::Info => "c1",
    }
}

fn index(lang: Lang) -> Markup {
    let t = texts(lang);
    html! {
        h1 { (t.index_title) }
        p.lead { (Inline(t.index_lead)) }
        pre.curl tabindex="0" role="region" aria-label=(layout::scroll_label(t.usage, lang)) {
            code lang="en" { "httpstatus lint openapi.yaml\nhttpstatus lint api.json --sarif > lint.sarif" }
        }
        div.table-wrap tabindex="0" role="region" aria-label=(layout::scroll_label(t.index_title, lang)) {
            table.lint-rules {
                thead {
                    tr {
                        th scope="col" { (t.col_id) }
                        th scope="col" { (t.col_rule) }
                        th scope="col" { (t.col_level) }
                    }
                }
                tbody {
                    @for r in RULES {
                        tr id=(r.id) {
                            th scope="row" { a href={ "/lint/rules/" (r.id) } { code { (r.id) } } }
                            td {
                                a href={ "/lint/rules/" (r.id) } { (Inline(r.title.get(lang))) } " "
                                code lang=[en(lang)] { (r.name) }
                            }
                            td data-label=(t.col_level) { span.(level_css(r.level)) { (r.level.name(lang)) } }
                        }
                    }
                }
            }
        }
    }
}

fn rule_page(r: &Rule, lang: Lang) -> Markup {
    let t = texts(lang);
    html! {
        p { a href="/lint/rules" { (t.all_rules) } }
        h1 { code { (r.id) } " " (Inline(r.title.get(lang))) }
        dl.facts {
            dt { (t.name) } dd { code lang=[en(lang)] { (r.name) } }
            dt { (t.level) } dd { span.(level_css(r.level)) { (r.level.name(lang)) } }
            dt { (t.reference) } dd { a href=(r.url) rel="external" lang=[en(lang)] { (r.reference) } }
        }
        p { (Inline(r.explanation.get(lang))) }
        h2 { (t.example) }
        p.lint-message { (Inline(&example_message(r, lang))) }
        h2 { (t.usage) }
        pre.curl tabindex="0" role="region" aria-label=(layout::scroll_label(t.usage, lang)) {
            code lang="en" {
                "httpstatus lint openapi.yaml\nhttpstatus lint openapi.yaml --json --level "
                (r.level.token())
            }
        }
        h2 { (t.silence) }
        p { (Inline(t.silence_lead)) }
        pre tabindex="0" role="region" aria-label=(layout::scroll_label(t.silence, lang)) {
            code lang="en" {
                "# openapi.yaml\nx-httpstatus-ignore: [" (r.id) "]\n\n# .httpstatus-lint.toml\n[rules]\n"
                (r.id) " = \"off\"   # or \"info\", \"warning\", \"error\""
            }
        }
    }
}

/// The rule's message with sample values in its placeholders.
fn example_message(r: &Rule, lang: Lang) -> String {
    let sample = |name: &str| -> &str {
        match (r.id, name) {
            ("HS001", "code") => "2xx",
            ("HS002", "code") => "432",
            ("HS003", "code") => "499",
            ("HS003", "vendor") => "nginx",
            ("HS004", "code") => "100",
            ("HS005", "code") => "204",
            ("HS006", "code") => "200",
            ("HS007", "code") => "302",
            ("HS012", "code") => "416",
            ("HS013", "code") => "429",
            ("HS021", "code") => "418",
            ("HS023", "code") => "#/components/responses/NotFound",
            (_, "class") => "4",
            (_, "method") => "PUT",
            (_, "n422") => "12",
            (_, "n400") => "3",
            (_, "status") => match lang {
                Lang::En => "reserved",
                Lang::Th => "สงวนไว้",
            },
            (_, "advice") => match lang {
                Lang::En => "use 400 or 403",
                Lang::Th => "ให้ใช้ 400 หรือ 403",
            },
            _ => "",
        }
    };
    let mut msg = r.message.get(lang).to_owned();
    for name in [
        "code", "vendor", "class", "method", "n422", "n400", "status", "advice",
    ] {
        let key = format!("{{{name}}}");
        if msg.contains(&key) {
            msg = msg.replace(&key, sample(name));
        }
    }
    msg
}

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/lint", get(to_index))
        .route("/lint/", get(to_index))
        .route("/lint/rules", get(index_page))
        .route("/lint/rules/", get(to_index))
        .route("/lint/rules/{id}", get(rule_handler))
}

async fn to_index(req: Request) -> Response {
    redirect("/lint/rules".to_owned(), req.uri().query())
}

async fn index_page(State(state): State<AppState>, req: Request) -> Response {
    let (lang, explicit) = request_lang(&req);
    serve(
        pages(&state.site.0.assets).index.get(lang),
        &req,
        VARY_PAGE,
        explicit,
    )
}

async fn rule_handler(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (lang, explicit) = request_lang(&req);
    let pages = pages(&state.site.0.assets);
    if let Some(page) = pages.rules.get(id.as_str()) {
        return serve(page.get(lang), &req, VARY_PAGE, explicit);
    }
    if let Some(r) = httpstatus_lint::rule(&id) {
        return redirect(format!("/lint/rules/{}", r.id), req.uri().query());
    }
    let t = texts(lang);
    let page = misc::ErrorPage {
        title: t.not_found.to_owned(),
        main: html! {
            h1 { (t.not_found) }
            p { code { (id) } }
            p { a href="/lint/rules" { (t.all_rules) } }
        },
    };
    super::error_page(
        &state,
        StatusCode::NOT_FOUND,
        lang,
        explicit,
        "/lint/rules/",
        &id,
        page,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_messages_fill_every_placeholder() {
        for r in RULES {
            for lang in [Lang::En, Lang::Th] {
                let m = example_message(r, lang);
                assert!(!m.contains('{'), "{}: {m}", r.id);
            }
        }
    }
}
