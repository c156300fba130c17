//! Windows error codes and the other values IIS writes next to a status code: Win32 codes
//! (`sc-win32-status`), HRESULTs (the "Error Code" line of an IIS detailed error page, and large
//! `sc-win32-status` values), HTTP.sys `HTTPERR` reasons and IIS FTP reply codes.
//!
//! The tables come from `data/windows.toml`, compiled in like the status codes: lookups are
//! binary searches over `'static` slices.
//!
//! ```
//! use httpstatus_codes::windows::{self, WinQuery};
//!
//! let w = windows::lookup(WinQuery::Hresult(0x8007_000D)).unwrap();
//! assert_eq!(w.win32_code(), Some(13));
//! assert!(w.entry.seen.contains(&"500.19"));
//!
//! // 0x80070005 is not listed as an HRESULT: it is read as Win32 code 5.
//! let w = windows::lookup(WinQuery::Hresult(0x8007_0005)).unwrap();
//! assert_eq!(w.entry.name, "ERROR_ACCESS_DENIED");
//!
//! assert_eq!("win32:64".parse::<WinQuery>(), Ok(WinQuery::Win32(64)));
//! ```

use std::fmt;
use std::str::FromStr;

use crate::model::Text;

include!(concat!(env!("OUT_DIR"), "/windows.rs"));

/// Which numbering a code belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WinKind {
    /// A Win32 error code (`GetLastError`), 0–65535; also Winsock and WinHTTP codes.
    Win32,
    /// A 32-bit HRESULT with the failure bit set (`0x8XXXXXXX`).
    Hresult,
}

impl WinKind {
    /// `win32` or `hresult`.
    pub const fn token(self) -> &'static str {
        match self {
            WinKind::Win32 => "win32",
            WinKind::Hresult => "hresult",
        }
    }
}

/// One Windows error code with its symbolic name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct WinError {
    /// Win32 code or HRESULT.
    pub kind: WinKind,
    /// The number.
    pub code: u32,
    /// The symbolic name from the Windows SDK: `ERROR_ACCESS_DENIED`, `SEC_E_NO_CREDENTIALS`,
    /// or `HRESULT_FROM_WIN32(ERROR_INVALID_DATA)`.
    pub name: &'static str,
    /// What it means where IIS shows it.
    pub text: Text,
    /// Registry entries (ids) next to which it commonly appears: `500.19`, `502.3`.
    pub seen: &'static [&'static str],
}

/// An HTTP.sys `HTTPERR` log reason (`s-reason`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LogReason {
    /// As logged: `Timer_ConnectionIdle`.
    pub reason: &'static str,
    /// What it means.
    pub text: Text,
}

/// An FTP reply code (RFC 959) as IIS FTP logs show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FtpReply {
    /// The reply code.
    pub code: u16,
    /// What it means.
    pub text: Text,
}

/// The Win32 codes, sorted by code.
pub fn win32_codes() -> &'static [WinError] {
    &WIN32
}

/// The HRESULTs listed in their own right, sorted by code.
pub fn hresults() -> &'static [WinError] {
    &HRESULT
}

/// The HTTPERR reasons, sorted case-insensitively.
pub fn httperr_reasons() -> &'static [LogReason] {
    &HTTPERR
}

/// The FTP reply codes, sorted by code.
pub fn ftp_replies() -> &'static [FtpReply] {
    &FTP
}

/// A Win32 code.
pub fn win32(code: u32) -> Option<&'static WinError> {
    WIN32
        .binary_search_by_key(&code, |w| w.code)
        .ok()
        .map(|i| &WIN32[i])
}

/// An HTTPERR reason, case-insensitively.
pub fn httperr(reason: &str) -> Option<&'static LogReason> {
    HTTPERR
        .iter()
        .find(|r| r.reason.eq_ignore_ascii_case(reason))
}

/// An FTP reply code.
pub fn ftp(code: u16) -> Option<&'static FtpReply> {
    FTP.binary_search_by_key(&code, |f| f.code)
        .ok()
        .map(|i| &FTP[i])
}

/// The facility of HRESULTs that wrap a Win32 code (`HRESULT_FROM_WIN32`).
const FACILITY_WIN32: u32 = 7;

/// What was asked for: a Win32 code or an HRESULT.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WinQuery {
    /// `win32:64`, `0x40` with `win32:`.
    Win32(u32),
    /// `0x8007000d`, `hresult:0x80070005`, or a large `sc-win32-status` value such as 2148074254.
    Hresult(u32),
}

impl WinQuery {
    /// A value from IIS's `sc-win32-status` field: Win32 codes as they are, HRESULTs as their
    /// unsigned 32-bit decimal.
    pub fn from_log(value: u64) -> Option<WinQuery> {
        match u32::try_from(value).ok()? {
            v @ 0..=0xFFFF => Some(WinQuery::Win32(v)),
            v if v >= 0x8000_0000 => Some(WinQuery::Hresult(v)),
            _ => None,
        }
    }

    /// Whether `s` looks like a Windows error code query (so a caller can try status codes
    /// otherwise): a `win32:` or `hresult:` prefix, `0x` with eight hex digits, or a decimal
    /// number of an HRESULT's size.
    pub fn looks_like(s: &str) -> bool {
        let s = s.trim();
        let lower = s.to_ascii_lowercase();
        lower.starts_with("win32:")
            || lower.starts_with("hresult:")
            || (lower.starts_with("0x") && lower.len() == 10)
            || (s.len() == 10 && s.bytes().all(|b| b.is_ascii_digit()))
            || (s.starts_with('-') && s.len() == 11 && s[1..].bytes().all(|b| b.is_ascii_digit()))
    }
}

impl fmt::Display for WinQuery {
    /// `win32:64`, `hresult:0x8007000D`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WinQuery::Win32(c) => write!(f, "win32:{c}"),
            WinQuery::Hresult(c) => write!(f, "hresult:0x{c:08X}"),
        }
    }
}

/// Why a Windows code query did not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WinParseError(&'static str);

impl fmt::Display for WinParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for WinParseError {}

/// A number in decimal, `0x` hex, or negative decimal (HRESULTs printed as signed integers).
fn number(s: &str) -> Result<u32, WinParseError> {
    const BAD: WinParseError =
        WinParseError("expected a number: decimal, 0x hex, or a negative 32-bit decimal");
    let s = s.trim();
    if let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        if hex.is_empty() || hex.len() > 8 {
            return Err(BAD);
        }
        return u32::from_str_radix(hex, 16).map_err(|_| BAD);
    }
    if let Some(neg) = s.strip_prefix('-') {
        let v: i64 = neg.parse().map_err(|_| BAD)?;
        return i32::try_from(-v).map(|v| v as u32).map_err(|_| BAD);
    }
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || s.len() > 10 {
        return Err(BAD);
    }
    s.parse::<u64>()
        .ok()
        .and_then(|v| u32::try_from(v).ok())
        .ok_or(BAD)
}

impl FromStr for WinQuery {
    type Err = WinParseError;

    /// `win32:64`, `win32:0x40`, `hresult:0x80070005`, `hresult:2147942405`, `0x8007000d`,
    /// `2148074254`, `-2147024891`.
    fn from_str(s: &str) -> Result<WinQuery, WinParseError> {
        let s = s.trim();
        let lower = s.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("win32:") {
            let code = number(rest)?;
            if code > 0xFFFF {
                return Err(WinParseError(
                    "a Win32 code is 0-65535; larger values are HRESULTs (hresult:0x...)",
                ));
            }
            return Ok(WinQuery::Win32(code));
        }
        let (rest, explicit) = match lower.strip_prefix("hresult:") {
            Some(rest) => (rest, true),
            None => (lower.as_str(), false),
        };
        let code = number(rest)?;
        if code >= 0x8000_0000 {
            Ok(WinQuery::Hresult(code))
        } else if explicit {
            Err(WinParseError(
                "an error HRESULT has its top bit set (0x80000000 and above)",
            ))
        } else if code <= 0xFFFF {
            Ok(WinQuery::Win32(code))
        } else {
            Err(WinParseError(
                "not a Win32 code (0-65535) nor an error HRESULT (0x80000000 and above)",
            ))
        }
    }
}

/// A code explained: the query and the entry that explains it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct WinLookup {
    /// What was asked for.
    pub query: WinQuery,
    /// The entry: the HRESULT's own, or for `HRESULT_FROM_WIN32` values not listed in their
    /// own right, the Win32 code's.
    pub entry: &'static WinError,
}

impl WinLookup {
    /// The Win32 code inside, for Win32 codes and `HRESULT_FROM_WIN32` values.
    pub fn win32_code(&self) -> Option<u32> {
        match self.query {
            WinQuery::Win32(c) => Some(c),
            WinQuery::Hresult(h) if (h >> 16) & 0x1FFF == FACILITY_WIN32 => Some(h & 0xFFFF),
            WinQuery::Hresult(_) => None,
        }
    }

    /// The number as people write it: `64`, `0x8007000D`.
    pub fn number(&self) -> String {
        match self.query {
            WinQuery::Win32(c) => c.to_string(),
            WinQuery::Hresult(c) => format!("0x{c:08X}"),
        }
    }

    /// The symbolic name; an HRESULT read through its Win32 code is named
    /// `HRESULT_FROM_WIN32(ERROR_...)`.
    pub fn name(&self) -> String {
        match (self.query, self.entry.kind) {
            (WinQuery::Hresult(_), WinKind::Win32) => {
                format!("HRESULT_FROM_WIN32({})", self.entry.name)
            }
            _ => self.entry.name.to_string(),
        }
    }
}

/// Explains a Win32 code or an HRESULT; `None` when the registry does not list it.
pub fn lookup(query: WinQuery) -> Option<WinLookup> {
    let entry = match query {
        WinQuery::Win32(c) => win32(c)?,
        WinQuery::Hresult(h) => match HRESULT.binary_search_by_key(&h, |w| w.code) {
            Ok(i) => &HRESULT[i],
            Err(_) if (h >> 16) & 0x1FFF == FACILITY_WIN32 => win32(h & 0xFFFF)?,
            Err(_) => return None,
        },
    };
    Some(WinLookup { query, entry })
}
