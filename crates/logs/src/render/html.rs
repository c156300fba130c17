//! The HTML report: one self-contained page (inline CSS and SVG, no script, no external
//! resource), readable offline and safe to mail around.
//!
//! Rendered with [maud](https://maud.lambda.xyz/): the markup is checked at compile time and
//! every value spliced into it is escaped, so no text from the logs can become markup. Text from
//! the logs goes through [`LogText`], which also replaces control characters (a log line may hold
//! any byte) before maud escapes it.
//!
//! Charts: requests over time stacked by class, the top codes, the top failing paths.

use std::io::{self, Write};

use httpstatus_codes::Lang;
use maud::{html, Markup, PreEscaped, Render};

use super::{duration, lang_of, thousands, L};
use crate::report::{ClassBucket, Count, Report};

/// Text from the logs: control characters (but newline and tab) become U+FFFD, then maud
/// escapes it like any other text.
pub(crate) struct LogText<'a>(pub &'a str);

impl Render for LogText<'_> {
    fn render_to(&self, buffer: &mut String) {
        use std::fmt::Write as _;
        let mut out = maud::Escaper::new(buffer);
        let mut rest = self.0;
        while let Some(at) = rest.find(|c: char| c.is_control() && c != '\n' && c != '\t') {
            let _ = out.write_str(&rest[..at]);
            let _ = out.write_char('\u{fffd}');
            let len = rest[at..].chars().next().map_or(1, char::len_utf8);
            rest = &rest[at + len..];
        }
        let _ = out.write_str(rest);
    }
}

const CLASS_COLORS: [(&str, &str); 6] = [
    ("1xx", "#6b7bd6"),
    ("2xx", "#2e9e5b"),
    ("3xx", "#2a9bb5"),
    ("4xx", "#d99a16"),
    ("5xx", "#d64545"),
    ("non-standard", "#9b59b6"),
];

fn color(class: &str) -> &'static str {
    CLASS_COLORS
        .iter()
        .find(|(c, _)| *c == class)
        .map_or("#888", |(_, col)| col)
}

const CSS: &str = r#"
:root{--bg:#fff;--fg:#1d2330;--muted:#5b6475;--line:#e3e6ec;--card:#f6f7f9}
@media (prefers-color-scheme:dark){:root{--bg:#14171c;--fg:#e6e9ef;--muted:#9aa3b2;--line:#2b3039;--card:#1c2027}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans Thai",sans-serif}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.2em;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.muted{color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:150px}
.card b{display:block;font-size:1.4em}
table{border-collapse:collapse;width:100%;font-size:.95em}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
td.c{white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em;word-break:break-all}
.dot{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:6px;vertical-align:-1px}
svg{display:block;max-width:100%;height:auto}
svg text{fill:var(--muted);font:11px system-ui,sans-serif}
.legend span{margin-right:14px;white-space:nowrap}
details{border:1px solid var(--line);border-radius:8px;padding:6px 12px;margin:8px 0;background:var(--card)}
summary{cursor:pointer;font-weight:600}
.pattern{border-left:4px solid #2e9e5b;padding:4px 12px;margin:8px 0;background:var(--card)}
.pattern.notice{border-color:#d99a16}.pattern.warning{border-color:#d64545}
.two{display:grid;grid-template-columns:1fr 1fr;gap:24px}
@media (max-width:760px){.two{grid-template-columns:1fr}}
"#;

const TITLE: L = L("HTTP status report", "รายงานสถานะ HTTP");
const REQUESTS: L = L("requests", "คำขอ");
const ERRORS: L = L("4xx + 5xx", "4xx + 5xx");
const MALFORMED: L = L("malformed lines", "บรรทัดที่อ่านไม่ได้");
const FILTERED: L = L("left out by filters", "ถูกตัดออกโดยตัวกรอง");
const INPUTS: L = L("inputs", "ไฟล์");
const OVER_TIME: L = L("Requests over time, by class", "คำขอตามเวลา แยกตามกลุ่ม");
const PER: L = L("per bar", "ต่อแท่ง");
const TOP_CODES: L = L("Top codes", "รหัสที่พบมากที่สุด");
const TOP_PATHS: L = L(
    "Top failing paths (4xx and 5xx)",
    "path ที่ผิดพลาดมากที่สุด (4xx และ 5xx)",
);
const BY_CLASS: L = L("By class", "ตามกลุ่ม");
const BY_CODE: L = L("By code", "ตามรหัส");
const CODE: L = L("Code", "รหัส");
const COUNT: L = L("Count", "จำนวน");
const MEANING: L = L("Meaning", "ความหมาย");
const DETAILS: L = L("Errors in detail", "รายละเอียดข้อผิดพลาด");
const PATHS: L = L("Top paths", "path ที่พบมาก");
const CLIENTS: L = L("Top clients", "ไคลเอนต์ที่พบมาก");
const PEAK: L = L("Peak", "ช่วงสูงสุด");
const PATTERNS: L = L("Patterns", "รูปแบบที่พบ");
const HTTPERR: L = L("HTTPERR entries", "รายการ HTTPERR");
const FTP: L = L("FTP entries", "รายการ FTP");
const CONNECTIONS: L = L("Connections (not HTTP)", "การเชื่อมต่อ (ไม่ใช่ HTTP)");
const CAUSES: L = L("Failures by cause", "ความล้มเหลวแยกตามสาเหตุ");
const CAUSE: L = L("Cause", "สาเหตุ");
const MALFORMED_H: L = L(
    "Malformed lines (first ones)",
    "บรรทัดที่อ่านไม่ได้ (ตัวอย่างแรก ๆ)",
);
const INPUTS_H: L = L("Inputs", "ไฟล์ที่อ่าน");
const NOT_READ: L = L("Could not be read", "อ่านไม่ได้");
const NONE: L = L("No requests counted.", "ไม่มีคำขอที่นับได้");
const APPROX: L = L(
    "Approximate: too many distinct values to keep them all.",
    "ค่าประมาณ: มีค่าไม่ซ้ำมากเกินกว่าจะเก็บทั้งหมด",
);

/// Writes the report as one self-contained HTML page.
pub fn html(r: &Report, w: &mut dyn Write) -> io::Result<()> {
    let lang = lang_of(r);
    let page = page(r, lang).into_string();
    w.write_all(page.as_bytes())
}

fn page(r: &Report, lang: Lang) -> Markup {
    let title = TITLE.get(lang);
    let errors: u64 = r
        .classes
        .iter()
        .filter(|c| c.class == "4xx" || c.class == "5xx")
        .map(|c| c.count)
        .sum();
    let share = if r.records == 0 {
        0.0
    } else {
        errors as f64 * 100.0 / r.records as f64
    };
    html! {
        // The same doctype the report has always started with (maud's DOCTYPE is upper case).
        (PreEscaped("<!doctype html>\n"))
        html lang=(r.lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width,initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (title) }
                // Our own stylesheet, a constant: not text from the logs.
                style { (PreEscaped(CSS)) }
            }
            body {
                main {
                    h1 { (title) }
                    @if let (Some(a), Some(b)) = (&r.first_time, &r.last_time) {
                        p.muted { (LogText(a)) " → " (LogText(b)) }
                    }
                    div.cards {
                        (card(&thousands(r.records), REQUESTS.get(lang)))
                        (card(&format!("{share:.1}%"), ERRORS.get(lang)))
                        (card(&thousands(r.malformed), MALFORMED.get(lang)))
                        @if r.filtered > 0 {
                            (card(&thousands(r.filtered), FILTERED.get(lang)))
                        }
                        (card(&r.inputs.len().to_string(), INPUTS.get(lang)))
                    }
                    @if r.records == 0 {
                        p { (NONE.get(lang)) }
                    } @else {
                        (traffic(r, lang))
                    }
                    (findings(r, lang))
                    (sources(r, lang))
                    p.muted { "httpstatus logs · " (crate::report::SCHEMA) }
                }
            }
        }
        "\n"
    }
}

/// The charts and the tables of counted requests.
fn traffic(r: &Report, lang: Lang) -> Markup {
    let top: Vec<(String, u64, &str)> = r
        .codes
        .iter()
        .take(12)
        .map(|c| (format!("{} {}", c.code, c.title), c.count, color(c.class)))
        .collect();
    let paths: Vec<(String, u64, &str)> = r
        .top_failing_paths
        .iter()
        .map(|c| (c.value.clone(), c.count, "#d99a16"))
        .collect();
    let detailed: Vec<_> = r.codes.iter().filter(|c| !c.top_paths.is_empty()).collect();
    html! {
        h2 { (OVER_TIME.get(lang)) }
        (timeline_chart(&r.timeline.buckets, r.timeline.bucket_seconds, lang))
        div.two {
            section {
                h2 { (TOP_CODES.get(lang)) }
                (bar_chart(&top, "codes"))
            }
            section {
                h2 { (TOP_PATHS.get(lang)) }
                @if paths.is_empty() {
                    p.muted { "—" }
                } @else {
                    (bar_chart(&paths, "paths"))
                }
            }
        }
        h2 { (BY_CLASS.get(lang)) }
        table {
            tr { th {} th.n { (COUNT.get(lang)) } th.n { "%" } }
            @for c in &r.classes {
                tr {
                    td { span.dot style={ "background:" (color(c.class)) } {} (c.class) " " (c.name) }
                    td.n { (thousands(c.count)) }
                    td.n { (format!("{:.1}", c.percent)) }
                }
            }
        }
        h2 { (BY_CODE.get(lang)) }
        table #codes {
            tr {
                th { (CODE.get(lang)) }
                th.n { (COUNT.get(lang)) }
                th.n { "%" }
                th { (MEANING.get(lang)) }
            }
            @for c in &r.codes {
                tr {
                    td.c { span.dot style={ "background:" (color(c.class)) } {} b { (LogText(&c.code)) } }
                    td.n { (thousands(c.count)) }
                    td.n { (format!("{:.1}", c.percent)) }
                    td {
                        b { (LogText(&c.title)) } " — " (LogText(&c.explanation))
                        @for x in c.win32.iter().filter(|x| x.code != 0 || c.win32.len() > 1).take(8) {
                            br;
                            span.muted {
                                "win32 " (x.code) " " (x.name.unwrap_or("")) " ×" (thousands(x.count))
                                " " (x.explanation.unwrap_or(""))
                            }
                        }
                    }
                }
            }
        }
        @if !detailed.is_empty() {
            h2 { (DETAILS.get(lang)) }
            @for c in detailed {
                details {
                    summary { (LogText(&c.code)) " " (LogText(&c.title)) " — " (thousands(c.count)) }
                    div.two {
                        (count_table(PATHS.get(lang), &c.top_paths))
                        (count_table(CLIENTS.get(lang), &c.top_clients))
                    }
                    @if let Some(p) = &c.peak {
                        p { (PEAK.get(lang)) ": " (LogText(&p.start)) " (" (thousands(p.count)) ")" }
                    }
                    @if c.approximate {
                        p.muted { (APPROX.get(lang)) }
                    }
                }
            }
        }
    }
}

/// Patterns, failures by cause, notes, and the HTTPERR, FTP and connection logs.
fn findings(r: &Report, lang: Lang) -> Markup {
    html! {
        @if !r.patterns.is_empty() {
            h2 { (PATTERNS.get(lang)) }
            @for p in &r.patterns {
                div class={ "pattern " (p.level) } {
                    b { (p.title) } br; (LogText(&p.detail))
                }
            }
        }
        @if !r.causes.is_empty() {
            h2 { (CAUSES.get(lang)) }
            table {
                tr {
                    th { (CODE.get(lang)) }
                    th { (CAUSE.get(lang)) }
                    th.n { (COUNT.get(lang)) }
                    th { (MEANING.get(lang)) }
                }
                @for c in &r.causes {
                    tr {
                        td.c { (LogText(&c.code)) }
                        td.mono { (c.kind) ": " (LogText(&c.value)) }
                        td.n { (thousands(c.count)) }
                        td { (LogText(c.explanation.as_deref().unwrap_or(""))) }
                    }
                }
            }
        }
        @for n in &r.notes {
            p.muted { (LogText(&n.text)) }
        }
        @for (label, log) in [
            (HTTPERR.get(lang), &r.httperr),
            (FTP.get(lang), &r.ftp),
            (CONNECTIONS.get(lang), &r.connections),
        ] {
            @if let Some(log) = log {
                h2 { (label) ": " (thousands(log.entries)) }
                p.muted { (log.note) }
                table {
                    @for row in &log.rows {
                        tr {
                            td.mono { (LogText(&row.value)) }
                            td.n { (thousands(row.count)) }
                            td { (row.explanation.unwrap_or("")) }
                        }
                    }
                }
            }
        }
    }
}

/// The lines that could not be read, the inputs, and the inputs that could not be read.
fn sources(r: &Report, lang: Lang) -> Markup {
    html! {
        @if !r.malformed_examples.is_empty() {
            h2 { (MALFORMED_H.get(lang)) " — " (thousands(r.malformed)) }
            table {
                @for m in &r.malformed_examples {
                    tr {
                        td.mono { (LogText(&m.input)) ":" (m.line) }
                        td { (LogText(&m.reason)) }
                        td.mono { (LogText(&m.text)) }
                    }
                }
            }
        }
        h2 { (INPUTS_H.get(lang)) }
        table {
            @for i in &r.inputs {
                tr {
                    td.mono { (LogText(&i.name)) }
                    td { (i.format.map_or("?", |f| f.token())) }
                    td { (i.compression.to_string()) }
                    td.n { (thousands(i.lines)) }
                    td.n { (thousands(i.records + i.other)) }
                }
            }
        }
        @if !r.errors.is_empty() {
            h2 { (NOT_READ.get(lang)) }
            table {
                @for e in &r.errors {
                    tr {
                        td.mono { (LogText(&e.input)) }
                        td { (LogText(&e.message)) }
                    }
                }
            }
        }
    }
}

fn card(value: &str, label: &str) -> Markup {
    html! {
        div.card { b { (value) } span.muted { (label) } }
    }
}

fn count_table(title: &str, rows: &[Count]) -> Markup {
    html! {
        section {
            h3 { (title) }
            table {
                @for c in rows {
                    tr {
                        td.mono { (LogText(&c.value)) }
                        td.n { (thousands(c.count)) }
                    }
                }
            }
        }
    }
}

/// Stacked bars, one per bucket (empty buckets included), at most 400 bars.
fn timeline_chart(buckets: &[ClassBucket], width: i64, lang: Lang) -> Markup {
    let (Some(first), Some(last)) = (buckets.first(), buckets.last()) else {
        return html! { p.muted { "—" } };
    };
    let width = width.max(1);
    let span = usize::try_from((last.t - first.t) / width + 1)
        .unwrap_or(1)
        .max(1);
    let n = span.min(400);
    let mut cols = vec![[0u64; 6]; n];
    for b in buckets {
        let i = usize::try_from((b.t - first.t) / width)
            .unwrap_or(0)
            .min(span - 1)
            * n
            / span;
        for (a, v) in cols[i].iter_mut().zip(b.counts()) {
            *a += v;
        }
    }
    let max = cols
        .iter()
        .map(|c| c.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1);
    let (w, hgt, left, bottom) = (960.0_f64, 240.0_f64, 56.0_f64, 22.0_f64);
    let plot_w = w - left - 8.0;
    let plot_h = hgt - bottom - 8.0;
    let bar_w = plot_w / n as f64;
    // One rectangle per class with requests, per column: (x, y, height, class index, value, start).
    let mut rects = Vec::new();
    for (i, col) in cols.iter().enumerate() {
        let x = left + i as f64 * bar_w;
        let mut y = 8.0 + plot_h;
        if col.iter().sum::<u64>() == 0 {
            continue;
        }
        let start = crate::time::format_rfc3339(first.t + (i * span / n) as i64 * width);
        for (k, v) in col.iter().enumerate() {
            if *v == 0 {
                continue;
            }
            let bh = *v as f64 / max as f64 * plot_h;
            y -= bh;
            rects.push((x, y, bh, k, *v, start.clone()));
        }
    }
    html! {
        svg viewBox={ "0 0 " (w) " " (hgt) } role="img" aria-label=(OVER_TIME.get(lang)) id="timeline" {
            line x1=(left) y1=(8.0 + plot_h) x2=(w - 8.0) y2=(8.0 + plot_h) stroke="currentColor" opacity=".3" {}
            text x=(left - 6.0) y="16" text-anchor="end" { (thousands(max)) }
            text x=(left - 6.0) y=(8.0 + plot_h) text-anchor="end" { "0" }
            @for (x, y, bh, k, v, start) in &rects {
                rect x=(format!("{x:.2}")) y=(format!("{y:.2}")) width=(format!("{:.2}", (bar_w - 0.5).max(0.5)))
                    height=(format!("{bh:.2}")) fill=(CLASS_COLORS[*k].1) {
                    title { (LogText(start)) " " (CLASS_COLORS[*k].0) ": " (thousands(*v)) }
                }
            }
            text x=(left) y=(hgt - 4.0) { (LogText(&first.start)) }
            text x=(w - 8.0) y=(hgt - 4.0) text-anchor="end" { (LogText(&last.start)) }
        }
        p class="legend muted" {
            @for (class, col) in CLASS_COLORS {
                span { span.dot style={ "background:" (col) } {} (class) }
            }
            " · " (duration(width * (span / n) as i64, lang)) " " (PER.get(lang))
        }
    }
}

/// Horizontal bars with labels.
fn bar_chart(rows: &[(String, u64, &str)], id: &str) -> Markup {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let row_h = 22.0_f64;
    let (w, label_w) = (520.0_f64, 230.0_f64);
    let hgt = row_h * rows.len() as f64 + 4.0;
    html! {
        svg viewBox={ "0 0 " (w) " " (hgt) } role="img" id=(id) {
            @for (i, (label, count, col)) in rows.iter().enumerate() {
                @let y = i as f64 * row_h + 2.0;
                @let bw = (*count as f64 / max as f64 * (w - label_w - 70.0)).max(1.0);
                @let short: String = if label.chars().count() > 34 {
                    label.chars().take(33).chain(std::iter::once('…')).collect()
                } else {
                    label.clone()
                };
                text x=(format!("{:.1}", label_w - 6.0)) y=(format!("{:.1}", y + 15.0)) text-anchor="end" {
                    title { (LogText(label)) }
                    (LogText(&short))
                }
                rect x=(label_w) y=(format!("{:.1}", y + 3.0)) width=(format!("{bw:.1}"))
                    height=(format!("{:.1}", row_h - 6.0)) fill=(col) rx="2" {}
                text x=(format!("{:.1}", label_w + bw + 4.0)) y=(format!("{:.1}", y + 15.0)) { (thousands(*count)) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_text_is_escaped_and_loses_control_characters() {
        let out = html! { p { (LogText("<script>alert('x')</script>&\"\u{1b}é\u{7f}\tz")) } };
        assert_eq!(
            out.into_string(),
            "<p>&lt;script&gt;alert('x')&lt;/script&gt;&amp;&quot;\u{fffd}é\u{fffd}\tz</p>"
        );
    }
}
