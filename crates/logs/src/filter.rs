//! Which records to count: `--status`, `--since`, `--until`, `--path`.

use std::str::FromStr;

use crate::record::{Kind, Record};

/// Filters on records; an empty filter accepts everything.
///
/// Time bounds drop records without a readable time. Status and path filters are about HTTP
/// requests, so they drop HTTPERR and FTP entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Only these statuses.
    pub status: Option<StatusFilter>,
    /// Only records at or after this time (Unix seconds).
    pub since: Option<TimeBound>,
    /// Only records before this time (Unix seconds).
    pub until: Option<TimeBound>,
    /// Only records whose path starts with one of these prefixes.
    pub paths: Vec<String>,
}

/// A time given on the command line, as Unix seconds, with the text the user wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeBound {
    /// Unix seconds.
    pub at: i64,
    /// As written.
    pub text: String,
}

impl Filters {
    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.since.is_none()
            && self.until.is_none()
            && self.paths.is_empty()
    }

    #[inline]
    pub(crate) fn accept(&self, r: &Record<'_>) -> bool {
        if self.since.is_some() || self.until.is_some() {
            let Some(t) = r.time else { return false };
            if self.since.as_ref().is_some_and(|s| t < s.at)
                || self.until.as_ref().is_some_and(|u| t >= u.at)
            {
                return false;
            }
        }
        if self.status.is_none() && self.paths.is_empty() {
            return true;
        }
        if r.kind() != Kind::Http {
            return false;
        }
        if let Some(s) = &self.status {
            if !s.matches(r.status, r.sub) {
                return false;
            }
        }
        self.paths.is_empty()
            || r.path.is_some_and(|p| {
                self.paths
                    .iter()
                    .any(|prefix| starts_with(p, prefix.as_bytes(), r.plus))
            })
    }
}

/// `path` starts with `prefix`; with `plus`, a `+` in the path matches a space in the prefix.
fn starts_with(path: &[u8], prefix: &[u8], plus: bool) -> bool {
    path.len() >= prefix.len()
        && path
            .iter()
            .zip(prefix)
            .all(|(a, b)| a == b || (plus && *a == b'+' && *b == b' '))
}

/// A list of statuses: `5xx`, `50x`, `404`, `401.2` (IIS sub-status), `500-504`, comma-separated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusFilter {
    items: Vec<StatusItem>,
    text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StatusItem {
    Range(u16, u16),
    Sub(u16, u16),
}

impl StatusFilter {
    /// The list as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether a status (and sub-status) is in the list.
    pub fn matches(&self, status: u16, sub: Option<u16>) -> bool {
        self.items.iter().any(|i| match *i {
            StatusItem::Range(lo, hi) => lo <= status && status <= hi,
            StatusItem::Sub(code, s) => code == status && sub == Some(s),
        })
    }
}

impl FromStr for StatusFilter {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let mut items = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            items.push(item(part).ok_or_else(|| {
                format!("{part:?} is not a status: use 404, 5xx, 50x, 500-504 or 401.2, separated by commas")
            })?);
        }
        if items.is_empty() {
            return Err("empty status list: use 404, 5xx, 50x, 500-504 or 401.2".to_string());
        }
        Ok(StatusFilter {
            items,
            text: s.trim().to_string(),
        })
    }
}

fn code(s: &str) -> Option<u16> {
    (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn item(p: &str) -> Option<StatusItem> {
    let lower = p.to_ascii_lowercase();
    if let Some((a, b)) = lower.split_once('-') {
        let (a, b) = (code(a)?, code(b)?);
        return (a <= b).then_some(StatusItem::Range(a, b));
    }
    if let Some((c, s)) = lower.split_once('.') {
        return Some(StatusItem::Sub(code(c)?, s.parse().ok()?));
    }
    let b = lower.as_bytes();
    match b {
        [d, b'x', b'x'] if d.is_ascii_digit() => {
            let lo = u16::from(d - b'0') * 100;
            Some(StatusItem::Range(lo, lo + 99))
        }
        [d, e, b'x'] if d.is_ascii_digit() && e.is_ascii_digit() => {
            let lo = u16::from(d - b'0') * 100 + u16::from(e - b'0') * 10;
            Some(StatusItem::Range(lo, lo + 9))
        }
        _ => code(&lower).map(|c| StatusItem::Range(c, c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lists() {
        let f: StatusFilter = "5xx, 404,401.2,30x,460-463"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        for (s, sub, yes) in [
            (503, None, true),
            (404, Some(0), true),
            (401, Some(2), true),
            (401, Some(1), false),
            (401, None, false),
            (302, None, true),
            (310, None, false),
            (461, None, true),
            (200, None, false),
        ] {
            assert_eq!(f.matches(s, sub), yes, "{s} {sub:?}");
        }
        for bad in ["", "4", "4xxx", "abc", "500-400", "401.x", "1000"] {
            assert!(bad.parse::<StatusFilter>().is_err(), "{bad}");
        }
    }

    #[test]
    fn records() {
        let f = Filters {
            since: Some(TimeBound {
                at: 100,
                text: String::new(),
            }),
            until: Some(TimeBound {
                at: 200,
                text: String::new(),
            }),
            paths: vec!["/api/my docs".into()],
            ..Filters::default()
        };
        let r = |t: Option<i64>, p: &'static [u8], plus| Record {
            status: 200,
            time: t,
            path: Some(p),
            plus,
            ..Record::default()
        };
        assert!(f.accept(&r(Some(100), b"/api/my docs/x", false)));
        assert!(f.accept(&r(Some(150), b"/api/my+docs/x", true)));
        assert!(!f.accept(&r(Some(150), b"/api/my+docs/x", false)));
        assert!(!f.accept(&r(Some(200), b"/api/my docs", false)));
        assert!(!f.accept(&r(None, b"/api/my docs", false)));
        assert!(!f.accept(&r(Some(150), b"/other", false)));
        assert!(Filters::default().accept(&r(None, b"/", false)));
    }
}
