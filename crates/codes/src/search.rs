//! Ranked, typo-tolerant search over phrases, aliases, titles, summaries and descriptions, in
//! English and Thai, with the synonyms and intents of `data/synonyms.toml`.
//!
//! One function, [`search`], serves the CLI, the JSON API, the search page and the instant search,
//! so they all give the same results in the same order. The ranking, best first:
//!
//! 1. what a code form names (`404`, `403.14`, `nginx:499`, `5xx`);
//! 2. an exact match: the query is an entry's phrase, title, alias or one of its synonyms;
//! 3. entries whose phrase, titles, aliases or synonyms hold every query word;
//! 4. entries whose texts (summaries, descriptions, causes, fixes) hold every query word;
//! 5. only when nothing holds every word: entries holding most of them.
//!
//! Within each level, standard IANA codes come before IIS sub-status, vendor and unassigned
//! entries, unless the query names IIS or a vendor ("iis", "nginx", "cloudflare", "aws"), whose
//! entries then come first; then the weight of the matches decides. Common words ("not", "is",
//! "the") count only toward an exact phrase match, so a result never stands on them alone.
//!
//! Latin words go through a build-time inverted index (exact, prefix, word-ending-stripped
//! prefix, then edit distance ≤ 1–2). Thai has no spaces between words: a Thai query is cut into
//! words with a dictionary (maximal matching over `[thai] words` of `synonyms.toml`), and each word
//! is found in the entries' Thai texts with `memchr::memmem`.

use std::sync::OnceLock;

use memchr::memmem;

use crate::model::{Entry, Namespace};
use crate::registry::{entries, index, search_texts};

/// A synonym or intent from `data/synonyms.toml`.
pub(crate) struct Intent {
    /// Phrases in English and Thai, lower case.
    phrases: &'static [&'static str],
    /// Indexes into `entries()`, best first.
    entries: &'static [usize],
}

include!(concat!(env!("OUT_DIR"), "/search_data.rs"));

/// One search result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The entry found.
    pub entry: &'static Entry,
    /// Relevance; higher is better. Only the order is meaningful.
    pub score: u32,
}

const MAX_TOKENS: usize = 8;
const PREFIX_LIMIT: usize = 64;

/// Weight of a word found in a phrase, title or alias (the index's primary weight).
const W_PRIMARY: u16 = 40;
/// Weight of a word covered by a synonym phrase of the entry (the first entry of an intent).
const W_INTENT: u16 = 60;
/// Thai weights: title, summary, the rest.
const W_TH_TITLE: u16 = 40;
const W_TH_SUMMARY: u16 = 10;
const W_TH_BODY: u16 = 3;

/// Levels, highest first (see the module documentation).
const L_NAMED: u32 = 5;
const L_EXACT: u32 = 4;
const L_PRIMARY: u32 = 3;
const L_ALL: u32 = 2;
const L_SOME: u32 = 1;

/// Searches every entry; results are best first, ties in registry order.
///
/// ```
/// let hits = httpstatus_codes::search("too many requests");
/// assert_eq!(hits[0].entry.id, "429");
/// let hits = httpstatus_codes::search("rate limit");
/// assert_eq!(hits[0].entry.id, "429");
/// let hits = httpstatus_codes::search("เซิร์ฟเวอร์ไม่พร้อมให้บริการ");
/// assert_eq!(hits[0].entry.id, "503");
/// let hits = httpstatus_codes::search("gatway timout"); // typos
/// assert_eq!(hits[0].entry.id, "504");
/// ```
pub fn search(query: &str) -> Vec<Hit> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let all = entries();
    let n = all.len();
    let mut level = vec![0u32; n];
    let mut score = vec![0u32; n];

    // 1. Code forms: what they name comes first, in their own order.
    if let Ok(parsed) = crate::Query::parse(&query) {
        let mut named = parsed.entries();
        if named.is_empty() {
            if let crate::Query::Code { code, .. } = parsed {
                named.extend(crate::unassigned_range(code));
            }
        }
        let count = u32::try_from(named.len()).unwrap_or(u32::MAX);
        for (k, e) in named.iter().enumerate() {
            if let Some(i) = position(e) {
                level[i] = L_NAMED;
                score[i] = count.saturating_sub(u32::try_from(k).unwrap_or(u32::MAX));
            }
        }
    }

    let tokens = tokenize(&query);
    let compact: String = query.chars().filter(|c| !c.is_whitespace()).collect();
    let named_ns: Vec<Namespace> = tokens.iter().filter_map(|t| names(&t.text)).collect();
    // Words that must match: not stop words, not namespace names, not soft words.
    let mut required: Vec<usize> = (0..tokens.len())
        .filter(|&k| tokens[k].kind == Kind::Word)
        .take(MAX_TOKENS)
        .collect();
    let only_names = required.is_empty() && !named_ns.is_empty();
    if required.is_empty() {
        required = (0..tokens.len())
            .filter(|&k| tokens[k].kind == Kind::Soft || tokens[k].kind == Kind::Name)
            .take(MAX_TOKENS)
            .collect();
    }
    let texts = search_texts();

    // Per required word, per entry: the best weight of a match.
    let mut weights: Vec<Vec<u16>> = Vec::with_capacity(required.len());
    let mut primary_only = vec![true; n];
    for &k in &required {
        let mut w = vec![0u16; n];
        let t = &tokens[k];
        if t.thai {
            score_thai(&t.text, &mut w);
        } else {
            score_latin(t, &mut w);
        }
        weights.push(w);
    }
    // Synonyms and intents: the words a phrase covers count as title words of its entries.
    let forms = intent_forms();
    let query_norm = normal(&tokens);
    let mut exact = vec![false; n];
    let words: Vec<usize> = (0..tokens.len())
        .filter(|&k| tokens[k].kind != Kind::Stop)
        .collect();
    for (intent, phrases) in INTENTS.iter().zip(forms) {
        for phrase in phrases {
            let Some(covered) = phrase.covers(&tokens, &words, &compact) else {
                continue;
            };
            let whole = phrase.norm == query_norm || phrase.norm == compact;
            for (rank, &i) in intent.entries.iter().enumerate() {
                let w = W_INTENT.saturating_sub(u16::try_from(4 * rank).unwrap_or(u16::MAX));
                if whole {
                    exact[i] = true;
                }
                for (slot, &k) in required.iter().enumerate() {
                    if covered.contains(&k) {
                        let v = &mut weights[slot][i];
                        *v = (*v).max(w);
                    }
                }
            }
        }
    }
    // Namespace names match every entry of the namespace as a title word.
    for (slot, &k) in required.iter().enumerate() {
        if let Some(ns) = names(&tokens[k].text) {
            for (i, e) in all.iter().enumerate() {
                if e.namespace == ns {
                    weights[slot][i] = weights[slot][i].max(W_PRIMARY);
                }
            }
        }
    }

    let mut matched = vec![0u32; n];
    let mut total = vec![0u32; n];
    for w in &weights {
        for i in 0..n {
            if w[i] > 0 {
                matched[i] += 1;
                total[i] += u32::from(w[i]);
                if w[i] < W_PRIMARY {
                    primary_only[i] = false;
                }
            }
        }
    }
    // Soft words and namespace names that are not required add weight where they match.
    for (k, t) in tokens.iter().enumerate() {
        if required.contains(&k) || t.kind == Kind::Stop {
            continue;
        }
        if let Some(ns) = names(&t.text) {
            for (i, e) in all.iter().enumerate() {
                if e.namespace == ns {
                    total[i] += u32::from(W_PRIMARY);
                }
            }
        }
    }

    let norms = entry_forms();
    let want = u32::try_from(required.len()).unwrap_or(u32::MAX);
    let partial_floor = want.div_ceil(2).max(1);
    let best_partial = matched.iter().copied().max().unwrap_or(0);
    for i in 0..n {
        if level[i] == L_NAMED {
            continue;
        }
        let whole_query_is_title = norms[i]
            .iter()
            .any(|f| *f == query_norm || (!compact.is_ascii() && *f == compact));
        let lvl = if want > 0 && matched[i] == want {
            if whole_query_is_title || exact[i] {
                L_EXACT
            } else if primary_only[i] {
                L_PRIMARY
            } else {
                L_ALL
            }
        } else if want == 0 && whole_query_is_title {
            L_EXACT
        } else if matched[i] > 0 && matched[i] >= partial_floor && matched[i] == best_partial {
            L_SOME
        } else {
            0
        };
        if lvl == 0 {
            continue;
        }
        // Queries of stop words alone find exact phrases only.
        if want == 0 && lvl < L_EXACT {
            continue;
        }
        let mut s = total[i];
        if whole_query_is_title || exact[i] {
            s += 200;
        } else if query.len() >= 3 && texts[i].primary.contains(query.as_str()) {
            s += 60;
        }
        level[i] = lvl;
        score[i] = s;
    }
    // Partial matches only when nothing holds every word.
    if level.iter().any(|&l| l >= L_ALL) {
        for l in level.iter_mut() {
            if *l == L_SOME {
                *l = 0;
            }
        }
    }
    if only_names {
        // "nginx": every entry of the namespace, even without text matches.
        for (i, e) in all.iter().enumerate() {
            if named_ns.contains(&e.namespace) && level[i] == 0 {
                level[i] = L_ALL;
                score[i] = 1;
            }
        }
    }

    let mut hits: Vec<Hit> = (0..n)
        .filter(|&i| level[i] > 0)
        .map(|i| {
            let e = &all[i];
            let rank = if level[i] == L_NAMED {
                0
            } else if named_ns.contains(&e.namespace) {
                3
            } else if e.is_unassigned() {
                0
            } else if e.namespace == Namespace::Iana {
                2
            } else {
                1
            };
            let s = level[i] * 10_000_000 + rank * 1_000_000 + score[i].min(999_999);
            Hit { entry: e, score: s }
        })
        .collect();
    hits.sort_by_key(|h| std::cmp::Reverse(h.score));
    hits
}

fn position(e: &Entry) -> Option<usize> {
    static POSITIONS: OnceLock<std::collections::HashMap<&'static str, usize>> = OnceLock::new();
    POSITIONS
        .get_or_init(|| {
            entries()
                .iter()
                .enumerate()
                .map(|(i, x)| (x.id, i))
                .collect()
        })
        .get(e.id)
        .copied()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A word that must match.
    Word,
    /// A common word: counts only toward exact phrase matches.
    Stop,
    /// A word that adds weight but is not required ("http", "error", "status").
    Soft,
    /// A namespace name ("nginx", "iis"): its entries come first.
    Name,
}

#[derive(Debug)]
struct Token {
    /// Lower case; for Latin words with the word ending stripped in `stem`.
    text: String,
    stem: String,
    thai: bool,
    kind: Kind,
    /// Byte span in the query without white space.
    start: usize,
    end: usize,
}

fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// Cuts lower-cased text into Latin words and Thai dictionary words.
fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut compact_at = 0usize;
    let mut current = String::new();
    let mut current_thai = false;
    let mut start = 0usize;
    let flush = |tokens: &mut Vec<Token>, word: &mut String, thai: bool, start: usize| {
        if word.is_empty() {
            return;
        }
        if thai {
            let mut at = start;
            for w in segment(word) {
                let len = w.len();
                tokens.push(token(w.to_string(), true, at, at + len));
                at += len;
            }
        } else {
            let len = word.len();
            tokens.push(token(word.clone(), false, start, start + len));
        }
        word.clear();
    };
    for c in text.chars() {
        let thai = is_thai(c);
        let latin = c.is_alphanumeric() && !thai || c == '\'';
        if (thai || latin) && !current.is_empty() && thai != current_thai {
            flush(&mut tokens, &mut current, current_thai, start);
        }
        if thai || latin {
            if current.is_empty() {
                start = compact_at;
                current_thai = thai;
            }
            if c != '\'' {
                current.push(c);
            }
        } else {
            flush(&mut tokens, &mut current, current_thai, start);
        }
        if !c.is_whitespace() {
            compact_at += c.len_utf8();
            if !(thai || latin) {
                start = compact_at;
            }
        }
    }
    flush(&mut tokens, &mut current, current_thai, start);
    tokens
}

fn token(text: String, thai: bool, start: usize, end: usize) -> Token {
    let kind = if thai {
        if THAI_STOPWORDS.contains(&text.as_str()) {
            Kind::Stop
        } else {
            Kind::Word
        }
    } else if STOPWORDS.contains(&text.as_str()) {
        Kind::Stop
    } else if names(&text).is_some() {
        Kind::Name
    } else if SOFT.contains(&text.as_str()) {
        Kind::Soft
    } else {
        Kind::Word
    };
    let stem = if thai { text.clone() } else { stem(&text) };
    Token {
        text,
        stem,
        thai,
        kind,
        start,
        end,
    }
}

/// Strips one common English word ending, so "throttled", "throttling" and "throttle" meet.
fn stem(word: &str) -> String {
    for suffix in ["ing", "ed", "es", "s", "e"] {
        if let Some(base) = word.strip_suffix(suffix) {
            if base.len() >= 3 && !base.ends_with('s') || base.len() >= 4 {
                return base.to_string();
            }
        }
    }
    word.to_string()
}

/// The words people type that say nothing about a code (the build's index leaves them out too).
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "has", "have", "if",
    "in", "is", "it", "its", "not", "of", "on", "or", "that", "the", "their", "them", "then",
    "there", "this", "to", "was", "when", "which", "with", "you", "your", "i", "im", "my", "me",
    "we", "our", "what", "does", "do", "why", "how", "got", "get", "getting", "returns",
    "returned",
];

/// Words that add weight where they match but are not required.
const SOFT: &[&str] = &[
    "http", "https", "status", "code", "codes", "error", "errors", "response",
];

const THAI_STOPWORDS: &[&str] = &[
    "ที่",
    "และ",
    "การ",
    "ของ",
    "ให้",
    "เป็น",
    "คือ",
    "ว่า",
    "ใน",
    "จะ",
    "ก็",
    "ซึ่ง",
    "กับ",
    "ด้วย",
    "จาก",
    "โดย",
    "แล้ว",
    "ความ",
    "นี้",
    "นั้น",
    "มา",
    "ไป",
    "ทำ",
    "อยู่",
    "แต่",
    "หรือ",
    "บน",
    "ถ้า",
    "เพราะ",
    "เนื่องจาก",
    "เมื่อ",
    "ยัง",
    "ทาง",
    "ติด",
];

/// The namespace a word names, if any.
fn names(word: &str) -> Option<Namespace> {
    Some(match word {
        "iis" => Namespace::Iis,
        "microsoft" | "windows" | "outlook" | "exchange" => Namespace::Microsoft,
        "nginx" => Namespace::Nginx,
        "cloudflare" => Namespace::Cloudflare,
        "aws" | "amazon" | "elb" | "alb" => Namespace::Aws,
        "laravel" => Namespace::Laravel,
        "spring" => Namespace::Spring,
        "twitter" => Namespace::Twitter,
        "shopify" => Namespace::Shopify,
        "esri" | "arcgis" => Namespace::Esri,
        "cpanel" => Namespace::Cpanel,
        "qualys" => Namespace::Qualys,
        "pantheon" => Namespace::Pantheon,
        "linkedin" => Namespace::Linkedin,
        _ => return None,
    })
}

/// Cuts a run of Thai letters into words: the fewest unknown letters, then the fewest words,
/// over the dictionary (`[thai] words`); unknown letters next to each other stay one piece.
fn segment(text: &str) -> Vec<&str> {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let m = bounds.len() - 1;
    // best[j] = (unknown letters, words) for text[..bounds[j]]; from[j] = start, known?
    let mut best = vec![(usize::MAX, usize::MAX); m + 1];
    let mut from = vec![(0usize, false); m + 1];
    best[0] = (0, 0);
    let longest = THAI_LONGEST.get_or_init(|| {
        THAI_WORDS
            .iter()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(1)
    });
    for i in 0..m {
        if best[i].0 == usize::MAX {
            continue;
        }
        let (u, w) = best[i];
        // An unknown letter.
        let cand = (u + 1, w + 1);
        if cand < best[i + 1] {
            best[i + 1] = cand;
            from[i + 1] = (i, false);
        }
        for j in (i + 1)..=(i + longest).min(m) {
            let piece = &text[bounds[i]..bounds[j]];
            if THAI_WORDS.binary_search(&piece).is_ok() {
                let cand = (u, w + 1);
                if cand < best[j] {
                    best[j] = cand;
                    from[j] = (i, true);
                }
            }
        }
    }
    let mut pieces: Vec<(usize, usize, bool)> = Vec::new();
    let mut j = m;
    while j > 0 {
        let (i, known) = from[j];
        pieces.push((i, j, known));
        j = i;
    }
    pieces.reverse();
    let mut words: Vec<&str> = Vec::new();
    let mut unknown_from: Option<usize> = None;
    for (i, j, known) in pieces {
        if known {
            if let Some(s) = unknown_from.take() {
                words.push(&text[bounds[s]..bounds[i]]);
            }
            words.push(&text[bounds[i]..bounds[j]]);
        } else if unknown_from.is_none() {
            unknown_from = Some(i);
        }
    }
    if let Some(s) = unknown_from {
        words.push(&text[bounds[s]..]);
    }
    words
}

static THAI_LONGEST: OnceLock<usize> = OnceLock::new();

/// A query or a title in comparable form: Latin words stemmed and joined by spaces ("not found"
/// stays two words), Thai words joined without spaces.
fn normal(tokens: &[Token]) -> String {
    let mut out = String::new();
    let mut last_thai = false;
    for t in tokens {
        if !(out.is_empty() || t.thai && last_thai) {
            out.push(' ');
        }
        out.push_str(&t.stem);
        last_thai = t.thai;
    }
    out
}

/// A synonym phrase in the forms a query is compared with.
struct Phrase {
    /// Latin phrases: the stemmed words that are not stop words.
    words: Vec<String>,
    /// Phrases with Thai: the lower-cased text without white space.
    compact: Option<String>,
    /// The whole phrase as `normal` gives it.
    norm: String,
}

impl Phrase {
    /// The query tokens this phrase covers, if the query holds it.
    fn covers(&self, tokens: &[Token], words: &[usize], compact: &str) -> Option<Vec<usize>> {
        if let Some(c) = &self.compact {
            let at = compact.find(c.as_str())?;
            let end = at + c.len();
            let covered: Vec<usize> = (0..tokens.len())
                .filter(|&k| tokens[k].start < end && tokens[k].end > at)
                .collect();
            return (!covered.is_empty()).then_some(covered);
        }
        if self.words.is_empty() || self.words.len() > words.len() {
            return None;
        }
        (0..=words.len() - self.words.len()).find_map(|s| {
            let window = &words[s..s + self.words.len()];
            window
                .iter()
                .zip(&self.words)
                .all(|(&k, w)| tokens[k].stem == *w)
                .then(|| window.to_vec())
        })
    }
}

fn intent_forms() -> &'static [Vec<Phrase>] {
    static FORMS: OnceLock<Vec<Vec<Phrase>>> = OnceLock::new();
    FORMS.get_or_init(|| {
        INTENTS
            .iter()
            .map(|intent| {
                intent
                    .phrases
                    .iter()
                    .map(|p| {
                        let tokens = tokenize(p);
                        let thai = p.chars().any(is_thai);
                        Phrase {
                            words: tokens
                                .iter()
                                .filter(|t| t.kind != Kind::Stop)
                                .map(|t| t.stem.clone())
                                .collect(),
                            compact: thai
                                .then(|| p.chars().filter(|c| !c.is_whitespace()).collect()),
                            norm: if thai {
                                p.chars().filter(|c| !c.is_whitespace()).collect()
                            } else {
                                normal(&tokens)
                            },
                        }
                    })
                    .collect()
            })
            .collect()
    })
}

/// Per entry, its id, phrase, titles and aliases in the form `normal` gives (Thai titles without
/// white space), for exact matches.
fn entry_forms() -> &'static [Vec<String>] {
    static FORMS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    FORMS.get_or_init(|| {
        search_texts()
            .iter()
            .map(|t| {
                t.primary
                    .lines()
                    .map(|line| {
                        if line.chars().any(is_thai) {
                            line.chars().filter(|c| !c.is_whitespace()).collect()
                        } else {
                            normal(&tokenize(line))
                        }
                    })
                    .filter(|f: &String| !f.is_empty())
                    .collect()
            })
            .collect()
    })
}

fn add(scores: &mut [u16], postings: &[(u16, u16)], scale_num: u16, scale_den: u16) {
    for &(i, w) in postings {
        let w = (w * scale_num / scale_den).max(1);
        let slot = &mut scores[usize::from(i)];
        *slot = (*slot).max(w);
    }
}

fn score_latin(t: &Token, scores: &mut [u16]) {
    let idx = index();
    let token = t.text.as_str();
    let start = idx.partition_point(|(w, _)| *w < token);
    let mut found = false;
    if let Some((w, postings)) = idx.get(start) {
        if *w == token {
            add(scores, postings, 1, 1);
            found = true;
        }
    }
    // Prefix matches: "auth" finds "authentication", "unprocess" finds "unprocessable".
    let prefix = |p: &str, scores: &mut [u16]| {
        let from = idx.partition_point(|(w, _)| *w < p);
        let mut any = false;
        for (w, postings) in idx[from..]
            .iter()
            .take_while(|(w, _)| w.starts_with(p))
            .take(PREFIX_LIMIT)
        {
            if *w != token {
                add(scores, postings, 2, 3);
                any = true;
            }
        }
        any
    };
    if token.len() >= 3 {
        found |= prefix(token, scores);
    }
    // Word endings: "throttled" finds "throttle", "limited" finds "limit".
    if t.stem.len() >= 4 && t.stem != t.text {
        found |= prefix(&t.stem, scores);
    }
    if found || token.len() < 4 || token.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    // Typo tolerance: the closest indexed words within one edit (two for long words).
    let max = if token.len() >= 8 { 2 } else { 1 };
    let mut best = max + 1;
    let mut candidates: Vec<&[(u16, u16)]> = Vec::new();
    let letters = |w: &str| w.bytes().fold(0u64, |m, b| m | 1 << (b & 63));
    let mine = letters(token);
    for (word, postings) in idx {
        if word.len().abs_diff(token.len()) > max {
            continue;
        }
        // Each edit adds or removes at most one letter of the set on each side.
        if (letters(word) ^ mine).count_ones() > if max == 2 { 4 } else { 2 } {
            continue;
        }
        // Every word at the smallest distance found so far (so the limit is one above it).
        if let Some(d) = distance(token.as_bytes(), word.as_bytes(), (best + 1).min(max + 1)) {
            if d < best {
                best = d;
                candidates.clear();
            }
            candidates.push(postings);
        }
    }
    for postings in candidates {
        add(scores, postings, 1, 2);
    }
}

fn score_thai(token: &str, scores: &mut [u16]) {
    if let Some(postings) = thai_postings().get(token) {
        for &(i, w) in postings {
            scores[usize::from(i)] = w;
        }
        return;
    }
    for (i, w) in find_thai(token) {
        scores[usize::from(i)] = w;
    }
}

/// Where a Thai word occurs in the entries' Thai texts, weighted by the field of its first
/// occurrence (title, summary, the rest).
fn find_thai(word: &str) -> Vec<(u16, u16)> {
    let finder = memmem::Finder::new(word.as_bytes());
    let mut found = Vec::new();
    for (i, text) in search_texts().iter().enumerate() {
        if let Some(pos) = finder.find(text.thai.as_bytes()) {
            let w = if pos < text.thai_title_len {
                W_TH_TITLE
            } else if pos < THAI_SUMMARY_END[i] {
                W_TH_SUMMARY
            } else {
                W_TH_BODY
            };
            found.push((u16::try_from(i).unwrap_or(u16::MAX), w));
        }
    }
    found
}

/// `find_thai` for every dictionary word, made on first use: the words of a Thai query are
/// dictionary words, so most searches need no scan of the texts.
fn thai_postings() -> &'static std::collections::HashMap<&'static str, Vec<(u16, u16)>> {
    static POSTINGS: OnceLock<std::collections::HashMap<&'static str, Vec<(u16, u16)>>> =
        OnceLock::new();
    POSTINGS.get_or_init(|| THAI_WORDS.iter().map(|w| (*w, find_thai(w))).collect())
}

/// Optimal string alignment distance, or `None` when it reaches `limit`.
fn distance(a: &[u8], b: &[u8], limit: usize) -> Option<usize> {
    const MAX: usize = 32;
    if a.len() >= MAX || b.len() >= MAX {
        return None;
    }
    let mut prev2 = [0usize; MAX];
    let mut prev: [usize; MAX] = std::array::from_fn(|j| j);
    let mut cur = [0usize; MAX];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min >= limit {
            return None;
        }
        prev2 = prev;
        prev = cur;
    }
    let d = prev[b.len()];
    (d < limit).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits_and_transpositions() {
        assert_eq!(distance(b"timout", b"timeout", 3), Some(1));
        assert_eq!(distance(b"gatway", b"gateway", 3), Some(1));
        assert_eq!(distance(b"fobridden", b"forbidden", 3), Some(1));
        assert_eq!(distance(b"same", b"same", 3), Some(0));
        assert_eq!(distance(b"abcdef", b"uvwxyz", 3), None);
    }

    #[test]
    fn thai_text_is_cut_into_dictionary_words() {
        assert_eq!(
            segment("เซิร์ฟเวอร์ไม่พร้อมให้บริการ"),
            ["เซิร์ฟเวอร์", "ไม่", "พร้อม", "ให้", "บริการ"]
        );
        assert_eq!(segment("ไม่มีสิทธิ์เข้าถึง"), ["ไม่มี", "สิทธิ์", "เข้าถึง"]);
        // Unknown letters stay together.
        assert_eq!(segment("ไม่ฮฮฮ"), ["ไม่", "ฮฮฮ"]);
    }

    #[test]
    fn tokens_carry_spans_in_the_query_without_spaces() {
        let t = tokenize("token หมดอายุ");
        let words: Vec<(&str, usize, usize)> = t
            .iter()
            .map(|t| (t.text.as_str(), t.start, t.end))
            .collect();
        assert_eq!(words[0], ("token", 0, 5));
        assert_eq!(words[1].0, "หมดอายุ");
        assert_eq!(words[1].1, 5);
    }

    #[test]
    fn word_endings_meet() {
        assert_eq!(stem("throttled"), stem("throttle"));
        assert_eq!(stem("throttling"), stem("throttle"));
        assert_eq!(stem("limited"), "limit");
        assert_eq!(stem("requests"), "request");
    }

    #[test]
    fn the_thai_dictionary_is_sorted() {
        assert!(THAI_WORDS.windows(2).all(|w| w[0] < w[1]));
    }
}
