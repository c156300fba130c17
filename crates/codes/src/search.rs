//! Ranked, typo-tolerant search over phrases, aliases, titles, summaries and descriptions, in
//! English and Thai.
//!
//! Latin words go through a build-time inverted index (exact, then prefix, then edit-distance
//! matches); Thai has no spaces between words, so Thai query words are found as substrings of
//! each entry's Thai text with `memchr::memmem`. An entry must match every query word; when none
//! does, entries matching the most words are returned, so a partly wrong query still helps.

use memchr::memmem;

use crate::model::Entry;
use crate::registry::{entries, index, search_texts};

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

/// Searches every entry; results are best first, ties in registry order.
///
/// ```
/// let hits = httpstatus_codes::search("too many requests");
/// assert_eq!(hits[0].entry.id, "429");
/// let hits = httpstatus_codes::search("ไม่พบ");
/// assert!(hits.iter().any(|h| h.entry.id == "404"));
/// let hits = httpstatus_codes::search("gatway timout"); // typos
/// assert_eq!(hits[0].entry.id, "504");
/// ```
pub fn search(query: &str) -> Vec<Hit> {
    let query = query.trim().to_lowercase();
    let mut tokens: Vec<&str> = query
        .split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '\''))
        .filter(|t| !t.is_empty())
        .collect();
    let meaningful: Vec<&str> = tokens.iter().copied().filter(|t| !is_stopword(t)).collect();
    if !meaningful.is_empty() {
        tokens = meaningful;
    }
    tokens.truncate(MAX_TOKENS);
    if tokens.is_empty() {
        return Vec::new();
    }

    let n = entries().len();
    let mut total = vec![0u32; n];
    let mut matched = vec![0u8; n];
    let mut per_token = vec![0u16; n];
    let mut words_hit: Vec<&'static str> = Vec::new();
    for token in &tokens {
        per_token.iter_mut().for_each(|s| *s = 0);
        if token.is_ascii() {
            score_latin(token, &mut per_token, &mut words_hit);
        } else {
            score_thai(token, &mut per_token);
        }
        for i in 0..n {
            if per_token[i] > 0 {
                total[i] += u32::from(per_token[i]);
                matched[i] += 1;
            }
        }
    }

    let best = matched.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return Vec::new();
    }
    let texts = search_texts();
    let mut hits: Vec<Hit> = (0..n)
        .filter(|&i| matched[i] == best)
        .map(|i| {
            let entry = &entries()[i];
            let mut score = total[i];
            let primary = texts[i].primary;
            if primary.lines().any(|line| line == query) {
                score += 400;
            } else if query.len() >= 3 && primary.contains(query.as_str()) {
                score += 120;
            }
            // Every word of the phrase or a title was asked for (typos corrected): a strong hit.
            let covered = |line: &str| {
                let mut words = line
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .peekable();
                words.peek().is_some() && words.all(|w| words_hit.contains(&w) || is_stopword(w))
            };
            if primary.lines().skip(1).any(covered) {
                score += 150;
            }
            if entry.namespace == crate::Namespace::Iana {
                score += 5;
            }
            if entry.is_unassigned() {
                score /= 2;
            }
            Hit { entry, score }
        })
        .collect();
    hits.sort_by_key(|h| std::cmp::Reverse(h.score));
    hits
}

fn is_stopword(t: &str) -> bool {
    matches!(
        t,
        "a" | "an" | "the" | "of" | "to" | "is" | "in" | "on" | "for" | "and" | "or" | "with"
    )
}

fn add(scores: &mut [u16], postings: &[(u16, u16)], scale_num: u16, scale_den: u16) {
    for &(i, w) in postings {
        let w = (w * scale_num / scale_den).max(1);
        let slot = &mut scores[usize::from(i)];
        *slot = (*slot).max(w);
    }
}

fn score_latin(token: &str, scores: &mut [u16], words_hit: &mut Vec<&'static str>) {
    let idx = index();
    let start = idx.partition_point(|(w, _)| *w < token);
    let mut found = false;
    if let Some((w, postings)) = idx.get(start) {
        if *w == token {
            add(scores, postings, 1, 1);
            words_hit.push(w);
            found = true;
        }
    }
    // Prefix matches: "auth" finds "authentication", "unprocess" finds "unprocessable".
    if token.len() >= 3 {
        let prefixed = idx[start..]
            .iter()
            .take_while(|(w, _)| w.starts_with(token))
            .take(PREFIX_LIMIT);
        for (w, postings) in prefixed.filter(|(w, _)| *w != token) {
            add(scores, postings, 2, 3);
            words_hit.push(w);
            found = true;
        }
    }
    if found || token.len() < 4 || token.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    // Typo tolerance: the closest indexed words within one edit (two for long words).
    let max = if token.len() >= 8 { 2 } else { 1 };
    let mut best = max + 1;
    let mut candidates: Vec<(&'static str, &[(u16, u16)])> = Vec::new();
    for (word, postings) in idx {
        if word.len().abs_diff(token.len()) > max {
            continue;
        }
        if let Some(d) = distance(token.as_bytes(), word.as_bytes(), best) {
            if d < best {
                best = d;
                candidates.clear();
            }
            candidates.push((word, postings));
        }
    }
    for (word, postings) in candidates {
        add(scores, postings, 1, 2);
        words_hit.push(word);
    }
}

fn score_thai(token: &str, scores: &mut [u16]) {
    let finder = memmem::Finder::new(token.as_bytes());
    for (i, text) in search_texts().iter().enumerate() {
        if let Some(pos) = finder.find(text.thai.as_bytes()) {
            scores[i] = if pos < text.thai_title_len { 40 } else { 8 };
        }
    }
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
    use super::distance;

    #[test]
    fn distance_counts_edits_and_transpositions() {
        assert_eq!(distance(b"timout", b"timeout", 3), Some(1));
        assert_eq!(distance(b"gatway", b"gateway", 3), Some(1));
        assert_eq!(distance(b"fobridden", b"forbidden", 3), Some(1));
        assert_eq!(distance(b"same", b"same", 3), Some(0));
        assert_eq!(distance(b"abcdef", b"uvwxyz", 3), None);
    }
}
