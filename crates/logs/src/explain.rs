//! Texts for the values IIS logs next to a status code that are not HTTP status codes: Windows
//! (Win32 and HRESULT) codes from `sc-win32-status`, HTTP.sys HTTPERR reasons and FTP reply
//! codes. They live in the registry (`crates/codes/data/windows.toml`); this module adapts its
//! lookups to what the report needs.

use httpstatus_codes::windows::{self, WinQuery};
use httpstatus_codes::Text;

/// The symbolic name and text of an `sc-win32-status` value: a Win32 code, or an HRESULT logged
/// as its unsigned decimal (2148074254 = 0x8009030E). For an `HRESULT_FROM_WIN32` value the
/// name is the Win32 code's.
pub(crate) fn win32(code: u32) -> Option<(&'static str, Text)> {
    let found = windows::lookup(WinQuery::from_log(u64::from(code))?)?;
    Some((found.entry.name, found.entry.text))
}

/// The text of an HTTPERR reason.
pub(crate) fn httperr(reason: &str) -> Option<Text> {
    windows::httperr(reason).map(|r| r.text)
}

/// The text of an FTP reply code.
pub(crate) fn ftp(code: u16) -> Option<Text> {
    windows::ftp(code).map(|f| f.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_values_resolve_through_the_registry() {
        assert_eq!(win32(64).map(|w| w.0), Some("ERROR_NETNAME_DELETED"));
        // 0x8009030E is SEC_E_NO_CREDENTIALS (INVALID_TOKEN is 0x80090308).
        assert_eq!(
            win32(2_148_074_254).map(|w| w.0),
            Some("SEC_E_NO_CREDENTIALS")
        );
        assert_eq!(
            win32(2_148_074_248).map(|w| w.0),
            Some("SEC_E_INVALID_TOKEN")
        );
        // 0x80070005, logged as 2147942405, is read through Win32 code 5.
        assert_eq!(
            win32(2_147_942_405).map(|w| w.0),
            Some("ERROR_ACCESS_DENIED")
        );
        assert!(win32(7).is_none());
        assert!(win32(70_000).is_none());
        assert!(httperr("timer_connectionidle").is_some());
        assert_eq!(
            ftp(530).map(|t| t.en.starts_with("Not logged in")),
            Some(true)
        );
    }
}
