//! The terminal report: totals by class and by code, each code explained in one line, then the
//! details of each error code (top paths, clients, when), the named patterns, HTTPERR and FTP
//! entries, and the first malformed lines.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use httpstatus_codes::Lang;

use super::{duration, lang_of, thousands, L};
use crate::report::{CodeRow, Report};

/// How to print the terminal report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextOptions {
    /// Columns available.
    pub width: usize,
    /// Emit ANSI styles (the caller strips them when they should not show).
    pub color: bool,
    /// Totals only: no per-code details, patterns or examples.
    pub brief: bool,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            width: 100,
            color: false,
            brief: false,
        }
    }
}

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

fn class_style(class: &str) -> Style {
    let color = match class {
        "1xx" => AnsiColor::Blue,
        "2xx" => AnsiColor::Green,
        "3xx" => AnsiColor::Cyan,
        "4xx" => AnsiColor::Yellow,
        "5xx" => AnsiColor::Red,
        _ => AnsiColor::Magenta,
    };
    Style::new().fg_color(Some(color.into()))
}

struct Out<'w> {
    w: &'w mut dyn Write,
    color: bool,
    width: usize,
}

impl Out<'_> {
    fn styled(&mut self, style: Style, s: &str) -> io::Result<()> {
        if self.color {
            write!(self.w, "{style}{s}{style:#}")
        } else {
            write!(self.w, "{s}")
        }
    }
}

/// Columns a string takes: characters, less the combining marks (Thai vowel and tone marks,
/// Latin accents) that sit on the character before them.
pub(crate) fn columns(s: &str) -> usize {
    s.chars().filter(|c| !is_combining(*c)).count()
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}' | '\u{0e31}' | '\u{0e34}'..='\u{0e3a}' | '\u{0e47}'..='\u{0e4e}' | '\u{200b}')
}

/// `s` followed by spaces up to `width` columns.
fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(columns(s))))
}

/// Cuts to `max` columns, with `…` when cut. Control characters from logs are replaced so
/// they cannot move the cursor or change colours.
fn fit(s: &str, max: usize) -> String {
    let clean = s
        .chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c });
    if columns(s) <= max {
        return clean.collect();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in clean {
        if !is_combining(c) {
            if used + 1 >= max {
                break;
            }
            used += 1;
        }
        out.push(c);
    }
    out.push('…');
    out
}

const REQUESTS: L = L("requests", "คำขอ");
const FROM: L = L("from", "จาก");
const INPUTS: L = L("input(s)", "ไฟล์");
const MALFORMED: L = L("malformed lines", "บรรทัดที่อ่านไม่ได้");
const FILTERED: L = L("left out by filters", "ถูกตัดออกโดยตัวกรอง");
const BY_CLASS: L = L("By class", "ตามกลุ่ม");
const BY_CODE: L = L("By code", "ตามรหัส");
const ERRORS: L = L("Errors in detail", "รายละเอียดข้อผิดพลาด");
const PATHS: L = L("paths", "path");
const CLIENTS: L = L("clients", "ไคลเอนต์");
const WHEN: L = L("when", "ช่วงเวลา");
const PEAK: L = L("peak", "สูงสุด");
const PER: L = L("per", "ต่อ");
const PATTERNS: L = L("Patterns", "รูปแบบที่พบ");
const FIRST: L = L("first ones", "ตัวอย่างแรก ๆ");
const LINE: L = L("line", "บรรทัด");
const APPROX: L = L(
    "(approximate: too many distinct values to keep them all)",
    "(ค่าประมาณ: มีค่าไม่ซ้ำมากเกินกว่าจะเก็บทั้งหมด)",
);
const NOTHING: L = L("No requests counted.", "ไม่มีคำขอที่นับได้");
const HTTPERR: L = L("HTTPERR entries", "รายการ HTTPERR");
const FTP: L = L("FTP entries", "รายการ FTP");
const COMMANDS: L = L("commands", "คำสั่ง");
const CONNECTIONS: L = L("Connections (not HTTP)", "การเชื่อมต่อ (ไม่ใช่ HTTP)");
const CAUSES: L = L("Failures by cause", "ความล้มเหลวแยกตามสาเหตุ");

/// Writes the terminal report.
pub fn text(r: &Report, w: &mut dyn Write, o: &TextOptions) -> io::Result<()> {
    let lang = lang_of(r);
    let mut out = Out {
        w,
        color: o.color,
        width: o.width.max(40),
    };
    header(&mut out, r, lang)?;
    if r.records > 0 {
        classes(&mut out, r, lang)?;
        codes(&mut out, r, lang)?;
        if !o.brief {
            details(&mut out, r, lang)?;
        }
    } else if r.counted() == 0 {
        writeln!(out.w, "\n{}", NOTHING.get(lang))?;
    }
    if !o.brief {
        patterns(&mut out, r, lang)?;
        causes(&mut out, r, lang)?;
        others(&mut out, r, lang)?;
        malformed(&mut out, r, lang)?;
    }
    Ok(())
}

fn header(out: &mut Out<'_>, r: &Report, lang: Lang) -> io::Result<()> {
    let formats: Vec<&str> = r.formats.keys().map(|f| f.token()).collect();
    out.styled(
        BOLD,
        &format!("{} {}", thousands(r.records), REQUESTS.get(lang)),
    )?;
    write!(
        out.w,
        " {} {} {}",
        FROM.get(lang),
        r.inputs.len(),
        INPUTS.get(lang)
    )?;
    if !formats.is_empty() {
        write!(out.w, " ({})", formats.join(", "))?;
    }
    if let (Some(a), Some(b)) = (&r.first_time, &r.last_time) {
        write!(
            out.w,
            ", {} → {}",
            a.replace('T', " ").trim_end_matches('Z'),
            b.replace('T', " ").trim_end_matches('Z')
        )?;
        write!(out.w, " UTC")?;
    }
    writeln!(out.w)?;
    let mut notes = Vec::new();
    if r.malformed > 0 {
        notes.push(format!(
            "{} {}",
            thousands(r.malformed),
            MALFORMED.get(lang)
        ));
    }
    if r.filtered > 0 {
        notes.push(format!("{} {}", thousands(r.filtered), FILTERED.get(lang)));
    }
    if !notes.is_empty() {
        out.styled(DIM, &notes.join(" · "))?;
        writeln!(out.w)?;
    }
    for n in &r.notes {
        for line in wrap(&n.text, out.width) {
            out.styled(DIM, &line)?;
            writeln!(out.w)?;
        }
    }
    Ok(())
}

fn causes(out: &mut Out<'_>, r: &Report, lang: Lang) -> io::Result<()> {
    if r.causes.is_empty() {
        return Ok(());
    }
    writeln!(out.w)?;
    out.styled(BOLD, CAUSES.get(lang))?;
    writeln!(out.w)?;
    let value_w = r
        .causes
        .iter()
        .map(|c| c.value.chars().count())
        .max()
        .unwrap_or(1)
        .min(24);
    for c in r.causes.iter().take(40) {
        let line = format!(
            "  {} {:<20} {:<value_w$} {:>8}",
            c.code,
            c.kind,
            fit(&c.value, 24),
            thousands(c.count),
        );
        writeln!(out.w, "{}", fit(&line, out.width))?;
        if let Some(x) = &c.explanation {
            for line in wrap(x, out.width.saturating_sub(6)) {
                out.styled(DIM, &format!("      {line}"))?;
                writeln!(out.w)?;
            }
        }
    }
    Ok(())
}

fn classes(out: &mut Out<'_>, r: &Report, lang: Lang) -> io::Result<()> {
    writeln!(out.w)?;
    out.styled(BOLD, BY_CLASS.get(lang))?;
    writeln!(out.w)?;
    let max = r.classes.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    let name_w = r.classes.iter().map(|c| columns(c.name)).max().unwrap_or(0);
    let bar_w = out.width.saturating_sub(name_w + 32).clamp(4, 40);
    for c in &r.classes {
        let bar =
            "█".repeat(usize::try_from(c.count.saturating_mul(bar_w as u64) / max).unwrap_or(0));
        let style = class_style(c.class);
        out.styled(
            style,
            &format!(
                "  {:<4}",
                if c.class == "non-standard" {
                    "???"
                } else {
                    c.class
                }
            ),
        )?;
        write!(
            out.w,
            " {} {:>12} {:>6.1}%  ",
            pad(c.name, name_w),
            thousands(c.count),
            c.percent
        )?;
        out.styled(style, &bar)?;
        writeln!(out.w)?;
    }
    Ok(())
}

fn codes(out: &mut Out<'_>, r: &Report, lang: Lang) -> io::Result<()> {
    writeln!(out.w)?;
    out.styled(BOLD, BY_CODE.get(lang))?;
    writeln!(out.w)?;
    let code_w = r
        .codes
        .iter()
        .map(|c| c.code.len())
        .max()
        .unwrap_or(3)
        .max(3);
    let count_w = r
        .codes
        .iter()
        .map(|c| thousands(c.count).len())
        .max()
        .unwrap_or(1);
    let text_w = out.width.saturating_sub(code_w + count_w + 14).max(20);
    for c in &r.codes {
        out.styled(class_style(c.class), &format!("  {:<code_w$}", c.code))?;
        write!(
            out.w,
            " {:>count_w$} {:>6.1}%  ",
            thousands(c.count),
            c.percent
        )?;
        let line = format!("{} — {}", c.title, c.explanation);
        writeln!(out.w, "{}", fit(&line, text_w))?;
        for x in c
            .win32
            .iter()
            .filter(|x| x.code != 0 || c.win32.len() > 1)
            .take(5)
        {
            let name = x.name.map(|n| format!(" {n}")).unwrap_or_default();
            let what = x.explanation.map(|e| format!(": {e}")).unwrap_or_default();
            let line = format!("win32 {}{name} ×{}{what}", x.code, thousands(x.count));
            out.styled(
                DIM,
                &format!(
                    "  {:code_w$} {:>count_w$}          {}",
                    "",
                    "",
                    fit(&line, text_w)
                ),
            )?;
            writeln!(out.w)?;
        }
    }
    if r.lumped > 0 {
        writeln!(
            out.w,
            "  {:code_w$} {:>count_w$}   (other codes)",
            "…",
            thousands(r.lumped)
        )?;
    }
    Ok(())
}

/// A sparkline of a code's timeline over the report's whole time range.
fn sparkline(c: &CodeRow, r: &Report) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let all = &r.timeline.buckets;
    let (Some(first), Some(last)) = (all.first(), all.last()) else {
        return String::new();
    };
    let width = r.timeline.bucket_seconds.max(1);
    let n = usize::try_from((last.t - first.t) / width + 1)
        .unwrap_or(1)
        .clamp(1, 10_000);
    let cols = n.min(60);
    let mut v = vec![0u64; cols];
    for p in &c.timeline {
        if let Some(t) = crate::time::parse_iso(p.start.as_bytes()) {
            let i = usize::try_from((t - first.t) / width)
                .unwrap_or(0)
                .min(n - 1);
            v[i * cols / n] += p.count;
        }
    }
    let max = v.iter().copied().max().unwrap_or(0).max(1);
    v.iter()
        .map(|x| {
            if *x == 0 {
                ' '
            } else {
                BARS[usize::try_from(*x * 7 / max).unwrap_or(7).min(7)]
            }
        })
        .collect()
}

fn details(out: &mut Out<'_>, r: &Report, lang: Lang) -> io::Result<()> {
    let errors: Vec<&CodeRow> = r.codes.iter().filter(|c| !c.top_paths.is_empty()).collect();
    if errors.is_empty() {
        return Ok(());
    }
    writeln!(out.w)?;
    out.styled(BOLD, ERRORS.get(lang))?;
    writeln!(out.w)?;
    let text_w = out.width.saturating_sub(24).max(20);
    for c in errors {
        writeln!(out.w)?;
        out.styled(class_style(c.class), &format!("  {} {}", c.code, c.title))?;
        writeln!(out.w, " — {} {}", thousands(c.count), REQUESTS.get(lang))?;
        for (label, rows) in [
            (PATHS.get(lang), &c.top_paths),
            (CLIENTS.get(lang), &c.top_clients),
        ] {
            for (i, row) in rows.iter().take(5).enumerate() {
                let head = if i == 0 { label } else { "" };
                writeln!(
                    out.w,
                    "    {} {:>10}  {}",
                    pad(head, 9),
                    thousands(row.count),
                    fit(&row.value, text_w)
                )?;
            }
        }
        if let Some(peak) = &c.peak {
            let spark = sparkline(c, r);
            write!(out.w, "    {} ", pad(WHEN.get(lang), 9))?;
            out.styled(class_style(c.class), &spark)?;
            writeln!(out.w)?;
            writeln!(
                out.w,
                "    {:<9} {}: {} ({}), {} {}",
                "",
                PEAK.get(lang),
                peak.start.replace('T', " ").trim_end_matches('Z'),
                thousands(peak.count),
                PER.get(lang),
                duration(r.timeline.bucket_seconds, lang)
            )?;
        }
        if c.approximate {
            out.styled(DIM, &format!("    {}", APPROX.get(lang)))?;
            writeln!(out.w)?;
        }
    }
    Ok(())
}

fn patterns(out: &mut Out<'_>, r: &Report, lang: Lang) -> io::Result<()> {
    if r.patterns.is_empty() {
        return Ok(());
    }
    writeln!(out.w)?;
    out.styled(BOLD, PATTERNS.get(lang))?;
    writeln!(out.w)?;
    for p in &r.patterns {
        let mark = match p.level {
            "warning" => Style::new().fg_color(Some(AnsiColor::Red.into())),
            "notice" => Style::new().fg_color(Some(AnsiColor::Yellow.into())),
            _ => Style::new().fg_color(Some(AnsiColor::Green.into())),
        };
        out.styled(mark, "  • ")?;
        out.styled(BOLD, p.title)?;
        writeln!(out.w)?;
        for line in wrap(&p.detail, out.width.saturating_sub(4)) {
            writeln!(out.w, "    {line}")?;
        }
    }
    Ok(())
}

fn others(out: &mut Out<'_>, r: &Report, lang: Lang) -> io::Result<()> {
    for (label, log) in [
        (HTTPERR.get(lang), &r.httperr),
        (FTP.get(lang), &r.ftp),
        (CONNECTIONS.get(lang), &r.connections),
    ] {
        let Some(log) = log else { continue };
        writeln!(out.w)?;
        out.styled(BOLD, &format!("{label}: {}", thousands(log.entries)))?;
        writeln!(out.w)?;
        for line in wrap(log.note, out.width.saturating_sub(2)) {
            out.styled(DIM, &format!("  {line}"))?;
            writeln!(out.w)?;
        }
        let value_w = log
            .rows
            .iter()
            .map(|x| x.value.chars().count())
            .max()
            .unwrap_or(1)
            .min(36);
        for row in log.rows.iter().take(15) {
            let what = row.explanation.unwrap_or("");
            let line = format!(
                "  {:<value_w$} {:>10}  {}",
                fit(&row.value, 36),
                thousands(row.count),
                what
            );
            writeln!(out.w, "{}", fit(&line, out.width))?;
        }
        if !log.commands.is_empty() {
            let cmds: Vec<String> = log
                .commands
                .iter()
                .map(|c| format!("{} {}", c.value, thousands(c.count)))
                .collect();
            writeln!(
                out.w,
                "  {}: {}",
                COMMANDS.get(lang),
                fit(&cmds.join(", "), out.width.saturating_sub(14))
            )?;
        }
    }
    Ok(())
}

fn malformed(out: &mut Out<'_>, r: &Report, lang: Lang) -> io::Result<()> {
    if r.malformed == 0 {
        return Ok(());
    }
    writeln!(out.w)?;
    out.styled(
        BOLD,
        &format!("{}: {}", MALFORMED.get(lang), thousands(r.malformed)),
    )?;
    if !r.malformed_examples.is_empty() {
        write!(out.w, " ({})", FIRST.get(lang))?;
    }
    writeln!(out.w)?;
    for m in r.malformed_examples.iter().take(10) {
        writeln!(
            out.w,
            "  {}, {} {}: {}",
            fit(&m.input, 60),
            LINE.get(lang),
            m.line,
            m.reason
        )?;
        out.styled(
            DIM,
            &format!("    {}", fit(&m.text, out.width.saturating_sub(4))),
        )?;
        writeln!(out.w)?;
    }
    Ok(())
}

/// Greedy word wrap (by characters; Thai has no spaces between words, so long Thai lines are
/// cut at spaces between phrases only).
fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(20);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_and_wrapping() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("ab\x1b[31m", 10), "ab\u{fffd}[31m");
        assert_eq!(columns("สำเร็จ"), 5);
        assert_eq!(pad("ที่", 3), "ที่  ");
        assert_eq!(wrap("aaa bbb ccc", 20), vec!["aaa bbb ccc"]);
        assert_eq!(wrap(&"word ".repeat(10), 20).len(), 3);
    }
}
