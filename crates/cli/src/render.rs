//! Human output of entries: full (for one code), brief (one line each), and the notes for codes
//! the registry reads by rule (unassigned, non-standard). Everything writes into `impl Write`;
//! colour is plain ANSI that `anstream` strips when it should not be shown.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use httpstatus_codes::windows::{WinLookup, WinQuery};
use httpstatus_codes::{
    iis_versions_text, Body, Class, Entry, HeaderHint, Lang, Level, Namespace, Text, Wire,
};

use crate::config::Output;

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

/// Labels in both languages.
struct L {
    en: &'static str,
    th: &'static str,
}

impl L {
    fn get(&self, lang: Lang) -> &'static str {
        Text {
            en: self.en,
            th: self.th,
        }
        .get(lang)
    }
}

const SEMANTICS: L = L {
    en: "Semantics",
    th: "ความหมายเชิงโปรโตคอล",
};
const CACHEABLE: L = L {
    en: "Cacheable by default",
    th: "cache ได้โดยปริยาย",
};
const BODY: L = L {
    en: "Body",
    th: "body",
};
const RETRY: L = L {
    en: "Retry",
    th: "การ retry",
};
const REDIRECT: L = L {
    en: "Redirect",
    th: "redirect",
};
const HEADERS: L = L {
    en: "Headers",
    th: "header ที่ควรมี",
};
const ON_WIRE: L = L {
    en: "On the wire",
    th: "สิ่งที่ไคลเอนต์เห็น",
};
const CAUSES: L = L {
    en: "Likely causes",
    th: "สาเหตุที่พบบ่อย",
};
const FIXES: L = L {
    en: "How to fix",
    th: "วิธีแก้",
};
const TIPS: L = L {
    en: "Causes and fixes by stack",
    th: "สาเหตุและวิธีแก้แยกตาม stack",
};
const IN_CODE: L = L {
    en: "In code",
    th: "ชื่อในภาษาและ framework",
};
const IN_CODE_MORE: L = L {
    en: "--constants shows every framework",
    th: "ใช้ --constants เพื่อดูครบทุก framework",
};
const OLDER: L = L {
    en: "older",
    th: "ชื่อเดิม",
};
const SEED: L = L {
    en: "The source page says",
    th: "หน้าต้นฉบับเขียนว่า",
};
const SEE_ALSO: L = L {
    en: "See also",
    th: "ดูเพิ่มเติม",
};
const REFERENCE: L = L {
    en: "Reference",
    th: "อ้างอิง",
};
const ALSO: L = L {
    en: "Same number elsewhere",
    th: "เลขเดียวกันในที่อื่น",
};
const RELATED: L = L {
    en: "Related",
    th: "ที่เกี่ยวข้อง",
};
const PARENT: L = L {
    en: "Parent code",
    th: "status code หลัก",
};
const IIS_VERSIONS: L = L {
    en: "IIS versions",
    th: "เวอร์ชันของ IIS",
};
const STATUS: L = L {
    en: "Registry status",
    th: "สถานะในทะเบียน",
};
const SUB_STATUSES: L = L {
    en: "IIS sub-status codes",
    th: "IIS sub-status code",
};
const YES: L = L {
    en: "yes",
    th: "ได้",
};
const NO: L = L {
    en: "no",
    th: "ไม่ได้",
};

pub fn class_style(class: Class) -> Style {
    let color = match class {
        Class::Informational => AnsiColor::Cyan,
        Class::Success => AnsiColor::Green,
        Class::Redirection => AnsiColor::Blue,
        Class::ClientError => AnsiColor::Yellow,
        Class::ServerError => AnsiColor::Red,
        Class::NonStandard => AnsiColor::Magenta,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

/// `404`, `403.14`, `nginx:499`: how the heading names a code.
fn heading_key(e: &Entry) -> String {
    match e.namespace {
        Namespace::Iana | Namespace::Iis if e.sub.is_some() || e.namespace == Namespace::Iana => {
            e.number()
        }
        _ => format!("{}:{}", e.namespace.token(), e.number()),
    }
}

fn wrap(out: &mut impl Write, text: &str, width: usize, indent: &str) -> io::Result<()> {
    for (i, para) in text.split("\n\n").enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let opts = textwrap::Options::new(width)
            .initial_indent(indent)
            .subsequent_indent(indent)
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for line in textwrap::wrap(&para.replace('\n', " "), opts) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

fn bullet_list(out: &mut impl Write, items: &[Text], o: &Output) -> io::Result<()> {
    for item in items {
        let opts = textwrap::Options::new(o.width)
            .initial_indent("  • ")
            .subsequent_indent("    ")
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for line in textwrap::wrap(item.get(o.lang), opts) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

fn field(out: &mut impl Write, label: &L, value: &str, o: &Output) -> io::Result<()> {
    let head = format!("  {}: ", label.get(o.lang));
    let opts = textwrap::Options::new(o.width)
        .subsequent_indent("      ")
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let first_width = o
        .width
        .saturating_sub(textwrap::core::display_width(&head))
        .max(20);
    let lines = textwrap::wrap(value, opts.width(first_width));
    write!(out, "{DIM}{head}{DIM:#}")?;
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            writeln!(out, "{line}")?;
        } else {
            writeln!(out, "      {}", line.trim_start())?;
        }
    }
    Ok(())
}

/// Header requirements, those with the same level, condition and source grouped:
/// `Cache-Control, Date, ETag: must, when a 200 to the same request would carry it (RFC 9110 §15.4.5)`.
fn header_hints(hints: &[HeaderHint], lang: Lang) -> String {
    let mut groups: Vec<(Vec<&str>, &HeaderHint)> = Vec::new();
    for h in hints {
        let same = |g: &&mut (Vec<&str>, &HeaderHint)| {
            g.1.level == h.level && g.1.when == h.when && g.1.source == h.source
        };
        match groups.iter_mut().find(same) {
            Some(g) => g.0.push(h.name),
            None => groups.push((vec![h.name], h)),
        }
    }
    let level = |l: Level| match (l, lang) {
        (l, Lang::En) => l.token(),
        (Level::Must, Lang::Th) => "ต้องมี",
        (Level::Should, Lang::Th) => "ควรมี",
        (Level::May, Lang::Th) => "มีได้",
    };
    let parts: Vec<String> = groups
        .iter()
        .map(|(names, h)| {
            let mut part = format!("{}: {}", names.join(", "), level(h.level));
            if let Some(when) = h.when {
                part.push_str(if lang == Lang::En { ", " } else { " " });
                part.push_str(when.explain().get(lang));
            }
            if let Some(src) = h.source {
                part.push_str(&format!(" ({})", src.label));
            }
            part
        })
        .collect();
    parts.join("; ")
}

/// One line: `404 Not Found  The server has nothing at this URL.`
pub fn brief(out: &mut impl Write, e: &Entry, o: &Output) -> io::Result<()> {
    let style = class_style(e.class());
    let key = heading_key(e);
    let title = if o.lang == Lang::En {
        e.phrase
    } else {
        e.title.th
    };
    writeln!(
        out,
        "{style}{key}{style:#} {BOLD}{title}{BOLD:#}  {}",
        e.summary.get(o.lang)
    )
}

/// Everything the registry knows about one entry.
pub fn full(out: &mut impl Write, e: &Entry, o: &Output) -> io::Result<()> {
    let lang = o.lang;
    let style = class_style(e.class());
    let key = heading_key(e);
    let class_name = e.class().name().get(lang);
    write!(out, "{style}{key} {}{style:#}", e.phrase)?;
    if lang == Lang::Th || !e.title.en.eq_ignore_ascii_case(e.phrase) {
        write!(out, "  {BOLD}{}{BOLD:#}", e.title.get(lang))?;
    }
    writeln!(
        out,
        "  {DIM}[{} {class_name} · {}]{DIM:#}",
        e.class().token(),
        e.namespace.display_name()
    )?;
    wrap(out, e.summary.get(lang), o.width, "")?;
    writeln!(out)?;
    wrap(out, e.description.get(lang), o.width, "")?;
    writeln!(out)?;

    writeln!(out, "{BOLD}{}{BOLD:#}", SEMANTICS.get(lang))?;
    let s = &e.semantics;
    let yes_no = |b: bool| if b { YES.get(lang) } else { NO.get(lang) };
    field(out, &STATUS, e.status.token(), o)?;
    field(out, &CACHEABLE, yes_no(s.cacheable), o)?;
    let body = match s.body {
        Body::Allowed => Text {
            en: "allowed",
            th: "มีได้",
        },
        Body::Forbidden => Text {
            en: "none: this code never carries content",
            th: "ไม่มี status code นี้ห้ามมีเนื้อหา",
        },
    };
    field(out, &BODY, body.get(lang), o)?;
    let retry = match s.retry_source {
        Some(src) => format!("{} ({})", s.retry.advice().get(lang), src.label),
        None => s.retry.advice().get(lang).to_string(),
    };
    field(out, &RETRY, &retry, o)?;
    if let Some(r) = s.redirect {
        field(out, &REDIRECT, r.explain().get(lang), o)?;
    }
    if !s.headers.is_empty() {
        field(out, &HEADERS, &header_hints(s.headers, lang), o)?;
    }
    let wire = match s.wire {
        Wire::Sent => Text {
            en: "sent as the status line",
            th: "ส่งเป็น status line ตามปกติ",
        },
        Wire::SentAs(_) => Text {
            en: "the client receives this code; the one above appears only in logs and error pages",
            th: "ไคลเอนต์จะได้ status code นี้ ส่วนเลขด้านบนจะเห็นแค่ใน log และหน้า error",
        },
        Wire::LogOnly => Text {
            en: "nothing is sent: it appears only in logs",
            th: "ไม่มีการส่ง response ออกไป จะเห็นเฉพาะใน log",
        },
    };
    match s.wire {
        Wire::SentAs(code) => field(out, &ON_WIRE, &format!("{code} — {}", wire.get(lang)), o)?,
        _ => field(out, &ON_WIRE, wire.get(lang), o)?,
    }
    if e.sub.is_some() {
        if let Some(parent) = httpstatus_codes::lookup(e.code) {
            field(
                out,
                &PARENT,
                &format!("{} {}", parent.number(), parent.phrase),
                o,
            )?;
        }
    }
    if let Some(v) = e.iis_versions {
        field(out, &IIS_VERSIONS, &iis_versions_text(v, lang), o)?;
    }
    if !e.causes.is_empty() {
        writeln!(out, "{BOLD}{}{BOLD:#}", CAUSES.get(lang))?;
        bullet_list(out, e.causes, o)?;
    }
    if !e.fixes.is_empty() {
        writeln!(out, "{BOLD}{}{BOLD:#}", FIXES.get(lang))?;
        bullet_list(out, e.fixes, o)?;
    }
    troubleshooting(out, e, o)?;
    constants(out, e, o)?;
    if let Some(seed) = e.seed {
        writeln!(out, "{BOLD}{}{BOLD:#} \"{}\"", SEED.get(lang), seed.phrase)?;
        wrap(out, seed.note.get(lang), o.width, "  ")?;
    }
    writeln!(out, "{BOLD}{}{BOLD:#}", SEE_ALSO.get(lang))?;
    if !e.aliases.is_empty() {
        let label = L {
            en: "Also known as",
            th: "ชื่ออื่นที่พบ",
        };
        field(out, &label, &e.aliases.join("; "), o)?;
    }
    let subs = if e.namespace == Namespace::Iana {
        httpstatus_codes::sub_statuses(e.code)
    } else {
        &[]
    };
    if !subs.is_empty() {
        let list: Vec<&str> = subs.iter().map(|s| s.id).collect();
        field(out, &SUB_STATUSES, &list.join(" "), o)?;
    }
    let others: Vec<String> = httpstatus_codes::meanings(e.code)
        .iter()
        .filter(|m| m.id != e.id && e.sub.is_none())
        .map(|m| format!("{} {}", heading_key(m), m.phrase))
        .collect();
    if !others.is_empty() {
        field(out, &ALSO, &others.join("; "), o)?;
    }
    let related: Vec<String> = e
        .related_entries()
        .map(|r| format!("{} {}", heading_key(r), r.phrase))
        .collect();
    if !related.is_empty() {
        field(out, &RELATED, &related.join("; "), o)?;
    }
    field(
        out,
        &REFERENCE,
        &format!("{} <{}>", e.reference.label, e.reference.url),
        o,
    )?;
    Ok(())
}

/// Causes and fixes for the stacks people run: `• [nginx, Apache httpd] cause` then `→ fix`.
fn troubleshooting(out: &mut impl Write, e: &Entry, o: &Output) -> io::Result<()> {
    let tips = e.troubleshooting();
    if tips.is_empty() {
        return Ok(());
    }
    writeln!(out, "{BOLD}{}{BOLD:#}", TIPS.get(o.lang))?;
    for tip in tips {
        let stacks: Vec<&str> = tip.stacks.iter().map(|s| s.name().get(o.lang)).collect();
        let head = format!("[{}] ", stacks.join(", "));
        let opts = textwrap::Options::new(o.width)
            .initial_indent("  • ")
            .subsequent_indent("    ")
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        let cause = format!("{head}{}", tip.cause.get(o.lang));
        for (i, line) in textwrap::wrap(&cause, &opts).iter().enumerate() {
            if i == 0 {
                // The stack tag, dimmed, then the cause.
                let rest = line.strip_prefix("  • ").unwrap_or(line);
                match rest.strip_prefix(&head) {
                    Some(text) => writeln!(out, "  • {DIM}{}{DIM:#}{text}", head)?,
                    None => writeln!(out, "{line}")?,
                }
            } else {
                writeln!(out, "{line}")?;
            }
        }
        let opts = opts.initial_indent("    → ").subsequent_indent("      ");
        for line in textwrap::wrap(tip.fix.get(o.lang), opts) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// How a name is written: identifiers as they are, Node's phrases as `http.STATUS_CODES[404]`
/// gives them.
fn constant_text(c: &httpstatus_codes::constants::Constant) -> String {
    if c.framework().phrase {
        format!("http.STATUS_CODES[{}] = \"{}\"", c.code, c.name)
    } else {
        c.name.to_string()
    }
}

/// The code's names in languages and frameworks: one wrapped line by default, a table with
/// `--constants`.
fn constants(out: &mut impl Write, e: &Entry, o: &Output) -> io::Result<()> {
    let names = e.constants();
    if names.is_empty() {
        return Ok(());
    }
    if !o.constants {
        let list: Vec<String> = names
            .iter()
            .filter(|c| c.current && !c.framework().phrase)
            // A no-break space keeps each language with its name when the line wraps.
            .map(|c| format!("{}\u{a0}{}", c.framework().language, c.name))
            .collect();
        writeln!(
            out,
            "{BOLD}{}{BOLD:#} {DIM}({}){DIM:#}",
            IN_CODE.get(o.lang),
            IN_CODE_MORE.get(o.lang)
        )?;
        return wrap(out, &list.join(" · "), o.width, "  ");
    }
    writeln!(out, "{BOLD}{}{BOLD:#}", IN_CODE.get(o.lang))?;
    let label_width = names
        .iter()
        .map(|c| textwrap::core::display_width(c.framework().name))
        .max()
        .unwrap_or(0);
    let mut previous = "";
    for c in names {
        let f = c.framework();
        let label = if f.id == previous { "" } else { f.name };
        previous = f.id;
        let pad = label_width.saturating_sub(textwrap::core::display_width(label));
        let older = if c.current {
            String::new()
        } else {
            format!(" {DIM}({}){DIM:#}", OLDER.get(o.lang))
        };
        writeln!(
            out,
            "  {DIM}{label}{DIM:#}{:pad$}  {}{older}",
            "",
            constant_text(c)
        )?;
    }
    Ok(())
}

/// A code the registry explains by rule: unassigned in IANA, read as its class's x00.
pub fn unassigned_note(
    out: &mut impl Write,
    code: u16,
    range: &Entry,
    treat_as: &Entry,
    o: &Output,
) -> io::Result<()> {
    let style = class_style(Class::of(code));
    let text = match o.lang {
        Lang::En => format!(
            "{code} is not assigned in the IANA registry (range {}). A client that does not know it must handle it as {} {} (RFC 9110 §15); it is not cacheable by default.",
            range.number(),
            treat_as.number(),
            treat_as.phrase
        ),
        Lang::Th => format!(
            "{code} ยังไม่ได้ลงทะเบียนกับ IANA (อยู่ในช่วง {}) ไคลเอนต์ที่ไม่รู้จักต้องถือว่าเป็น {} {} ตาม RFC 9110 §15 และไม่ถือว่า cache ได้โดยปริยาย",
            range.number(),
            treat_as.number(),
            treat_as.phrase
        ),
    };
    writeln!(
        out,
        "{style}{code}{style:#} {BOLD}{}{BOLD:#}",
        range.title.get(o.lang)
    )?;
    wrap(out, &text, o.width, "")
}

/// A code outside 100–599 with no known vendor meaning.
pub fn non_standard_note(out: &mut impl Write, code: u16, o: &Output) -> io::Result<()> {
    let style = class_style(Class::NonStandard);
    let text = match o.lang {
        Lang::En => format!("{code:03} is outside 100–599, so it is not an HTTP status code under RFC 9110; no product in the registry is known to use it."),
        Lang::Th => format!("{code:03} อยู่นอกช่วง 100–599 จึงไม่ใช่ HTTP status code ตาม RFC 9110 และยังไม่พบผลิตภัณฑ์ในทะเบียนที่ใช้เลขนี้"),
    };
    writeln!(
        out,
        "{style}{code:03}{style:#} {BOLD}{}{BOLD:#}",
        Class::NonStandard.name().get(o.lang)
    )?;
    wrap(out, &text, o.width, "")
}

const WIN32_CODE: L = L {
    en: "Win32 code",
    th: "Win32 code",
};
const LOGGED_AS: L = L {
    en: "In sc-win32-status",
    th: "ใน sc-win32-status",
};
const SEEN_WITH: L = L {
    en: "Seen with",
    th: "มักพบคู่กับ",
};

/// A Windows error code: `0x8007000D HRESULT_FROM_WIN32(ERROR_INVALID_DATA)` and its text; in
/// full, the Win32 code inside, the decimal IIS logs, and the status codes it goes with.
pub fn windows(out: &mut impl Write, w: &WinLookup, o: &Output, full: bool) -> io::Result<()> {
    let style = class_style(Class::NonStandard);
    if !full {
        return writeln!(
            out,
            "{style}{}{style:#} {BOLD}{}{BOLD:#}  {}",
            w.number(),
            w.name(),
            w.entry.text.get(o.lang)
        );
    }
    writeln!(
        out,
        "{style}{}{style:#} {BOLD}{}{BOLD:#}",
        w.number(),
        w.name()
    )?;
    wrap(out, w.entry.text.get(o.lang), o.width, "  ")?;
    if let WinQuery::Hresult(h) = w.query {
        if let Some(code) = w.win32_code() {
            field(out, &WIN32_CODE, &code.to_string(), o)?;
        }
        field(out, &LOGGED_AS, &h.to_string(), o)?;
    }
    if !w.entry.seen.is_empty() {
        let seen: Vec<String> = w
            .entry
            .seen
            .iter()
            .filter_map(|id| httpstatus_codes::by_id(id))
            .map(|e| format!("{} {}", e.id, e.title.get(o.lang)))
            .collect();
        field(out, &SEEN_WITH, &seen.join("; "), o)?;
    }
    Ok(())
}
