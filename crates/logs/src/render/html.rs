//! The HTML report: one self-contained page (inline CSS and SVG, no script, no external
//! resource), readable offline and safe to mail around. Every text from the logs is escaped.
//!
//! Charts: requests over time stacked by class, the top codes, the top failing paths.

use std::fmt::Write as _;
use std::io::{self, Write};

use httpstatus_codes::Lang;

use super::{duration, lang_of, thousands, L};
use crate::report::{ClassBucket, Count, Report};

/// Escapes text for HTML content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
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
    let mut h = String::with_capacity(64 * 1024);
    page(&mut h, r, lang).map_err(|_| io::Error::other("formatting the HTML report"))?;
    w.write_all(h.as_bytes())
}

fn page(h: &mut String, r: &Report, lang: Lang) -> std::fmt::Result {
    let title = TITLE.get(lang);
    write!(
        h,
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta name=\"color-scheme\" content=\"light dark\">\
         <title>{}</title><style>{CSS}</style></head><body><main>\n",
        r.lang,
        esc(title)
    )?;
    write!(h, "<h1>{}</h1>", esc(title))?;
    if let (Some(a), Some(b)) = (&r.first_time, &r.last_time) {
        write!(h, "<p class=\"muted\">{} → {}</p>", esc(a), esc(b))?;
    }
    let errors: u64 = r
        .classes
        .iter()
        .filter(|c| c.class == "4xx" || c.class == "5xx")
        .map(|c| c.count)
        .sum();
    write!(h, "<div class=\"cards\">")?;
    card(h, &thousands(r.records), REQUESTS.get(lang))?;
    let share = if r.records == 0 {
        0.0
    } else {
        errors as f64 * 100.0 / r.records as f64
    };
    card(h, &format!("{share:.1}%"), ERRORS.get(lang))?;
    card(h, &thousands(r.malformed), MALFORMED.get(lang))?;
    if r.filtered > 0 {
        card(h, &thousands(r.filtered), FILTERED.get(lang))?;
    }
    card(h, &r.inputs.len().to_string(), INPUTS.get(lang))?;
    write!(h, "</div>")?;

    if r.records == 0 {
        write!(h, "<p>{}</p>", esc(NONE.get(lang)))?;
    } else {
        write!(h, "<h2>{}</h2>", esc(OVER_TIME.get(lang)))?;
        timeline_chart(h, &r.timeline.buckets, r.timeline.bucket_seconds, lang)?;
        write!(
            h,
            "<div class=\"two\"><section><h2>{}</h2>",
            esc(TOP_CODES.get(lang))
        )?;
        let top: Vec<(String, u64, &str)> = r
            .codes
            .iter()
            .take(12)
            .map(|c| (format!("{} {}", c.code, c.title), c.count, color(c.class)))
            .collect();
        bar_chart(h, &top, "codes")?;
        write!(
            h,
            "</section><section><h2>{}</h2>",
            esc(TOP_PATHS.get(lang))
        )?;
        let paths: Vec<(String, u64, &str)> = r
            .top_failing_paths
            .iter()
            .map(|c| (c.value.clone(), c.count, "#d99a16"))
            .collect();
        if paths.is_empty() {
            write!(h, "<p class=\"muted\">—</p>")?;
        } else {
            bar_chart(h, &paths, "paths")?;
        }
        write!(h, "</section></div>")?;

        write!(
            h,
            "<h2>{}</h2><table><tr><th></th><th class=\"n\">{}</th><th class=\"n\">%</th></tr>",
            esc(BY_CLASS.get(lang)),
            esc(COUNT.get(lang))
        )?;
        for c in &r.classes {
            write!(
                h,
                "<tr><td><span class=\"dot\" style=\"background:{}\"></span>{} {}</td><td class=\"n\">{}</td><td class=\"n\">{:.1}</td></tr>",
                color(c.class),
                esc(c.class),
                esc(c.name),
                thousands(c.count),
                c.percent
            )?;
        }
        write!(h, "</table>")?;

        write!(
            h,
            "<h2>{}</h2><table id=\"codes\"><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">%</th><th>{}</th></tr>",
            esc(BY_CODE.get(lang)),
            esc(CODE.get(lang)),
            esc(COUNT.get(lang)),
            esc(MEANING.get(lang))
        )?;
        for c in &r.codes {
            write!(
                h,
                "<tr><td class=\"c\"><span class=\"dot\" style=\"background:{}\"></span><b>{}</b></td><td class=\"n\">{}</td><td class=\"n\">{:.1}</td><td><b>{}</b> — {}",
                color(c.class),
                esc(&c.code),
                thousands(c.count),
                c.percent,
                esc(&c.title),
                esc(&c.explanation)
            )?;
            for x in c
                .win32
                .iter()
                .filter(|x| x.code != 0 || c.win32.len() > 1)
                .take(8)
            {
                write!(
                    h,
                    "<br><span class=\"muted\">win32 {} {} ×{} {}</span>",
                    x.code,
                    esc(x.name.unwrap_or("")),
                    thousands(x.count),
                    esc(x.explanation.unwrap_or(""))
                )?;
            }
            write!(h, "</td></tr>")?;
        }
        write!(h, "</table>")?;

        let detailed: Vec<_> = r.codes.iter().filter(|c| !c.top_paths.is_empty()).collect();
        if !detailed.is_empty() {
            write!(h, "<h2>{}</h2>", esc(DETAILS.get(lang)))?;
            for c in detailed {
                write!(
                    h,
                    "<details><summary>{} {} — {}</summary><div class=\"two\">",
                    esc(&c.code),
                    esc(&c.title),
                    thousands(c.count)
                )?;
                count_table(h, PATHS.get(lang), &c.top_paths)?;
                count_table(h, CLIENTS.get(lang), &c.top_clients)?;
                write!(h, "</div>")?;
                if let Some(p) = &c.peak {
                    write!(
                        h,
                        "<p>{}: {} ({})</p>",
                        esc(PEAK.get(lang)),
                        esc(&p.start),
                        thousands(p.count)
                    )?;
                }
                if c.approximate {
                    write!(h, "<p class=\"muted\">{}</p>", esc(APPROX.get(lang)))?;
                }
                write!(h, "</details>")?;
            }
        }
    }

    if !r.patterns.is_empty() {
        write!(h, "<h2>{}</h2>", esc(PATTERNS.get(lang)))?;
        for p in &r.patterns {
            write!(
                h,
                "<div class=\"pattern {}\"><b>{}</b><br>{}</div>",
                esc(p.level),
                esc(p.title),
                esc(&p.detail)
            )?;
        }
    }
    if !r.causes.is_empty() {
        write!(
            h,
            "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th class=\"n\">{}</th><th>{}</th></tr>",
            esc(CAUSES.get(lang)),
            esc(CODE.get(lang)),
            esc(CAUSE.get(lang)),
            esc(COUNT.get(lang)),
            esc(MEANING.get(lang))
        )?;
        for c in &r.causes {
            write!(
                h,
                "<tr><td class=\"c\">{}</td><td class=\"mono\">{}: {}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                esc(&c.code),
                esc(c.kind),
                esc(&c.value),
                thousands(c.count),
                esc(c.explanation.as_deref().unwrap_or(""))
            )?;
        }
        write!(h, "</table>")?;
    }
    for n in &r.notes {
        write!(h, "<p class=\"muted\">{}</p>", esc(&n.text))?;
    }
    for (label, log) in [
        (HTTPERR.get(lang), &r.httperr),
        (FTP.get(lang), &r.ftp),
        (CONNECTIONS.get(lang), &r.connections),
    ] {
        let Some(log) = log else { continue };
        write!(
            h,
            "<h2>{}: {}</h2><p class=\"muted\">{}</p><table>",
            esc(label),
            thousands(log.entries),
            esc(log.note)
        )?;
        for row in &log.rows {
            write!(
                h,
                "<tr><td class=\"mono\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                esc(&row.value),
                thousands(row.count),
                esc(row.explanation.unwrap_or(""))
            )?;
        }
        write!(h, "</table>")?;
    }
    if !r.malformed_examples.is_empty() {
        write!(
            h,
            "<h2>{} — {}</h2><table>",
            esc(MALFORMED_H.get(lang)),
            thousands(r.malformed)
        )?;
        for m in &r.malformed_examples {
            write!(
                h,
                "<tr><td class=\"mono\">{}:{}</td><td>{}</td><td class=\"mono\">{}</td></tr>",
                esc(&m.input),
                m.line,
                esc(&m.reason),
                esc(&m.text)
            )?;
        }
        write!(h, "</table>")?;
    }
    write!(h, "<h2>{}</h2><table>", esc(INPUTS_H.get(lang)))?;
    for i in &r.inputs {
        write!(
            h,
            "<tr><td class=\"mono\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&i.name),
            esc(i.format.map_or("?", |f| f.token())),
            esc(&i.compression.to_string()),
            thousands(i.lines),
            thousands(i.records + i.other)
        )?;
    }
    write!(h, "</table>")?;
    if !r.errors.is_empty() {
        write!(h, "<h2>{}</h2><table>", esc(NOT_READ.get(lang)))?;
        for e in &r.errors {
            write!(
                h,
                "<tr><td class=\"mono\">{}</td><td>{}</td></tr>",
                esc(&e.input),
                esc(&e.message)
            )?;
        }
        write!(h, "</table>")?;
    }
    writeln!(
        h,
        "<p class=\"muted\">httpstatus logs · {}</p></main></body></html>",
        esc(crate::report::SCHEMA)
    )
}

fn card(h: &mut String, value: &str, label: &str) -> std::fmt::Result {
    write!(
        h,
        "<div class=\"card\"><b>{}</b><span class=\"muted\">{}</span></div>",
        esc(value),
        esc(label)
    )
}

fn count_table(h: &mut String, title: &str, rows: &[Count]) -> std::fmt::Result {
    write!(h, "<section><h3>{}</h3><table>", esc(title))?;
    for c in rows {
        write!(
            h,
            "<tr><td class=\"mono\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&c.value),
            thousands(c.count)
        )?;
    }
    write!(h, "</table></section>")
}

/// Stacked bars, one per bucket (empty buckets included), at most 400 bars.
fn timeline_chart(
    h: &mut String,
    buckets: &[ClassBucket],
    width: i64,
    lang: Lang,
) -> std::fmt::Result {
    let (Some(first), Some(last)) = (buckets.first(), buckets.last()) else {
        return write!(h, "<p class=\"muted\">—</p>");
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
    write!(
        h,
        "<svg viewBox=\"0 0 {w} {hgt}\" role=\"img\" aria-label=\"{}\" id=\"timeline\">",
        esc(OVER_TIME.get(lang))
    )?;
    write!(h, "<line x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"currentColor\" opacity=\".3\"/>", 8.0 + plot_h, w - 8.0, 8.0 + plot_h)?;
    write!(
        h,
        "<text x=\"{}\" y=\"16\" text-anchor=\"end\">{}</text>",
        left - 6.0,
        thousands(max)
    )?;
    write!(
        h,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>",
        left - 6.0,
        8.0 + plot_h
    )?;
    for (i, col) in cols.iter().enumerate() {
        let x = left + i as f64 * bar_w;
        let mut y = 8.0 + plot_h;
        let total: u64 = col.iter().sum();
        if total == 0 {
            continue;
        }
        let start = crate::time::format_rfc3339(first.t + (i * span / n) as i64 * width);
        for (k, v) in col.iter().enumerate() {
            if *v == 0 {
                continue;
            }
            let bh = *v as f64 / max as f64 * plot_h;
            y -= bh;
            write!(
                h,
                "<rect x=\"{x:.2}\" y=\"{y:.2}\" width=\"{:.2}\" height=\"{bh:.2}\" fill=\"{}\"><title>{} {}: {}</title></rect>",
                (bar_w - 0.5).max(0.5),
                CLASS_COLORS[k].1,
                esc(&start),
                CLASS_COLORS[k].0,
                thousands(*v)
            )?;
        }
    }
    write!(
        h,
        "<text x=\"{left}\" y=\"{}\">{}</text>",
        hgt - 4.0,
        esc(&first.start)
    )?;
    write!(
        h,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text></svg>",
        w - 8.0,
        hgt - 4.0,
        esc(&last.start)
    )?;
    write!(h, "<p class=\"legend muted\">")?;
    for (class, col) in CLASS_COLORS {
        write!(
            h,
            "<span><span class=\"dot\" style=\"background:{col}\"></span>{class}</span>"
        )?;
    }
    write!(
        h,
        " · {} {}</p>",
        esc(&duration(width * (span / n) as i64, lang)),
        esc(PER.get(lang))
    )
}

/// Horizontal bars with labels.
fn bar_chart(h: &mut String, rows: &[(String, u64, &str)], id: &str) -> std::fmt::Result {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let row_h = 22.0_f64;
    let (w, label_w) = (520.0_f64, 230.0_f64);
    let hgt = row_h * rows.len() as f64 + 4.0;
    write!(
        h,
        "<svg viewBox=\"0 0 {w} {hgt}\" role=\"img\" id=\"{}\">",
        esc(id)
    )?;
    for (i, (label, count, col)) in rows.iter().enumerate() {
        let y = i as f64 * row_h + 2.0;
        let bw = (*count as f64 / max as f64 * (w - label_w - 70.0)).max(1.0);
        let short: String = if label.chars().count() > 34 {
            label.chars().take(33).chain(std::iter::once('…')).collect()
        } else {
            label.clone()
        };
        write!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\"><title>{}</title>{}</text>\
             <rect x=\"{label_w}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"{:.1}\" fill=\"{col}\" rx=\"2\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            label_w - 6.0,
            y + 15.0,
            esc(label),
            esc(&short),
            y + 3.0,
            row_h - 6.0,
            label_w + bw + 4.0,
            y + 15.0,
            thousands(*count)
        )?;
    }
    write!(h, "</svg>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            esc("<script>alert('x')</script>&\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"
        );
        assert_eq!(esc("a\u{1b}b"), "a\u{fffd}b");
    }
}
