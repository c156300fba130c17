//! "Which code should I return?": a guide for API designers, from a situation (validation
//! failed, token expired, rate limited ...) to the status code, the response headers that go with
//! it, an example `application/problem+json` body (RFC 9457) and the usual mistakes, in English
//! and Thai.
//!
//! The data lives in `data/guide.toml`; `build.rs` validates it and compiles it into static
//! tables like the registry, so nothing is parsed at run time. A small decision tree
//! ([`start`], [`node`]) leads from a first question to a situation.
//!
//! ```
//! use httpstatus_codes::guide::{self, Target};
//! use httpstatus_codes::{Lang, Level};
//!
//! let s = guide::situation("method-not-allowed").unwrap();
//! assert_eq!(s.choices[0].code, 405);
//! assert!(s.headers.iter().any(|h| h.name == "Allow" && h.level == Level::Must));
//! assert!(!s.title.get(Lang::Th).is_empty());
//!
//! // Walking the tree: every answer leads to another question or to a situation.
//! let first = guide::start();
//! assert!(first.answers.iter().all(|a| match a.target {
//!     Target::Node(id) => guide::node(id).is_some(),
//!     Target::Situation(id) => guide::situation(id).is_some(),
//! }));
//! ```

use crate::model::{Entry, Level, Reference, Text};

/// One decision an API designer faces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Situation {
    /// Slug, such as `validation-failed`: the CLI argument and the `/guide/{id}` path.
    pub id: &'static str,
    /// Short title.
    pub title: Text,
    /// The situation, as one sentence.
    pub question: Text,
    /// The decision, in a short paragraph.
    pub answer: Text,
    /// The codes to return, the recommended one first.
    pub choices: &'static [Choice],
    /// Response headers to send with them.
    pub headers: &'static [GuideHeader],
    /// An example `application/problem+json` body (a JSON text), for error situations.
    pub example: Option<&'static str>,
    /// Common mistakes.
    pub mistakes: &'static [Text],
    /// Ids of related situations.
    pub related: &'static [&'static str],
}

/// A code to return, and when to choose it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    /// An assigned IANA code.
    pub code: u16,
    /// When this code is the right one.
    pub when: Text,
}

impl Choice {
    /// The registry entry of the code (every choice names an assigned IANA code; the build
    /// checks it).
    pub fn entry(&self) -> Option<&'static Entry> {
        crate::registry::lookup(self.code)
    }
}

/// A response header to send with one of a situation's codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GuideHeader {
    /// The choice's code this header goes with.
    pub code: u16,
    /// Header name, such as `WWW-Authenticate`.
    pub name: &'static str,
    /// The requirement level: the RFC's keyword where it has one.
    pub level: Level,
    /// Where the requirement is written.
    pub reference: Reference,
    /// What to put in it.
    pub note: Text,
}

/// A question of the decision tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node {
    /// Node id; the tree starts at `start`.
    pub id: &'static str,
    /// The question.
    pub question: Text,
    /// The possible answers.
    pub answers: &'static [Answer],
}

/// An answer to a question of the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The answer's text.
    pub label: Text,
    /// Where it leads.
    pub target: Target,
}

/// Where an answer leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Another question (a [`Node`] id).
    Node(&'static str),
    /// A situation (a [`Situation`] id).
    Situation(&'static str),
}

include!(concat!(env!("OUT_DIR"), "/guide.rs"));

/// Every situation, in the guide's order (grouped by theme).
pub fn situations() -> &'static [Situation] {
    &SITUATIONS
}

/// The situation with this id.
pub fn situation(id: &str) -> Option<&'static Situation> {
    SITUATIONS.iter().find(|s| s.id == id)
}

/// Every question of the decision tree; the first is [`start`].
pub fn nodes() -> &'static [Node] {
    &NODES
}

/// The question with this id.
pub fn node(id: &str) -> Option<&'static Node> {
    NODES.iter().find(|n| n.id == id)
}

/// The first question of the decision tree.
pub fn start() -> &'static Node {
    &NODES[0]
}

/// The situations whose choices include `code`.
pub fn for_code(code: u16) -> impl Iterator<Item = &'static Situation> {
    SITUATIONS
        .iter()
        .filter(move |s| s.choices.iter().any(|c| c.code == code))
}

/// Situations close to what someone typed: a status code (`429`), an id with a typo
/// (`rate-limitted`), or words of a title (`token`, `หมดอายุ`). Best first, at most five.
pub fn suggest(input: &str) -> Vec<&'static Situation> {
    let q = input.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    if let Ok(code) = q.parse::<u16>() {
        return for_code(code).take(5).collect();
    }
    let q_slug: String = q
        .chars()
        .map(|c| {
            if c.is_whitespace() || c == '_' {
                '-'
            } else {
                c
            }
        })
        .collect();
    let mut scored: Vec<(usize, usize, &'static Situation)> = SITUATIONS
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let title_en = s.title.en.to_lowercase();
            let score = if s.id.contains(&q_slug) || q_slug.contains(s.id) {
                0
            } else if title_en.contains(&q) || s.title.th.contains(q.as_str()) {
                1
            } else {
                let d = distance(&q_slug, s.id);
                if d <= (s.id.len() / 4).max(2) {
                    1 + d
                } else if q
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.chars().count() >= 3)
                    .any(|w| s.id.contains(w) || title_en.contains(w))
                {
                    8
                } else {
                    return None;
                }
            };
            Some((score, i, s))
        })
        .collect();
    scored.sort_by_key(|&(score, i, _)| (score, i));
    scored.into_iter().take(5).map(|(_, _, s)| s).collect()
}

/// Levenshtein distance over characters (short strings only: ids and typed words).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(feature = "serde")]
mod serde_impls {
    //! The JSON shape of the guide (the CLI's `guide --json` and `/api/v1/guide` print it;
    //! `schema/guide.schema.json` documents it), written out by hand like the entries'.

    use serde::ser::{Serialize, SerializeStruct, Serializer};

    use super::{Answer, Choice, GuideHeader, Node, Situation, Target};

    impl Serialize for Situation {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut st = s.serialize_struct("Situation", 9)?;
            st.serialize_field("id", self.id)?;
            st.serialize_field("title", &self.title)?;
            st.serialize_field("question", &self.question)?;
            st.serialize_field("answer", &self.answer)?;
            st.serialize_field("choices", self.choices)?;
            st.serialize_field("headers", self.headers)?;
            st.serialize_field("example", &self.example)?;
            st.serialize_field("mistakes", self.mistakes)?;
            st.serialize_field("related", self.related)?;
            st.end()
        }
    }

    impl Serialize for Choice {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut st = s.serialize_struct("Choice", 3)?;
            st.serialize_field("code", &self.code)?;
            st.serialize_field("phrase", &self.entry().map(|e| e.phrase))?;
            st.serialize_field("when", &self.when)?;
            st.end()
        }
    }

    impl Serialize for GuideHeader {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut st = s.serialize_struct("GuideHeader", 5)?;
            st.serialize_field("code", &self.code)?;
            st.serialize_field("name", self.name)?;
            st.serialize_field("level", &self.level)?;
            st.serialize_field("reference", &self.reference)?;
            st.serialize_field("note", &self.note)?;
            st.end()
        }
    }

    impl Serialize for Node {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut st = s.serialize_struct("Node", 3)?;
            st.serialize_field("id", self.id)?;
            st.serialize_field("question", &self.question)?;
            st.serialize_field("answers", self.answers)?;
            st.end()
        }
    }

    impl Serialize for Answer {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut st = s.serialize_struct("Answer", 3)?;
            st.serialize_field("label", &self.label)?;
            let (kind, id) = match self.target {
                Target::Node(id) => ("node", id),
                Target::Situation(id) => ("situation", id),
            };
            st.serialize_field(kind, id)?;
            st.end()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_for_typos_codes_and_words() {
        assert_eq!(suggest("rate-limitted")[0].id, "rate-limited");
        assert_eq!(suggest("validation failed")[0].id, "validation-failed");
        assert!(suggest("429").iter().any(|s| s.id == "rate-limited"));
        assert!(suggest("token").iter().any(|s| s.id == "token-expired"));
        assert!(suggest("zzzzqqqq").is_empty());
        assert!(suggest("").is_empty());
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("gone", "gone"), 0);
        assert_eq!(distance("gnoe", "gone"), 2);
        assert_eq!(distance("", "abc"), 3);
    }
}
