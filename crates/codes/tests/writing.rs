//! The writing rules of `data/WRITING.md` ("Thai style guide and glossary"), checked on every text
//! of every entry through the registry API and on every string of every `data/*.toml` file (so
//! data files other than the entry files are covered too). A failure names the file or entry, the
//! field and the offending word.
//!
//! The checker is a handful of plain string rules; its own tests at the end feed it good and bad
//! strings, so a rule that stops firing fails here rather than letting slips back into the data.
#![allow(clippy::unwrap_used, reason = "tests report failure by panicking")]

use std::fmt::Write as _;
use std::path::Path;

use httpstatus_codes::{entries, Entry};

/// One broken rule: which rule and the words that break it.
#[derive(Debug, PartialEq, Eq)]
struct Finding {
    rule: &'static str,
    word: String,
}

fn finding(rule: &'static str, word: impl Into<String>) -> Finding {
    Finding {
        rule,
        word: word.into(),
    }
}

fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

fn has_thai(s: &str) -> bool {
    s.chars().any(is_thai)
}

/// Thai words that the glossary replaces: (avoid, write instead).
const FORBIDDEN: &[(&str, &str)] = &[
    ("โค้ดนี้", "code นี้"),
    ("รหัสนี้", "code นี้"),
    ("ใบรับรอง", "certificate"),
    ("ทราฟฟิก", "traffic"),
    ("back end", "backend"),
    ("back-end", "backend"),
    ("หน้า detailed error", "หน้า error แบบละเอียด"),
    ("บราวเซอร์", "เบราว์เซอร์"),
    ("ไคลเอ็นท์", "ไคลเอนต์"),
    ("เซิฟเวอร์", "เซิร์ฟเวอร์"),
];

/// English words that Thai prose says in Thai unless they are part of an English compound
/// ("request header", "Failed Request Tracing", "connection string").
const BARE_ENGLISH: &[(&str, &str)] = &[
    ("request", "คำขอ"),
    ("requests", "คำขอ"),
    ("connection", "การเชื่อมต่อ"),
    ("connections", "การเชื่อมต่อ"),
    ("database", "ฐานข้อมูล"),
    ("databases", "ฐานข้อมูล"),
];

/// The text with `code spans`, "quoted text" and brackets that hold no Thai replaced by a
/// placeholder: English quoted or bracketed inside Thai prose follows English rules.
fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let close = match c {
            '`' => Some('`'),
            '"' => Some('"'),
            '(' => Some(')'),
            _ => None,
        };
        if let Some(close) = close {
            if let Some(end) = rest[1..].find(close) {
                let inner = &rest[1..=end];
                if c != '(' || !has_thai(inner) {
                    out.push('_');
                    rest = &rest[end + 2..];
                    continue;
                }
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn ascii_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// English verbs and determiners that leave the next noun bare: "retry request" is Thai prose
/// with an English verb in it, not an English compound.
const NOT_COMPOUND: &[&str] = &[
    "retry", "redirect", "route", "send", "resend", "forward", "reject", "block", "the", "a",
    "this", "that",
];

/// Whether an English word touches the word through one space, on the left or the right, so
/// that the two form an English compound ("request header", "child request").
fn english_neighbour(left: &str, right: &str) -> bool {
    let before = left.strip_suffix(' ').is_some_and(|l| {
        let start = l
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_alphabetic())
            .last()
            .map_or(l.len(), |(i, _)| i);
        let word = &l[start..];
        !word.is_empty() && !NOT_COMPOUND.iter().any(|w| w.eq_ignore_ascii_case(word))
    });
    let after = right.strip_prefix(' ').and_then(|r| r.chars().next());
    before || after.is_some_and(|c| c.is_ascii_alphabetic())
}

/// Every rule for a Thai text (a text that holds Thai script).
fn check_thai(text: &str) -> Vec<Finding> {
    let mut found = check_any(text);
    if !has_thai(text) {
        return found;
    }
    let p = prose(text);
    for (bad, good) in FORBIDDEN {
        if p.contains(bad) {
            found.push(finding(
                "forbidden variant",
                format!("{bad} (write {good})"),
            ));
        }
    }
    for (i, _) in p.match_indices("ไซต์") {
        if !p[..i].ends_with("เว็บ") {
            found.push(finding("forbidden variant", "ไซต์ (write เว็บไซต์)"));
        }
    }
    // Bare English words: a whole ASCII word, not part of an English compound.
    let bytes = p.as_bytes();
    let mut start = 0;
    while start < p.len() {
        if !bytes[start].is_ascii_alphabetic()
            || (start > 0 && ascii_word_char(bytes[start - 1] as char))
        {
            start += 1;
            continue;
        }
        let end = p[start..]
            .find(|c: char| !ascii_word_char(c))
            .map_or(p.len(), |n| start + n);
        let word = &p[start..end];
        if let Some((_, good)) = BARE_ENGLISH
            .iter()
            .find(|(w, _)| w.eq_ignore_ascii_case(word))
        {
            if !english_neighbour(&p[..start], &p[end..]) {
                found.push(finding(
                    "bare English word",
                    format!("{word} (write {good})"),
                ));
            }
        }
        start = end;
    }
    // ๆ stands alone: a space before it, and a space, a line end, a closing bracket or the end of
    // the text after it.
    for (i, _) in p.match_indices('ๆ') {
        let before = p[..i].chars().last();
        let after = p[i + 'ๆ'.len_utf8()..].chars().next();
        let ok_before = before == Some(' ');
        let ok_after = after.is_none_or(|c| c == ' ' || c == '\n' || c == ')' || c == '"');
        if !(ok_before && ok_after) {
            let from = p[..i].char_indices().rev().nth(3).map_or(0, |(n, _)| n);
            let to = p[i..].char_indices().nth(3).map_or(p.len(), |(n, _)| i + n);
            found.push(finding("glued ๆ", &p[from..to]));
        }
    }
    // Commas: Thai separates list items and clauses with spaces. Digit groups (1,000) are fine.
    for (i, _) in p.match_indices(',') {
        let before = p[..i].chars().last();
        let after = p[i + 1..].chars().next();
        if before.is_some_and(|c| c.is_ascii_digit()) && after.is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        let from = p[..i].char_indices().rev().nth(12).map_or(0, |(n, _)| n);
        let to = p[i..]
            .char_indices()
            .nth(12)
            .map_or(p.len(), |(n, _)| i + n);
        found.push(finding("comma in Thai prose", &p[from..to]));
    }
    // First person: the reader is คุณ. เราเตอร์/เราท์เตอร์ (router) is a different word.
    for (i, _) in p.match_indices("เรา") {
        let after = &p[i + "เรา".len()..];
        if !(after.starts_with("เตอร์") || after.starts_with("ท์เตอร์")) {
            found.push(finding(
                "first person เรา",
                "เรา (write คุณ or drop the subject)",
            ));
        }
    }
    found
}

/// The rule for every text in every language: no "seed" (the study page is "the source page",
/// หน้าต้นฉบับ).
fn check_any(text: &str) -> Vec<Finding> {
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    for (i, _) in lower.match_indices("seed") {
        let before = lower[..i].chars().last();
        let after = lower[i + 4..].chars().next();
        let word_start = before.is_none_or(|c| !c.is_ascii_alphabetic());
        let word_end = after.is_none_or(|c| !c.is_ascii_alphabetic() || c == 's');
        if word_start && word_end {
            found.push(finding(
                "seed",
                format!("{} (write the source page / หน้าต้นฉบับ)", &text[i..i + 4]),
            ));
        }
    }
    found
}

/// Whether `haystack` holds `needle` as whole ASCII words, ignoring ASCII case.
fn contains_words(haystack: &str, needle: &str) -> bool {
    let h = haystack.to_ascii_lowercase();
    let n = needle.to_ascii_lowercase();
    h.match_indices(&n).any(|(i, _)| {
        let before = h[..i].chars().last();
        let after = h[i + n.len()..].chars().next();
        before.is_none_or(|c| !c.is_ascii_alphanumeric())
            && after.is_none_or(|c| !c.is_ascii_alphanumeric())
    })
}

/// A Thai title says the meaning in Thai: it never repeats the English reason phrase, nor (for
/// an IIS sub-status) the phrase of the code the client receives, which the title line shows.
fn check_title(th_title: &str, phrases: &[&str]) -> Vec<Finding> {
    phrases
        .iter()
        .map(|p| p.trim_matches(|c| c == '(' || c == ')'))
        .filter(|p| p.len() >= 3 && contains_words(th_title, p))
        .map(|p| finding("English phrase in Thai title", p))
        .collect()
}

/// Every text of one entry, as (field, English, Thai).
fn texts(e: &Entry) -> Vec<(String, &'static str, &'static str)> {
    let mut v = vec![
        ("title".to_owned(), e.title.en, e.title.th),
        ("summary".to_owned(), e.summary.en, e.summary.th),
        ("description".to_owned(), e.description.en, e.description.th),
    ];
    for (i, t) in e.causes.iter().enumerate() {
        v.push((format!("causes[{i}]"), t.en, t.th));
    }
    for (i, t) in e.fixes.iter().enumerate() {
        v.push((format!("fixes[{i}]"), t.en, t.th));
    }
    if let Some(s) = e.seed {
        v.push(("seed_note".to_owned(), s.note.en, s.note.th));
    }
    v
}

fn report(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} writing problem(s) (see crates/codes/data/WRITING.md):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_entry_text_follows_the_glossary() {
    let mut problems = Vec::new();
    for e in entries() {
        for (field, en, th) in texts(e) {
            for f in check_any(en) {
                problems.push(format!("{} en.{field}: {}: {}", e.id, f.rule, f.word));
            }
            for f in check_thai(th) {
                problems.push(format!("{} th.{field}: {}: {}", e.id, f.rule, f.word));
            }
        }
        for (field, value) in [
            ("facts", e.facts.unwrap_or_default()),
            ("iis_versions", e.iis_versions.unwrap_or_default()),
        ] {
            for f in check_any(value) {
                problems.push(format!("{} {field}: {}: {}", e.id, f.rule, f.word));
            }
        }
        if let Some(v) = e.iis_versions {
            let th = httpstatus_codes::iis_versions_text(v, httpstatus_codes::Lang::Th);
            for f in check_thai(&th) {
                problems.push(format!(
                    "{} iis_versions (Thai): {}: {}",
                    e.id, f.rule, f.word
                ));
            }
        }
        let mut phrases = vec![e.phrase];
        if e.sub.is_some() {
            if let Some(code) = e.wire_code() {
                phrases.extend(httpstatus_codes::lookup(code).map(|p| p.phrase));
            }
        }
        for f in check_title(e.title.th, &phrases) {
            problems.push(format!("{} th.title: {}: {}", e.id, f.rule, f.word));
        }
        assert!(!e.title.th.is_empty(), "{} has a Thai title", e.id);
    }
    report(&problems);
}

#[test]
fn every_semantic_label_follows_the_glossary() {
    // Class summaries and the retry and redirect advice that the CLI, JSON and pages print next
    // to the entry texts: every value the registry uses.
    let mut labels: Vec<(String, httpstatus_codes::Text)> = Vec::new();
    for class in httpstatus_codes::Class::STANDARD
        .into_iter()
        .chain([httpstatus_codes::Class::NonStandard])
    {
        labels.push((format!("class {class:?} name"), class.name()));
        labels.push((format!("class {class:?} summary"), class.summary()));
    }
    for e in entries() {
        let s = &e.semantics;
        labels.push((format!("retry {}", s.retry.token()), s.retry.advice()));
        if let Some(r) = s.redirect {
            labels.push((format!("redirect of {}", e.id), r.explain()));
        }
    }
    let mut problems = Vec::new();
    for (what, text) in &labels {
        for f in check_any(text.en).into_iter().chain(check_thai(text.th)) {
            problems.push(format!("{what}: {}: {}", f.rule, f.word));
        }
    }
    problems.sort();
    problems.dedup();
    report(&problems);
}

/// Walks a TOML value and checks every string, naming it by table path.
fn walk(value: &toml::Value, path: &str, problems: &mut Vec<String>) {
    match value {
        toml::Value::String(s) => {
            for f in check_thai(s) {
                problems.push(format!("{path}: {}: {}", f.rule, f.word));
            }
        }
        toml::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{path}[{i}]"), problems);
            }
        }
        toml::Value::Table(table) => {
            // Name a table by its key fields where it has them: `entry[3] (403.14)`.
            let mut path = path.to_owned();
            let key: Vec<String> = ["namespace", "id", "code", "sub", "key", "name"]
                .iter()
                .filter_map(|k| table.get(*k))
                .map(|v| match v {
                    toml::Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect();
            if !key.is_empty() {
                let _ = write!(path, " ({})", key.join(" "));
            }
            for (k, v) in table {
                walk(v, &format!("{path}.{k}"), problems);
            }
        }
        _ => {}
    }
}

#[test]
fn every_string_in_every_data_file_follows_the_glossary() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|d| d.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "data files found in {}", dir.display());
    let mut problems = Vec::new();
    let mut thai_strings = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        thai_strings += text.lines().filter(|l| has_thai(l)).count();
        let mut value: toml::Value =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if name == "synonyms.toml" {
            // The search dictionary lists the words people type, variants to avoid included (so
            // that "ใบรับรอง" still finds certificate errors): words, not prose.
            if let Some(thai) = value.get_mut("thai").and_then(toml::Value::as_table_mut) {
                thai.remove("words");
            }
        }
        walk(&value, &name, &mut problems);
    }
    assert!(thai_strings > 1000, "Thai lines read: {thai_strings}");
    report(&problems);
}

// The checker itself.

fn rules(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.rule).collect()
}

#[test]
fn checker_passes_good_thai() {
    for good in [
        "code นี้ใช้ภายใน IIS เท่านั้น ไคลเอนต์ได้รับแค่ 500",
        "ตรวจ request header และ request body ของคำขอที่ค้าง ด้วย Failed Request Tracing",
        "เปิดหน้า error แบบละเอียดบนเซิร์ฟเวอร์ แล้วดู header `Connection: close`",
        "ตั้งค่าระดับเว็บไซต์ ไม่ใช่ระดับ application pool",
        "ลองใหม่อีกครั้งช้า ๆ แล้วดูค่าต่าง ๆ กัน",
        "ใช้ status 200 201 หรือ 204 ตามปกติ",
        "ตรวจสิทธิ์ (Read, Script, Execute) และ `maxAllowedContentLength, maxUrl`",
        "ข้อความ \"Object moved, see here\" เป็นของ IIS",
        "ขนาด 1,000 ไบต์ ผ่านเราเตอร์ของคุณ",
        "ตรวจ connection string ในไฟล์ config และ certificate ของ backend",
        "ตอบเร็ว ๆ",
    ] {
        let f = check_thai(good);
        assert!(f.is_empty(), "{good:?} should pass: {f:?}");
    }
}

#[test]
fn checker_catches_each_rule() {
    let cases: &[(&str, &str)] = &[
        ("โค้ดนี้ใช้ภายใน IIS", "forbidden variant"),
        ("รหัสนี้ใช้ภายใน IIS", "forbidden variant"),
        ("ไคลเอนต์ไม่ได้ส่งใบรับรองมา", "forbidden variant"),
        ("ทราฟฟิกเข้ามามาก", "forbidden variant"),
        ("เชื่อมต่อ back end ไม่ได้", "forbidden variant"),
        ("ดูในหน้า detailed error", "forbidden variant"),
        ("ตั้งค่าที่ระดับไซต์", "forbidden variant"),
        ("ไคลเอนต์ส่ง request มาซ้ำ", "bare English word"),
        ("LinkedIn ปฏิเสธ request", "bare English word"),
        ("ปิด connection ทิ้ง", "bare English word"),
        ("ต่อ database ไม่ได้", "bare English word"),
        ("อย่า retry request ที่ไม่ idempotent", "bare English word"),
        ("ลองใหม่ต่างๆ", "glued ๆ"),
        ("ใจเย็นๆ ก่อน", "glued ๆ"),
        ("ลองใหม่ ๆอีกครั้ง", "glued ๆ"),
        ("crash, ทำงานนานเกินไป", "comma in Thai prose"),
        ("ใช้ 200, 201 หรือ 204", "comma in Thai prose"),
        ("(proxy, NAT หรือ gateway ขององค์กร)", "comma in Thai prose"),
        ("เราไม่พบเอกสาร", "first person เรา"),
        ("proxy ของเราเอง", "first person เรา"),
        ("คำว่า Object moved ใน seed", "seed"),
    ];
    for (bad, rule) in cases {
        let f = check_thai(bad);
        assert!(
            rules(&f).contains(rule),
            "{bad:?} should break {rule:?}: {f:?}"
        );
    }
}

#[test]
fn checker_catches_seed_in_english_too() {
    assert_eq!(
        rules(&check_any("The seed's \"Object moved\" is IIS wording")),
        ["seed"]
    );
    assert_eq!(rules(&check_any("Seed page says")), ["seed"]);
    assert!(check_any("the source page says Object moved").is_empty());
    assert!(check_any("a seeded generator; proceeds; seedling").is_empty());
}

#[test]
fn checker_catches_a_repeated_phrase_in_a_title() {
    assert_eq!(
        rules(&check_title(
            "ต้องยืนยันตัวตน (Unauthorized)",
            &["Unauthorized"]
        )),
        ["English phrase in Thai title"]
    );
    assert_eq!(
        rules(&check_title("Found (redirect ชั่วคราว)", &["Found"])),
        ["English phrase in Thai title"]
    );
    assert_eq!(
        rules(&check_title(
            "Bad Gateway: เชื่อมต่อ backend ไม่สำเร็จ",
            &["Forwarder Connection Error", "Bad Gateway"]
        )),
        ["English phrase in Thai title"]
    );
    assert!(check_title("ต้องยืนยันตัวตน", &["Unauthorized"]).is_empty());
    // A word inside a longer word is not the phrase: "Gone" in "Gonest".
    assert!(check_title("resource ถูกลบแล้ว (Gonest)", &["Gone"]).is_empty());
}

#[test]
fn prose_hides_code_quotes_and_english_brackets() {
    assert_eq!(prose("a `x, y` b"), "a _ b");
    assert_eq!(prose("a \"x, y\" b"), "a _ b");
    assert_eq!(prose("a (x, y) b"), "a _ b");
    assert_eq!(prose("ก (ข, ค) ง"), "ก (ข, ค) ง");
    assert_eq!(prose("unclosed ( and ` stay"), "unclosed ( and ` stay");
}
