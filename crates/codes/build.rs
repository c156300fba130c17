//! Turns the reviewable data files in `data/*.toml` into static Rust tables.
//!
//! The registry holds about 250 entries, each with English and Thai prose that translators and
//! reviewers edit. TOML keeps that prose readable and diffable; this script validates it and emits
//! `registry.rs` into `OUT_DIR`, a sorted `static` slice that the library searches with
//! `binary_search`. Nothing is parsed at run time.
//!
//! Validation here is the first line of defence (a broken data file fails the build with a message
//! naming the entry); `tests/data.rs` checks the generated table again against
//! `tests/fixtures/registry.tsv`.

#![allow(
    clippy::unwrap_used,
    reason = "writing to a String cannot fail; a build script reports by panicking"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

mod build_extras;
#[path = "build_search.rs"]
mod build_search;
#[path = "build/guide.rs"]
mod guide;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    entry: Vec<Raw>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct Raw {
    code: u16,
    code_end: Option<u16>,
    sub: Option<u16>,
    id: Option<String>,
    namespace: String,
    phrase: String,
    status: String,
    reference: String,
    url: String,
    facts: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    iis_versions: Option<String>,
    wire: String,
    inherit: Option<u16>,
    cacheable: Option<bool>,
    body: Option<String>,
    retry: Option<String>,
    retry_source: Option<String>,
    redirect: Option<String>,
    headers: Option<Vec<HeaderRaw>>,
    #[serde(default)]
    related: Vec<String>,
    seed_phrase: Option<String>,
    en: RawText,
    th: RawText,
}

/// A header hint: `"Name:level"`, or a table with the condition and the section that states it:
/// `{ name = "ETag", level = "must", when = "if-in-200", source = "RFC 9110 §15.4.5" }`.
#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum HeaderRaw {
    Short(String),
    Full(Hint),
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct Hint {
    name: String,
    level: String,
    when: Option<String>,
    source: Option<String>,
}

impl HeaderRaw {
    fn hint(&self) -> Option<Hint> {
        match self {
            HeaderRaw::Full(h) => Some(h.clone()),
            HeaderRaw::Short(s) => s.split_once(':').map(|(name, level)| Hint {
                name: name.to_string(),
                level: level.to_string(),
                when: None,
                source: None,
            }),
        }
    }
}

#[derive(Deserialize, Clone, Default)]
#[serde(deny_unknown_fields)]
struct RawText {
    title: String,
    summary: String,
    description: String,
    #[serde(default)]
    causes: Vec<String>,
    #[serde(default)]
    fixes: Vec<String>,
    seed_note: Option<String>,
}

/// Namespace tokens in their canonical order (the `Namespace` enum has the same order).
const NAMESPACES: &[(&str, &str)] = &[
    ("iana", "Iana"),
    ("iis", "Iis"),
    ("microsoft", "Microsoft"),
    ("nginx", "Nginx"),
    ("cloudflare", "Cloudflare"),
    ("aws", "Aws"),
    ("laravel", "Laravel"),
    ("spring", "Spring"),
    ("twitter", "Twitter"),
    ("shopify", "Shopify"),
    ("esri", "Esri"),
    ("cpanel", "Cpanel"),
    ("qualys", "Qualys"),
    ("pantheon", "Pantheon"),
    ("linkedin", "Linkedin"),
    ("unofficial", "Unofficial"),
];

const STATUSES: &[(&str, &str)] = &[
    ("assigned", "Assigned"),
    ("temporary", "Temporary"),
    ("deprecated", "Deprecated"),
    ("reserved", "Reserved"),
    ("obsoleted", "Obsoleted"),
    ("unassigned", "Unassigned"),
    ("vendor", "Vendor"),
    ("unofficial", "Unofficial"),
];

const BODIES: &[(&str, &str)] = &[("allowed", "Allowed"), ("forbidden", "Forbidden")];

const RETRIES: &[(&str, &str)] = &[
    ("not-applicable", "NotApplicable"),
    ("never", "Never"),
    ("after-change", "AfterChange"),
    ("backoff", "Backoff"),
    ("retry-after", "RetryAfter"),
    ("new-connection", "NewConnection"),
    ("after-server-fix", "AfterServerFix"),
];

const REDIRECTS: &[(&str, &str)] = &[
    ("choice", "MultipleChoices"),
    ("permanent-may-change-method", "PermanentMayChangeMethod"),
    ("temporary-may-change-method", "TemporaryMayChangeMethod"),
    ("see-other", "SeeOther"),
    ("temporary-keep-method", "TemporaryKeepMethod"),
    ("permanent-keep-method", "PermanentKeepMethod"),
    ("use-proxy", "UseProxy"),
];

const LEVELS: &[(&str, &str)] = &[("must", "Must"), ("should", "Should"), ("may", "May")];

const CONDITIONS: &[(&str, &str)] = &[
    ("if-in-200", "IfIn200"),
    ("if-temporary", "IfTemporary"),
    ("single-part", "SinglePart"),
    ("multipart", "MultiplePart"),
    ("if-preferred", "IfPreferred"),
    ("range-request", "RangeRequest"),
    ("patch-format", "PatchFormat"),
    ("unsupported-coding", "UnsupportedCoding"),
    ("closing", "Closing"),
];

/// Data files that are not `[[entry]]` lists (they have their own readers).
const NOT_ENTRIES: &[&str] = &["windows.toml"];

/// The link for a source label: `RFC 9110 §15.4.5` goes to that section at rfc-editor.org.
/// Labels of another shape have no link; `check` rejects them.
fn source_url(label: &str) -> Option<String> {
    let rest = label.strip_prefix("RFC ")?;
    let (num, section) = match rest.split_once(" §") {
        Some((n, s)) => (n, Some(s)),
        None => (rest, None),
    };
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match section {
        None => Some(format!("https://www.rfc-editor.org/rfc/rfc{num}")),
        Some(s)
            if !s.is_empty()
                && s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && !s.ends_with('.') =>
        {
            Some(format!(
                "https://www.rfc-editor.org/rfc/rfc{num}#section-{s}"
            ))
        }
        Some(_) => None,
    }
}

fn reference_code(label: &Option<String>) -> String {
    match label {
        Some(l) => format!(
            "Some(Reference {{ label: {l:?}, url: {:?} }})",
            source_url(l).unwrap_or_default()
        ),
        None => "None".to_string(),
    }
}

#[derive(Clone)]
struct Semantics {
    cacheable: bool,
    body: String,
    retry: String,
    retry_source: Option<String>,
    redirect: Option<String>,
    headers: Vec<Hint>,
}

fn main() {
    let dir =
        Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets this")).join("data");
    println!("cargo::rerun-if-changed=data");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("crates/codes/data exists")
        .map(|e| e.expect("readable dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            // Not registry entries: side tables, the log causes (`log_causes`), Windows codes,
            // the API designer's guide (build/guide.rs), the search synonyms (build_search.rs).
            !build_extras::SIDE_FILES.contains(&name)
                && name != LOG_CAUSES_FILE
                && name != "guide.toml"
                && name != build_search::FILE
                && !NOT_ENTRIES.contains(&name)
        })
        .collect();
    paths.sort();

    let mut raws = Vec::new();
    for path in &paths {
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(path).expect("data file is UTF-8");
        let file: File =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        raws.extend(file.entry);
    }

    let mut errors = Vec::new();
    // Give every entry its id and sort by (code, sub, namespace order, id).
    let mut entries: Vec<(String, Raw)> = raws.into_iter().map(|r| (id_of(&r), r)).collect();
    entries.sort_by_key(|(id, r)| (r.code, r.sub, ns_index(&r.namespace), id.clone()));

    let ids: BTreeSet<&str> = entries.iter().map(|(id, _)| id.as_str()).collect();
    if ids.len() != entries.len() {
        let mut seen = BTreeSet::new();
        for (id, _) in &entries {
            if !seen.insert(id) {
                errors.push(format!(
                    "duplicate id {id}: give one of them an explicit `id`"
                ));
            }
        }
    }

    // Semantics of the IANA entries, by code, for inheritance and class fallbacks.
    let mut iana: BTreeMap<u16, Semantics> = BTreeMap::new();
    for (id, r) in &entries {
        if r.namespace == "iana" && r.status != "unassigned" {
            match explicit_semantics(r) {
                Some(s) => {
                    iana.insert(r.code, s);
                }
                None => errors.push(format!(
                    "{id}: IANA entries need cacheable, body, retry, headers"
                )),
            }
        }
    }

    let mut out = String::new();
    out.push_str(
        "// @generated by crates/codes/build.rs from crates/codes/data/*.toml. Do not edit.\n\n",
    );
    writeln!(
        out,
        "pub(crate) static ENTRIES: [Entry; {}] = [",
        entries.len()
    )
    .unwrap();
    for (id, r) in &entries {
        check(id, r, &ids, &mut errors);
        let sem = semantics_for(r, &iana);
        write_entry(&mut out, id, r, &sem);
    }
    out.push_str("];\n\n");

    write_search_index(&mut out, &entries);
    let search_data = build_search::write(&dir, &entries, &mut errors);

    let mut windows = String::from(
        "// @generated by crates/codes/build.rs from crates/codes/data/windows.toml. Do not edit.\n\n",
    );
    write_windows(&mut windows, &dir.join("windows.toml"), &ids, &mut errors);

    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out_dir = Path::new(&out_dir);
    let iana_codes: BTreeSet<u16> = iana.keys().copied().collect();
    build_extras::constants(&dir, out_dir, &iana_codes, &mut errors);
    build_extras::troubleshooting(&dir, out_dir, &ids, &mut errors);
    guide::generate(&dir.join("guide.toml"), &iana_codes, &mut errors);

    if !errors.is_empty() {
        panic!("invalid registry data:\n  {}", errors.join("\n  "));
    }
    let windows_dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("windows.rs");
    std::fs::write(windows_dest, windows).expect("OUT_DIR is writable");
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("registry.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("search_data.rs");
    std::fs::write(dest, search_data).expect("OUT_DIR is writable");
    log_causes(&dir);
}

fn id_of(r: &Raw) -> String {
    if let Some(id) = &r.id {
        return id.clone();
    }
    let num = match (r.code_end, r.sub) {
        (Some(end), _) => format!("{}-{}", r.code, end),
        (None, Some(sub)) => format!("{:03}.{}", r.code, sub),
        (None, None) => format!("{:03}", r.code),
    };
    match (r.namespace.as_str(), r.sub) {
        ("iana", _) | ("iis", Some(_)) => num,
        (ns, _) => format!("{ns}:{num}"),
    }
}

fn ns_index(ns: &str) -> usize {
    NAMESPACES
        .iter()
        .position(|(t, _)| *t == ns)
        .unwrap_or(usize::MAX)
}

fn variant<'a>(table: &[(&str, &'a str)], token: &str) -> Option<&'a str> {
    table.iter().find(|(t, _)| *t == token).map(|(_, v)| *v)
}

fn explicit_semantics(r: &Raw) -> Option<Semantics> {
    Some(Semantics {
        cacheable: r.cacheable?,
        body: r.body.clone()?,
        retry: r.retry.clone()?,
        retry_source: r.retry_source.clone(),
        redirect: r.redirect.clone(),
        headers: r
            .headers
            .as_ref()?
            .iter()
            .filter_map(HeaderRaw::hint)
            .collect(),
    })
}

/// IANA entries carry their own semantics; IIS sub-statuses inherit their parent's; everything
/// else falls back to the class's x00 code, but is never cacheable by default (RFC 9110 §15.1:
/// only listed codes are heuristically cacheable). Explicit fields in the data file win.
fn semantics_for(r: &Raw, iana: &BTreeMap<u16, Semantics>) -> Semantics {
    let base_code = r.inherit.unwrap_or(r.code);
    let mut s = if let Some(s) = iana.get(&base_code).filter(|_| r.status != "unassigned") {
        s.clone()
    } else {
        let class = if (100..600).contains(&r.code) {
            r.code / 100 * 100
        } else {
            0
        };
        match iana.get(&class) {
            Some(fallback) => Semantics {
                cacheable: false,
                ..fallback.clone()
            },
            None => Semantics {
                cacheable: false,
                body: "allowed".into(),
                retry: "never".into(),
                retry_source: None,
                redirect: None,
                headers: Vec::new(),
            },
        }
    };
    if r.namespace != "iana" {
        if let Some(c) = r.cacheable {
            s.cacheable = c;
        }
        if let Some(b) = &r.body {
            s.body = b.clone();
        }
        if let Some(x) = &r.retry {
            s.retry = x.clone();
            s.retry_source = r.retry_source.clone();
        }
        if r.redirect.is_some() {
            s.redirect = r.redirect.clone();
        }
        if let Some(h) = &r.headers {
            s.headers = h.iter().filter_map(HeaderRaw::hint).collect();
        }
    }
    s
}

fn check(id: &str, r: &Raw, ids: &BTreeSet<&str>, errors: &mut Vec<String>) {
    let mut err = |m: String| errors.push(format!("{id}: {m}"));
    if variant(NAMESPACES, &r.namespace).is_none() {
        err(format!("unknown namespace {:?}", r.namespace));
    }
    if variant(STATUSES, &r.status).is_none() {
        err(format!("unknown status {:?}", r.status));
    }
    if r.code > 999 {
        err("code above 999".into());
    }
    if r.sub.is_some() && r.namespace != "iis" {
        err("only IIS entries have a sub-status".into());
    }
    if let Some(end) = r.code_end {
        if end <= r.code || r.status != "unassigned" {
            err("code_end must follow code and mark an unassigned range".into());
        }
    }
    if !r.url.starts_with("https://") || r.url.contains(char::is_whitespace) {
        err(format!("url must be https and without spaces: {:?}", r.url));
    }
    if !r.wire.starts_with("sent-as:") && !matches!(r.wire.as_str(), "sent" | "log-only") {
        err(format!("unknown wire {:?}", r.wire));
    }
    for (field, value, table) in [
        ("body", &r.body, BODIES),
        ("retry", &r.retry, RETRIES),
        ("redirect", &r.redirect, REDIRECTS),
    ] {
        if let Some(v) = value {
            if variant(table, v).is_none() {
                err(format!("unknown {field} {v:?}"));
            }
        }
    }
    for h in r.headers.iter().flatten() {
        match h.hint() {
            Some(h) if !h.name.is_empty() && variant(LEVELS, &h.level).is_some() => {
                if let Some(w) = &h.when {
                    if variant(CONDITIONS, w).is_none() {
                        err(format!("unknown header condition {w:?} for {}", h.name));
                    }
                }
                if let Some(src) = &h.source {
                    if source_url(src).is_none() {
                        err(format!("header source must read `RFC n §x.y`, got {src:?}"));
                    }
                }
            }
            _ => err(
                "header hint must be Name:must|should|may or a table with name and level".into(),
            ),
        }
    }
    if let Some(src) = &r.retry_source {
        if source_url(src).is_none() {
            err(format!("retry_source must read `RFC n §x.y`, got {src:?}"));
        }
        if r.retry.is_none() {
            err("retry_source without retry".into());
        }
    }
    for rel in &r.related {
        if !ids.contains(rel.as_str()) {
            err(format!("related id {rel:?} does not exist"));
        }
        if rel == id {
            err("an entry is not related to itself".into());
        }
    }
    for (lang, t) in [("en", &r.en), ("th", &r.th)] {
        for (field, value) in [
            ("title", &t.title),
            ("summary", &t.summary),
            ("description", &t.description),
        ] {
            if value.trim().is_empty() {
                err(format!("{lang}.{field} is empty"));
            }
        }
        if r.seed_phrase.is_some() && t.seed_note.as_deref().is_none_or(|n| n.trim().is_empty()) {
            err(format!(
                "{lang}.seed_note is required where seed_phrase is set"
            ));
        }
        if r.seed_phrase.is_none() && t.seed_note.is_some() {
            err(format!("{lang}.seed_note without seed_phrase"));
        }
    }
    if r.en.causes.len() != r.th.causes.len() || r.en.fixes.len() != r.th.fixes.len() {
        err("en and th need the same number of causes and of fixes".into());
    }
}

fn write_entry(out: &mut String, id: &str, r: &Raw, s: &Semantics) {
    let opt = |v: &Option<String>| match v {
        Some(v) => format!("Some({v:?})"),
        None => "None".to_string(),
    };
    let opt_num = |v: Option<u16>| match v {
        Some(v) => format!("Some({v})"),
        None => "None".to_string(),
    };
    let text = |en: &str, th: &str| format!("Text {{ en: {:?}, th: {:?} }}", en.trim(), th.trim());
    let texts = |en: &[String], th: &[String]| {
        let items: Vec<String> = en.iter().zip(th).map(|(e, t)| text(e, t)).collect();
        format!("&[{}]", items.join(", "))
    };
    let strs = |v: &[String]| {
        let items: Vec<String> = v.iter().map(|s| format!("{s:?}")).collect();
        format!("&[{}]", items.join(", "))
    };
    let wire = match r.wire.strip_prefix("sent-as:") {
        Some(n) => format!(
            "Wire::SentAs({})",
            n.parse::<u16>().expect("sent-as takes a code")
        ),
        None if r.wire == "log-only" => "Wire::LogOnly".to_string(),
        None => "Wire::Sent".to_string(),
    };
    let headers: Vec<String> = s
        .headers
        .iter()
        .map(|h| {
            let when = match &h.when {
                Some(w) => format!(
                    "Some(Condition::{})",
                    variant(CONDITIONS, w).unwrap_or("IfIn200")
                ),
                None => "None".to_string(),
            };
            format!(
                "HeaderHint {{ name: {:?}, level: Level::{}, when: {when}, source: {} }}",
                h.name,
                variant(LEVELS, &h.level).unwrap_or("May"),
                reference_code(&h.source)
            )
        })
        .collect();
    let seed = match &r.seed_phrase {
        Some(p) => format!(
            "Some(SeedNote {{ phrase: {p:?}, note: {} }})",
            text(
                r.en.seed_note.as_deref().unwrap_or_default(),
                r.th.seed_note.as_deref().unwrap_or_default()
            )
        ),
        None => "None".to_string(),
    };
    let redirect = match &s.redirect {
        Some(v) => format!(
            "Some(Redirect::{})",
            variant(REDIRECTS, v).unwrap_or("MultipleChoices")
        ),
        None => "None".to_string(),
    };
    writeln!(
        out,
        "    Entry {{ id: {id:?}, code: {code}, code_end: {code_end}, sub: {sub}, namespace: Namespace::{ns}, \
         phrase: {phrase:?}, status: RegistryStatus::{status}, aliases: {aliases}, iis_versions: {iis}, \
         reference: Reference {{ label: {label:?}, url: {url:?} }}, facts: {facts}, \
         title: {title}, summary: {summary}, description: {description}, causes: {causes}, fixes: {fixes}, \
         seed: {seed}, related: {related}, semantics: Semantics {{ cacheable: {cacheable}, body: Body::{body}, \
         retry: Retry::{retry}, retry_source: {retry_source}, redirect: {redirect}, headers: &[{headers}], wire: {wire} }} }},",
        code = r.code,
        code_end = opt_num(r.code_end),
        sub = opt_num(r.sub),
        ns = variant(NAMESPACES, &r.namespace).unwrap_or("Unofficial"),
        phrase = r.phrase,
        status = variant(STATUSES, &r.status).unwrap_or("Unofficial"),
        aliases = strs(&r.aliases),
        iis = opt(&r.iis_versions),
        label = r.reference,
        url = r.url,
        facts = opt(&r.facts),
        title = text(&r.en.title, &r.th.title),
        summary = text(&r.en.summary, &r.th.summary),
        description = text(&r.en.description, &r.th.description),
        causes = texts(&r.en.causes, &r.th.causes),
        fixes = texts(&r.en.fixes, &r.th.fixes),
        related = strs(&r.related),
        cacheable = s.cacheable,
        body = variant(BODIES, &s.body).unwrap_or("Allowed"),
        retry = variant(RETRIES, &s.retry).unwrap_or("Never"),
        retry_source = reference_code(&s.retry_source),
        headers = headers.join(", "),
    )
    .unwrap();
}

/// Field weights for the search index: a hit in the phrase counts far more than one in a
/// description.
const W_PRIMARY: u16 = 40;
const W_SUMMARY: u16 = 10;
const W_BODY: u16 = 3;

/// Words too common in the texts to say anything about an entry.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "has", "have", "if",
    "in", "is", "it", "its", "not", "of", "on", "or", "that", "the", "their", "them", "then",
    "there", "this", "to", "was", "when", "which", "with", "you", "your",
];

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_ascii_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
}

/// Emits the search structures:
/// - `SEARCH`: per entry, its lower-cased primary text (id, phrase, aliases, titles) for whole-query
///   matches, and all its Thai text for substring search (Thai has no spaces between words);
/// - `INDEX`: an inverted index of Latin words to `(entry, weight)` postings, sorted by word so a
///   query word finds its exact and prefix matches by binary search.
fn write_search_index(out: &mut String, entries: &[(String, Raw)]) {
    let mut index: BTreeMap<String, BTreeMap<usize, u16>> = BTreeMap::new();
    writeln!(
        out,
        "pub(crate) static SEARCH: [SearchText; {}] = [",
        entries.len()
    )
    .unwrap();
    for (i, (id, r)) in entries.iter().enumerate() {
        let mut primary: Vec<&str> = vec![id, &r.phrase, &r.en.title, &r.th.title];
        primary.extend(r.aliases.iter().map(String::as_str));
        primary.extend(r.seed_phrase.as_deref());
        let summary = [r.en.summary.as_str(), r.th.summary.as_str()];
        let mut body: Vec<&str> = vec![&r.en.description, &r.th.description];
        for t in [&r.en, &r.th] {
            body.extend(t.causes.iter().map(String::as_str));
            body.extend(t.fixes.iter().map(String::as_str));
        }
        for (texts, weight) in [
            (&primary[..], W_PRIMARY),
            (&summary[..], W_SUMMARY),
            (&body[..], W_BODY),
        ] {
            for text in texts {
                for w in words(text) {
                    let slot = index.entry(w).or_default().entry(i).or_insert(0);
                    *slot = (*slot).max(weight);
                }
            }
        }
        // Numbers people type: "404", "403.14", "nginx:499" all find the entry through its id words.
        let primary_lower = primary.join("\n").to_lowercase();
        let thai: String = [&r.th.title, &r.th.summary, &r.th.description]
            .into_iter()
            .chain(r.th.causes.iter())
            .chain(r.th.fixes.iter())
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
            .to_lowercase();
        let thai_primary_len = r.th.title.len();
        writeln!(
            out,
            "    SearchText {{ primary: {primary_lower:?}, thai: {thai:?}, thai_title_len: {thai_primary_len} }},"
        )
        .unwrap();
    }
    out.push_str("];\n\n");
    writeln!(
        out,
        "pub(crate) static INDEX: [(&str, &[(u16, u16)]); {}] = [",
        index.len()
    )
    .unwrap();
    for (word, postings) in &index {
        let list: Vec<String> = postings
            .iter()
            .map(|(i, w)| format!("({i}, {w})"))
            .collect();
        writeln!(out, "    ({word:?}, &[{}]),", list.join(", ")).unwrap();
    }
    out.push_str("];\n");
}

/// `data/windows.toml`: Windows error codes and IIS log values.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WindowsFile {
    win32: Vec<WinRaw>,
    hresult: Vec<HresultRaw>,
    httperr: Vec<HttperrRaw>,
    ftp: Vec<FtpRaw>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WinRaw {
    code: u32,
    name: String,
    en: String,
    th: String,
    #[serde(default)]
    seen: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HresultRaw {
    code: String,
    name: String,
    en: String,
    th: String,
    #[serde(default)]
    seen: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HttperrRaw {
    reason: String,
    en: String,
    th: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FtpRaw {
    code: u16,
    en: String,
    th: String,
}

/// Emits `WIN32`, `HRESULT` (both sorted by code), `HTTPERR` (sorted by lower-case reason) and
/// `FTP` (sorted by code).
fn write_windows(out: &mut String, path: &Path, ids: &BTreeSet<&str>, errors: &mut Vec<String>) {
    println!("cargo::rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(path).expect("data/windows.toml is UTF-8");
    let file: WindowsFile =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut err = |m: String| errors.push(format!("windows.toml: {m}"));
    let text_of =
        |en: &str, th: &str| format!("Text {{ en: {:?}, th: {:?} }}", en.trim(), th.trim());
    let check_text = |what: &str, en: &str, th: &str, err: &mut dyn FnMut(String)| {
        if en.trim().is_empty() || th.trim().is_empty() {
            err(format!("{what}: en and th are both required"));
        }
    };
    let seen_list = |what: &str, seen: &[String], err: &mut dyn FnMut(String)| {
        for id in seen {
            if !ids.contains(id.as_str()) {
                err(format!("{what}: seen id {id:?} does not exist"));
            }
        }
        let items: Vec<String> = seen.iter().map(|s| format!("{s:?}")).collect();
        format!("&[{}]", items.join(", "))
    };

    let mut win32: Vec<(u32, String)> = Vec::new();
    for w in &file.win32 {
        let what = format!("win32 {}", w.code);
        check_text(&what, &w.en, &w.th, &mut err);
        if w.code > 0xFFFF {
            err(format!(
                "{what}: a Win32 code fits in 16 bits; HRESULTs go in [[hresult]]"
            ));
        }
        let seen = seen_list(&what, &w.seen, &mut err);
        win32.push((
            w.code,
            format!(
                "    WinError {{ kind: WinKind::Win32, code: {}, name: {:?}, text: {}, seen: {seen} }},",
                w.code,
                w.name,
                text_of(&w.en, &w.th)
            ),
        ));
    }
    let mut hresult: Vec<(u32, String)> = Vec::new();
    for h in &file.hresult {
        let what = format!("hresult {}", h.code);
        check_text(&what, &h.en, &h.th, &mut err);
        let code = match h
            .code
            .strip_prefix("0x")
            .and_then(|x| u32::from_str_radix(x, 16).ok())
        {
            Some(c) if c >= 0x8000_0000 && h.code.len() == 10 => c,
            _ => {
                err(format!("{what}: write an HRESULT as 0x8XXXXXXX"));
                0
            }
        };
        let seen = seen_list(&what, &h.seen, &mut err);
        hresult.push((
            code,
            format!(
                "    WinError {{ kind: WinKind::Hresult, code: {code}, name: {:?}, text: {}, seen: {seen} }},",
                h.name,
                text_of(&h.en, &h.th)
            ),
        ));
    }
    for (name, table) in [("WIN32", &mut win32), ("HRESULT", &mut hresult)] {
        table.sort_by_key(|(c, _)| *c);
        if table.windows(2).any(|w| w[0].0 == w[1].0) {
            err(format!("{name}: a code is listed twice"));
        }
        writeln!(
            out,
            "pub(crate) static {name}: [WinError; {}] = [",
            table.len()
        )
        .unwrap();
        for (_, line) in table.iter() {
            out.push_str(line);
            out.push('\n');
        }
        out.push_str("];\n\n");
    }

    let mut httperr: Vec<(String, String)> = Vec::new();
    for h in &file.httperr {
        check_text(&h.reason, &h.en, &h.th, &mut err);
        httperr.push((
            h.reason.to_ascii_lowercase(),
            format!(
                "    LogReason {{ reason: {:?}, text: {} }},",
                h.reason,
                text_of(&h.en, &h.th)
            ),
        ));
    }
    httperr.sort();
    if httperr.windows(2).any(|w| w[0].0 == w[1].0) {
        err("httperr: a reason is listed twice".into());
    }
    writeln!(
        out,
        "pub(crate) static HTTPERR: [LogReason; {}] = [",
        httperr.len()
    )
    .unwrap();
    for (_, line) in &httperr {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("];\n\n");

    let mut ftp: Vec<(u16, String)> = Vec::new();
    for f in &file.ftp {
        check_text(&format!("ftp {}", f.code), &f.en, &f.th, &mut err);
        if !(100..600).contains(&f.code) {
            err(format!("ftp {}: FTP replies are 100-599", f.code));
        }
        ftp.push((
            f.code,
            format!(
                "    FtpReply {{ code: {}, text: {} }},",
                f.code,
                text_of(&f.en, &f.th)
            ),
        ));
    }
    ftp.sort_by_key(|(c, _)| *c);
    if ftp.windows(2).any(|w| w[0].0 == w[1].0) {
        err("ftp: a code is listed twice".into());
    }
    writeln!(out, "pub(crate) static FTP: [FtpReply; {}] = [", ftp.len()).unwrap();
    for (_, line) in &ftp {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("];\n");
}

/// The data file of log causes (not registry entries).
const LOG_CAUSES_FILE: &str = "log-causes.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CauseFile {
    cause: Vec<RawCause>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCause {
    kind: String,
    value: String,
    en: String,
    th: String,
}

/// `data/log-causes.toml` → `log_causes.rs` in `OUT_DIR`: a slice sorted by (kind, value).
fn log_causes(dir: &Path) {
    let path = dir.join(LOG_CAUSES_FILE);
    println!("cargo::rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path).expect("log-causes.toml is UTF-8");
    let file: CauseFile =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut causes = file.cause;
    causes.sort_by(|a, b| (&a.kind, &a.value).cmp(&(&b.kind, &b.value)));
    let mut errors = Vec::new();
    for w in causes.windows(2) {
        if (&w[0].kind, &w[0].value) == (&w[1].kind, &w[1].value) {
            errors.push(format!("duplicate cause {} {}", w[0].kind, w[0].value));
        }
    }
    for c in &causes {
        if c.en.trim().is_empty() || c.th.trim().is_empty() {
            errors.push(format!(
                "cause {} {}: en and th are required",
                c.kind, c.value
            ));
        }
        if c.th.contains("ๆ") && !c.th.contains(" ๆ") {
            errors.push(format!("cause {} {}: write ๆ with spaces", c.kind, c.value));
        }
    }
    if !errors.is_empty() {
        panic!("invalid log causes:\n  {}", errors.join("\n  "));
    }
    let mut out = String::from(
        "// @generated by crates/codes/build.rs from crates/codes/data/log-causes.toml. Do not edit.\n\n",
    );
    writeln!(
        out,
        "pub(crate) static CAUSES: [LogCause; {}] = [",
        causes.len()
    )
    .unwrap();
    for c in &causes {
        writeln!(
            out,
            "    LogCause {{ kind: {:?}, value: {:?}, text: Text {{ en: {:?}, th: {:?} }} }},",
            c.kind, c.value, c.en, c.th
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("log_causes.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
