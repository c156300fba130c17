//! Part of build.rs: validates `data/synonyms.toml` (search synonyms and intents, and the Thai
//! word list for segmentation) and emits `search_data.rs` into `OUT_DIR` for `src/search.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use super::Raw;

/// The data file this module reads; the registry loop skips it.
pub(crate) const FILE: &str = "synonyms.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Synonyms {
    thai: Thai,
    intent: Vec<Intent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Thai {
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Intent {
    ids: Vec<String>,
    en: Vec<String>,
    th: Vec<String>,
}

fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// Writes `THAI_WORDS` (sorted, unique), `INTENTS` and `THAI_SUMMARY_END` (per entry, the byte
/// offset where the Thai summary ends in the entry's Thai search text).
pub(crate) fn write(dir: &Path, entries: &[(String, Raw)], errors: &mut Vec<String>) -> String {
    let path = dir.join(FILE);
    println!("cargo::rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path).expect("data/synonyms.toml is UTF-8");
    let data: Synonyms =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let index: BTreeMap<&str, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), i))
        .collect();

    let mut out = String::new();
    let mut words = BTreeSet::new();
    for w in &data.thai.words {
        if w.is_empty() || !w.chars().all(is_thai) {
            errors.push(format!("{FILE}: Thai word {w:?} must be Thai letters only"));
        }
        words.insert(w.as_str());
    }
    writeln!(
        out,
        "pub(crate) static THAI_WORDS: [&str; {}] = {:?};\n",
        words.len(),
        words.iter().collect::<Vec<_>>()
    )
    .unwrap();

    writeln!(
        out,
        "pub(crate) static INTENTS: [Intent; {}] = [",
        data.intent.len()
    )
    .unwrap();
    for (n, intent) in data.intent.iter().enumerate() {
        let mut err =
            |m: String| errors.push(format!("{FILE}: intent {} ({:?}): {m}", n + 1, intent.ids));
        if intent.ids.is_empty() || intent.en.is_empty() || intent.th.is_empty() {
            err("needs ids and phrases in both languages (en, th)".into());
        }
        let mut targets = Vec::new();
        for id in &intent.ids {
            match index.get(id.as_str()) {
                Some(i) => targets.push(*i),
                None => err(format!("id {id:?} does not exist")),
            }
        }
        for p in intent.en.iter().chain(&intent.th) {
            if p.trim().is_empty() || p.to_lowercase() != *p || p.trim() != p {
                err(format!(
                    "phrase {p:?} must be lower case, trimmed and not empty"
                ));
            }
        }
        for p in &intent.en {
            if p.chars().any(is_thai) {
                err(format!("English phrase {p:?} has Thai letters"));
            }
        }
        for p in &intent.th {
            if !p.chars().any(is_thai) {
                err(format!("Thai phrase {p:?} has no Thai letters"));
            }
        }
        let phrases: Vec<&String> = intent.en.iter().chain(&intent.th).collect();
        writeln!(
            out,
            "    Intent {{ phrases: &{phrases:?}, entries: &{targets:?} }},"
        )
        .unwrap();
    }
    out.push_str("];\n\n");

    let ends: Vec<usize> = entries
        .iter()
        .map(|(_, r)| r.th.title.len() + 1 + r.th.summary.to_lowercase().len())
        .collect();
    writeln!(
        out,
        "pub(crate) static THAI_SUMMARY_END: [usize; {}] = {ends:?};",
        ends.len()
    )
    .unwrap();
    out
}
