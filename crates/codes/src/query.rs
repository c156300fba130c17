//! Parsing what people type: `404`, `403.14`, `4xx`, `50x`, `500-504`, `nginx:499`,
//! `iis:403.14`, `cloudflare/520`.
//!
//! Parsing borrows nothing and allocates nothing. Anything that is not a code form is reported
//! as [`ParseErrorKind::NotACode`], which callers such as the CLI take as search words.

use std::fmt;
use std::str::FromStr;

use crate::model::{Class, Entry, Namespace};
use crate::registry;

/// The longest input the parser looks at; longer input is rejected, not truncated.
pub const MAX_QUERY_LEN: usize = 64;

/// A parsed code query.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Query {
    /// One code, maybe with an IIS sub-status and a namespace.
    Code {
        /// Namespace, when given (`nginx:499`); `None` means any.
        namespace: Option<Namespace>,
        /// The three-digit code.
        code: u16,
        /// IIS sub-status (`403.14` gives 14). Implies IIS when no namespace is given.
        sub: Option<u16>,
    },
    /// A mask such as `4xx` or `50x`.
    Mask {
        /// Namespace, when given (`nginx:4xx`).
        namespace: Option<Namespace>,
        /// The mask.
        mask: Mask,
    },
    /// An inclusive range such as `500-504`.
    Range {
        /// Namespace, when given.
        namespace: Option<Namespace>,
        /// First code.
        first: u16,
        /// Last code.
        last: u16,
    },
}

/// A status code mask: digits then `x` wildcards (`4xx`, `50x`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Mask {
    prefix: u16,
    wildcards: u8,
}

impl Mask {
    /// The lowest code the mask covers.
    pub const fn first(self) -> u16 {
        self.prefix * 10u16.pow(self.wildcards as u32)
    }

    /// The highest code the mask covers.
    pub const fn last(self) -> u16 {
        self.first() + 10u16.pow(self.wildcards as u32) - 1
    }

    /// Whether `code` matches.
    pub const fn matches(self, code: u16) -> bool {
        self.first() <= code && code <= self.last()
    }

    /// The class the mask lies in.
    pub const fn class(self) -> Class {
        Class::of(self.first())
    }
}

impl fmt::Display for Mask {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.prefix)?;
        for _ in 0..self.wildcards {
            f.write_str("x")?;
        }
        Ok(())
    }
}

/// Why an input is not a code query.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// Nothing but white space.
    Empty,
    /// Longer than [`MAX_QUERY_LEN`].
    TooLong,
    /// Not in any code form; may be search words.
    NotACode,
    /// Digits, but not 0–999 in at most three digits.
    OutOfRange,
    /// `403.x`, `403.`, `403.99999`.
    BadSubStatus,
    /// `4xy`, `x04`, `4x4`.
    BadMask,
    /// `500-400`, `500-`.
    BadRange,
    /// `foo:404`.
    UnknownNamespace,
}

/// The error from [`Query::parse`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ParseError {
    kind: ParseErrorKind,
}

impl ParseError {
    /// What went wrong.
    pub const fn kind(&self) -> ParseErrorKind {
        self.kind
    }

    const fn new(kind: ParseErrorKind) -> ParseError {
        ParseError { kind }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.kind {
            ParseErrorKind::Empty => "empty input: give a code such as 404, 403.14, 4xx or nginx:499",
            ParseErrorKind::TooLong => "input too long: a code query has at most 64 characters",
            ParseErrorKind::NotACode => {
                "not a code: expected 404, 403.14 (IIS sub-status), 4xx or 50x (mask), 500-504 (range) or nginx:499"
            }
            ParseErrorKind::OutOfRange => "status codes have three digits: 100-599 are standard, 000-999 are accepted",
            ParseErrorKind::BadSubStatus => "an IIS sub-status is digits after the dot, as in 403.14 or 500.100",
            ParseErrorKind::BadMask => "a mask is one or two digits then x, as in 4xx or 50x",
            ParseErrorKind::BadRange => "a range is two codes, the first not above the second, as in 500-504",
            ParseErrorKind::UnknownNamespace => {
                "unknown namespace: use iana, iis, microsoft, nginx, cloudflare, aws, laravel, spring, twitter, \
                 shopify, esri, cpanel, qualys, pantheon, linkedin or unofficial"
            }
        })
    }
}

impl std::error::Error for ParseError {}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A whole status code: exactly three digits (`000` to `999`).
fn code(s: &str) -> Result<u16, ParseError> {
    if s.len() != 3 {
        return match prefix(s) {
            Ok(_) => Err(ParseError::new(ParseErrorKind::OutOfRange)),
            Err(e) => Err(e),
        };
    }
    prefix(s)
}

/// The digits of a code or of a mask's prefix (`4` in `4xx`).
fn prefix(s: &str) -> Result<u16, ParseError> {
    if !digits(s) {
        return Err(ParseError::new(ParseErrorKind::NotACode));
    }
    if s.len() > 3 {
        return Err(ParseError::new(ParseErrorKind::OutOfRange));
    }
    s.parse()
        .map_err(|_| ParseError::new(ParseErrorKind::OutOfRange))
}

impl Query {
    /// Parses a code query.
    ///
    /// ```
    /// use httpstatus_codes::{Namespace, Query};
    /// assert_eq!(
    ///     Query::parse("403.14").unwrap(),
    ///     Query::Code { namespace: None, code: 403, sub: Some(14) }
    /// );
    /// assert_eq!(
    ///     Query::parse("nginx:499").unwrap(),
    ///     Query::Code { namespace: Some(Namespace::Nginx), code: 499, sub: None }
    /// );
    /// assert!(Query::parse("403.x").is_err());
    /// ```
    pub fn parse(input: &str) -> Result<Query, ParseError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(ParseError::new(ParseErrorKind::Empty));
        }
        if s.len() > MAX_QUERY_LEN {
            return Err(ParseError::new(ParseErrorKind::TooLong));
        }
        let (namespace, rest) = match s.split_once([':', '/']) {
            Some((ns, rest)) => match Namespace::from_token(ns) {
                Some(ns) => (Some(ns), rest),
                None if ns.bytes().all(|b| b.is_ascii_alphabetic()) && !ns.is_empty() => {
                    return Err(ParseError::new(ParseErrorKind::UnknownNamespace))
                }
                None => return Err(ParseError::new(ParseErrorKind::NotACode)),
            },
            None => (None, s),
        };
        if let Some((c, sub)) = rest.split_once('.') {
            let code = code(c)?;
            if !digits(sub) || sub.len() > 4 {
                return Err(ParseError::new(ParseErrorKind::BadSubStatus));
            }
            let sub = sub
                .parse()
                .map_err(|_| ParseError::new(ParseErrorKind::BadSubStatus))?;
            return Ok(Query::Code {
                namespace,
                code,
                sub: Some(sub),
            });
        }
        if let Some((a, b)) = rest.split_once('-') {
            let (first, last) = match (code(a), code(b)) {
                (Ok(a), Ok(b)) if a <= b => (a, b),
                (Ok(_), _) | (_, Ok(_)) => return Err(ParseError::new(ParseErrorKind::BadRange)),
                (Err(e), _) => return Err(e),
            };
            return Ok(Query::Range {
                namespace,
                first,
                last,
            });
        }
        let lower = rest.as_bytes();
        if lower.len() == 3 && lower.iter().any(|b| b.eq_ignore_ascii_case(&b'x')) {
            let fixed = lower.iter().take_while(|b| b.is_ascii_digit()).count();
            let wild = &lower[fixed..];
            if fixed == 0 || !wild.iter().all(|b| b.eq_ignore_ascii_case(&b'x')) || lower[0] == b'0'
            {
                return Err(ParseError::new(ParseErrorKind::BadMask));
            }
            let prefix = prefix(&rest[..fixed])?;
            let wildcards = u8::try_from(3 - fixed).unwrap_or(0);
            return Ok(Query::Mask {
                namespace,
                mask: Mask { prefix, wildcards },
            });
        }
        if lower.len() == 3
            && lower[0].is_ascii_digit()
            && lower.iter().all(u8::is_ascii_alphanumeric)
            && !lower.iter().all(u8::is_ascii_digit)
        {
            return Err(ParseError::new(ParseErrorKind::BadMask));
        }
        let code = code(rest)?;
        Ok(Query::Code {
            namespace,
            code,
            sub: None,
        })
    }

    /// The entries the query names, in registry order.
    ///
    /// - A code without namespace gives every meaning of the number (IANA first, then vendors);
    ///   with a sub-status, the IIS entry.
    /// - A mask or range gives the top-level codes it covers (no sub-statuses, no unassigned
    ///   ranges), in the namespace given, or in all.
    pub fn entries(&self) -> Vec<&'static Entry> {
        match *self {
            Query::Code {
                namespace: None,
                code,
                sub: None,
            } => registry::meanings(code).iter().collect(),
            Query::Code {
                namespace: None,
                code,
                sub: Some(sub),
            } => registry::find_all(Namespace::Iis, code, Some(sub))
                .iter()
                .collect(),
            Query::Code {
                namespace: Some(ns),
                code,
                sub,
            } => registry::find_all(ns, code, sub).iter().collect(),
            Query::Mask { namespace, mask } => Self::span(namespace, mask.first(), mask.last()),
            Query::Range {
                namespace,
                first,
                last,
            } => Self::span(namespace, first, last),
        }
    }

    fn span(namespace: Option<Namespace>, first: u16, last: u16) -> Vec<&'static Entry> {
        registry::entries()
            .iter()
            .filter(|e| first <= e.code && e.code <= last && e.sub.is_none() && !e.is_unassigned())
            .filter(|e| namespace.is_none_or(|ns| ns == e.namespace))
            .collect()
    }
}

impl FromStr for Query {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Query, ParseError> {
        Query::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> Query {
        Query::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"))
    }

    fn err(input: &str) -> ParseErrorKind {
        Query::parse(input).expect_err(input).kind()
    }

    #[test]
    fn parses_every_form() {
        assert_eq!(
            ok("404"),
            Query::Code {
                namespace: None,
                code: 404,
                sub: None
            }
        );
        assert_eq!(
            ok(" 000 "),
            Query::Code {
                namespace: None,
                code: 0,
                sub: None
            }
        );
        assert_eq!(
            ok("500.100"),
            Query::Code {
                namespace: None,
                code: 500,
                sub: Some(100)
            }
        );
        assert_eq!(
            ok("500.1"),
            Query::Code {
                namespace: None,
                code: 500,
                sub: Some(1)
            }
        );
        assert_eq!(
            ok("iis:403.14"),
            Query::Code {
                namespace: Some(Namespace::Iis),
                code: 403,
                sub: Some(14)
            }
        );
        assert_eq!(
            ok("Cloudflare/520"),
            Query::Code {
                namespace: Some(Namespace::Cloudflare),
                code: 520,
                sub: None
            }
        );
        let Query::Mask { mask, .. } = ok("4xx") else {
            panic!()
        };
        assert_eq!(
            (mask.first(), mask.last(), mask.to_string()),
            (400, 499, "4xx".to_string())
        );
        let Query::Mask { mask, .. } = ok("50X") else {
            panic!()
        };
        assert_eq!((mask.first(), mask.last()), (500, 509));
        assert_eq!(
            ok("500-504"),
            Query::Range {
                namespace: None,
                first: 500,
                last: 504
            }
        );
    }

    #[test]
    fn rejects_bad_forms_with_the_right_reason() {
        assert_eq!(err(""), ParseErrorKind::Empty);
        assert_eq!(err("abc"), ParseErrorKind::NotACode);
        assert_eq!(err("too many"), ParseErrorKind::NotACode);
        assert_eq!(err("9999"), ParseErrorKind::OutOfRange);
        // Found by fuzzing: one or two digits were taken as codes 0 to 99.
        assert_eq!(err("00"), ParseErrorKind::OutOfRange);
        assert_eq!(err("5"), ParseErrorKind::OutOfRange);
        assert_eq!(err("nginx:49"), ParseErrorKind::OutOfRange);
        assert_eq!(err("40.1"), ParseErrorKind::OutOfRange);
        assert_eq!(err("50-504"), ParseErrorKind::BadRange);
        assert_eq!(err("403.x"), ParseErrorKind::BadSubStatus);
        assert_eq!(err("403."), ParseErrorKind::BadSubStatus);
        assert_eq!(err("4xy"), ParseErrorKind::BadMask);
        assert_eq!(err("4x4"), ParseErrorKind::BadMask);
        assert_eq!(err("xx4"), ParseErrorKind::BadMask);
        assert_eq!(err("504-500"), ParseErrorKind::BadRange);
        assert_eq!(err("foo:404"), ParseErrorKind::UnknownNamespace);
        assert_eq!(err(&"4".repeat(10_000)), ParseErrorKind::TooLong);
    }
}
