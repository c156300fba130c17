//! `data/synonyms.toml` against the registry: every intent points at entries that exist, has
//! phrases in both languages, and finds its first entry among the top results when searched alone.
//! (build.rs checks the ids too; this test reads the file as a reviewer would.)

use toml::Value;

fn intents() -> Vec<Value> {
    let text = include_str!("../data/synonyms.toml");
    let doc: Value = toml::from_str(text).expect("synonyms.toml is valid TOML");
    doc["intent"].as_array().expect("[[intent]] tables").clone()
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn every_target_exists_and_both_languages_are_filled() {
    let intents = intents();
    assert!(intents.len() >= 30, "{} intents", intents.len());
    for intent in &intents {
        let ids = strings(&intent["ids"]);
        assert!(!ids.is_empty(), "{intent:?}: no ids");
        for id in &ids {
            assert!(httpstatus_codes::by_id(id).is_some(), "no entry {id}");
        }
        assert!(
            !strings(&intent["en"]).is_empty(),
            "{ids:?}: no English phrase"
        );
        assert!(
            !strings(&intent["th"]).is_empty(),
            "{ids:?}: no Thai phrase"
        );
    }
}

#[test]
fn every_phrase_finds_its_first_target_near_the_top() {
    for intent in intents() {
        let ids = strings(&intent["ids"]);
        for phrase in strings(&intent["en"])
            .into_iter()
            .chain(strings(&intent["th"]))
        {
            let top: Vec<&str> = httpstatus_codes::search(phrase)
                .iter()
                .take(ids.len().max(3))
                .map(|h| h.entry.id)
                .collect();
            assert!(
                top.contains(&ids[0]),
                "{phrase:?} should find {} near the top, got {top:?}",
                ids[0]
            );
        }
    }
}

#[test]
fn thai_words_are_thai() {
    let text = include_str!("../data/synonyms.toml");
    let doc: Value = toml::from_str(text).expect("valid TOML");
    let words = strings(&doc["thai"]["words"]);
    assert!(words.len() > 100);
    for w in words {
        assert!(
            w.chars().all(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)),
            "{w:?}"
        );
    }
}
