//! `data/windows.toml` against the Windows SDK: every number and name pair is checked against
//! the constants of the `windows-sys` crate, so a wrong pairing (such as 0x8009030E named
//! `SEC_E_INVALID_TOKEN`) fails here.

use std::collections::BTreeMap;

use httpstatus_codes::windows::{self, WinKind, WinQuery};
use httpstatus_codes::{by_id, Lang};
use windows_sys::Win32::Foundation;
use windows_sys::Win32::Networking::{WinHttp, WinSock};

/// The SDK's value for each name the data uses. A name added to the data must be added here.
fn sdk() -> BTreeMap<&'static str, u32> {
    #[allow(
        clippy::cast_sign_loss,
        clippy::unnecessary_cast,
        reason = "windows-sys types Win32 codes u32, HRESULTs and WSA codes i32: one cast for all"
    )]
    let pairs: &[(u32, &str)] = &[
        (Foundation::ERROR_SUCCESS as u32, "ERROR_SUCCESS"),
        (
            Foundation::ERROR_INVALID_FUNCTION as u32,
            "ERROR_INVALID_FUNCTION",
        ),
        (
            Foundation::ERROR_FILE_NOT_FOUND as u32,
            "ERROR_FILE_NOT_FOUND",
        ),
        (
            Foundation::ERROR_PATH_NOT_FOUND as u32,
            "ERROR_PATH_NOT_FOUND",
        ),
        (
            Foundation::ERROR_ACCESS_DENIED as u32,
            "ERROR_ACCESS_DENIED",
        ),
        (
            Foundation::ERROR_INVALID_HANDLE as u32,
            "ERROR_INVALID_HANDLE",
        ),
        (
            Foundation::ERROR_NOT_ENOUGH_MEMORY as u32,
            "ERROR_NOT_ENOUGH_MEMORY",
        ),
        (Foundation::ERROR_INVALID_DATA as u32, "ERROR_INVALID_DATA"),
        (Foundation::ERROR_OUTOFMEMORY as u32, "ERROR_OUTOFMEMORY"),
        (
            Foundation::ERROR_SHARING_VIOLATION as u32,
            "ERROR_SHARING_VIOLATION",
        ),
        (
            Foundation::ERROR_LOCK_VIOLATION as u32,
            "ERROR_LOCK_VIOLATION",
        ),
        (Foundation::ERROR_HANDLE_EOF as u32, "ERROR_HANDLE_EOF"),
        (
            Foundation::ERROR_NOT_SUPPORTED as u32,
            "ERROR_NOT_SUPPORTED",
        ),
        (Foundation::ERROR_BAD_NETPATH as u32, "ERROR_BAD_NETPATH"),
        (
            Foundation::ERROR_UNEXP_NET_ERR as u32,
            "ERROR_UNEXP_NET_ERR",
        ),
        (
            Foundation::ERROR_NETNAME_DELETED as u32,
            "ERROR_NETNAME_DELETED",
        ),
        (Foundation::ERROR_BAD_NET_NAME as u32, "ERROR_BAD_NET_NAME"),
        (
            Foundation::ERROR_INVALID_PARAMETER as u32,
            "ERROR_INVALID_PARAMETER",
        ),
        (Foundation::ERROR_SEM_TIMEOUT as u32, "ERROR_SEM_TIMEOUT"),
        (
            Foundation::ERROR_INSUFFICIENT_BUFFER as u32,
            "ERROR_INSUFFICIENT_BUFFER",
        ),
        (Foundation::ERROR_INVALID_NAME as u32, "ERROR_INVALID_NAME"),
        (
            Foundation::ERROR_MOD_NOT_FOUND as u32,
            "ERROR_MOD_NOT_FOUND",
        ),
        (
            Foundation::ERROR_ALREADY_EXISTS as u32,
            "ERROR_ALREADY_EXISTS",
        ),
        (
            Foundation::ERROR_BAD_EXE_FORMAT as u32,
            "ERROR_BAD_EXE_FORMAT",
        ),
        (Foundation::ERROR_MORE_DATA as u32, "ERROR_MORE_DATA"),
        (
            Foundation::ERROR_UNHANDLED_EXCEPTION as u32,
            "ERROR_UNHANDLED_EXCEPTION",
        ),
        (
            Foundation::ERROR_OPERATION_ABORTED as u32,
            "ERROR_OPERATION_ABORTED",
        ),
        (
            Foundation::ERROR_CONNECTION_INVALID as u32,
            "ERROR_CONNECTION_INVALID",
        ),
        (
            Foundation::ERROR_CONNECTION_ABORTED as u32,
            "ERROR_CONNECTION_ABORTED",
        ),
        (
            Foundation::ERROR_LOGON_FAILURE as u32,
            "ERROR_LOGON_FAILURE",
        ),
        (
            Foundation::ERROR_ACCOUNT_RESTRICTION as u32,
            "ERROR_ACCOUNT_RESTRICTION",
        ),
        (
            Foundation::ERROR_PASSWORD_EXPIRED as u32,
            "ERROR_PASSWORD_EXPIRED",
        ),
        (
            Foundation::ERROR_ACCOUNT_DISABLED as u32,
            "ERROR_ACCOUNT_DISABLED",
        ),
        (
            Foundation::ERROR_LOGON_TYPE_NOT_GRANTED as u32,
            "ERROR_LOGON_TYPE_NOT_GRANTED",
        ),
        (Foundation::ERROR_TIMEOUT as u32, "ERROR_TIMEOUT"),
        (
            Foundation::ERROR_ACCOUNT_LOCKED_OUT as u32,
            "ERROR_ACCOUNT_LOCKED_OUT",
        ),
        (WinSock::WSAECONNABORTED as u32, "WSAECONNABORTED"),
        (WinSock::WSAECONNRESET as u32, "WSAECONNRESET"),
        (WinSock::WSAETIMEDOUT as u32, "WSAETIMEDOUT"),
        (WinSock::WSAECONNREFUSED as u32, "WSAECONNREFUSED"),
        (
            WinHttp::ERROR_WINHTTP_TIMEOUT as u32,
            "ERROR_WINHTTP_TIMEOUT",
        ),
        (
            WinHttp::ERROR_WINHTTP_NAME_NOT_RESOLVED as u32,
            "ERROR_WINHTTP_NAME_NOT_RESOLVED",
        ),
        (
            WinHttp::ERROR_WINHTTP_CANNOT_CONNECT as u32,
            "ERROR_WINHTTP_CANNOT_CONNECT",
        ),
        (
            WinHttp::ERROR_WINHTTP_CONNECTION_ERROR as u32,
            "ERROR_WINHTTP_CONNECTION_ERROR",
        ),
        (
            WinHttp::ERROR_WINHTTP_INVALID_SERVER_RESPONSE as u32,
            "ERROR_WINHTTP_INVALID_SERVER_RESPONSE",
        ),
        (
            WinHttp::ERROR_WINHTTP_SECURE_FAILURE as u32,
            "ERROR_WINHTTP_SECURE_FAILURE",
        ),
        (Foundation::E_FAIL as u32, "E_FAIL"),
        (Foundation::E_UNEXPECTED as u32, "E_UNEXPECTED"),
        (
            Foundation::SEC_E_UNSUPPORTED_FUNCTION as u32,
            "SEC_E_UNSUPPORTED_FUNCTION",
        ),
        (
            Foundation::SEC_E_INTERNAL_ERROR as u32,
            "SEC_E_INTERNAL_ERROR",
        ),
        (
            Foundation::SEC_E_INVALID_TOKEN as u32,
            "SEC_E_INVALID_TOKEN",
        ),
        (Foundation::SEC_E_LOGON_DENIED as u32, "SEC_E_LOGON_DENIED"),
        (
            Foundation::SEC_E_UNKNOWN_CREDENTIALS as u32,
            "SEC_E_UNKNOWN_CREDENTIALS",
        ),
        (
            Foundation::SEC_E_NO_CREDENTIALS as u32,
            "SEC_E_NO_CREDENTIALS",
        ),
        (
            Foundation::SEC_E_NO_AUTHENTICATING_AUTHORITY as u32,
            "SEC_E_NO_AUTHENTICATING_AUTHORITY",
        ),
        (
            Foundation::SEC_E_WRONG_PRINCIPAL as u32,
            "SEC_E_WRONG_PRINCIPAL",
        ),
        (Foundation::SEC_E_TIME_SKEW as u32, "SEC_E_TIME_SKEW"),
        (
            Foundation::SEC_E_UNTRUSTED_ROOT as u32,
            "SEC_E_UNTRUSTED_ROOT",
        ),
        (
            Foundation::SEC_E_ILLEGAL_MESSAGE as u32,
            "SEC_E_ILLEGAL_MESSAGE",
        ),
        (Foundation::SEC_E_CERT_EXPIRED as u32, "SEC_E_CERT_EXPIRED"),
        (
            Foundation::SEC_E_ALGORITHM_MISMATCH as u32,
            "SEC_E_ALGORITHM_MISMATCH",
        ),
    ];
    pairs.iter().map(|(v, n)| (*n, *v)).collect()
}

#[test]
fn every_name_matches_its_number_in_the_sdk() {
    let sdk = sdk();
    let mut problems = Vec::new();
    for w in windows::win32_codes().iter().chain(windows::hresults()) {
        let (name, expected) = match w.name.strip_prefix("HRESULT_FROM_WIN32(") {
            Some(inner) => {
                let inner = inner.trim_end_matches(')');
                (inner, sdk.get(inner).map(|c| 0x8007_0000 | c))
            }
            None => (w.name, sdk.get(w.name).copied()),
        };
        match expected {
            Some(v) if v == w.code => {}
            Some(v) => problems.push(format!("{name}: data 0x{:08X}, SDK 0x{v:08X}", w.code)),
            None => problems.push(format!(
                "{name}: not checked against the SDK (add it to sdk())"
            )),
        }
        let kind_ok = match w.kind {
            WinKind::Win32 => w.code <= 0xFFFF,
            WinKind::Hresult => w.code >= 0x8000_0000,
        };
        if !kind_ok {
            problems.push(format!(
                "{name}: 0x{:08X} is not a {}",
                w.code,
                w.kind.token()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_codes_iis_pages_and_logs_show_are_explained() {
    for (hresult, page) in [
        (0x8007_000D, "500.19"),
        (0x8007_0021, "500.19"),
        (0x8007_052E, "500.19"),
        (0x8007_2EE2, "502.3"),
        (0x8007_023E, "500.30"),
    ] {
        let w = windows::lookup(WinQuery::Hresult(hresult))
            .unwrap_or_else(|| panic!("0x{hresult:08X} is explained"));
        assert_eq!(
            w.entry.kind,
            WinKind::Hresult,
            "0x{hresult:08X} has its own text"
        );
        assert!(w.entry.seen.contains(&page), "0x{hresult:08X} names {page}");
        assert!(
            w.entry.text.en.contains(page),
            "0x{hresult:08X} en mentions {page}"
        );
    }
    for code in [0, 2, 3, 5, 32, 50, 64, 121, 995, 1236, 1326, 1460, 10054] {
        assert!(windows::win32(code).is_some(), "win32 {code}");
    }
}

#[test]
fn the_log_analyzers_naming_fault_is_fixed() {
    // sc-win32-status 2148074254 = 0x8009030E.
    let w = windows::lookup(WinQuery::from_log(2_148_074_254).unwrap()).unwrap();
    assert_eq!(w.name(), "SEC_E_NO_CREDENTIALS");
    let w = windows::lookup(WinQuery::Hresult(0x8009_0308)).unwrap();
    assert_eq!(w.name(), "SEC_E_INVALID_TOKEN");
}

#[test]
fn hresults_from_win32_fall_back_to_the_win32_code() {
    let w = windows::lookup(WinQuery::Hresult(0x8007_0005)).unwrap();
    assert_eq!(w.name(), "HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED)");
    assert_eq!(w.win32_code(), Some(5));
    assert_eq!(w.number(), "0x80070005");
    // Another facility with no entry is unknown, not misread as a Win32 code.
    assert!(windows::lookup(WinQuery::Hresult(0x8004_0005)).is_none());
    assert!(windows::lookup(WinQuery::Win32(7)).is_none());
}

#[test]
fn queries_parse_and_bad_ones_explain_why() {
    let ok = [
        ("win32:64", WinQuery::Win32(64)),
        ("WIN32:0x40", WinQuery::Win32(64)),
        ("hresult:0x80070005", WinQuery::Hresult(0x8007_0005)),
        ("hresult:2147942405", WinQuery::Hresult(0x8007_0005)),
        ("0x8007000d", WinQuery::Hresult(0x8007_000D)),
        ("2148074254", WinQuery::Hresult(0x8009_030E)),
        ("-2147024891", WinQuery::Hresult(0x8007_0005)),
    ];
    for (s, q) in ok {
        assert!(WinQuery::looks_like(s), "{s}");
        assert_eq!(s.parse::<WinQuery>(), Ok(q), "{s}");
    }
    for bad in [
        "win32:70000",
        "win32:",
        "hresult:5",
        "hresult:0x",
        "0xZZ",
        "win32:-1x",
        "0x123456789",
    ] {
        let err = bad.parse::<WinQuery>().expect_err(bad);
        assert!(!err.to_string().is_empty());
    }
    for status in ["404", "500.19", "nginx:499", "5xx"] {
        assert!(!WinQuery::looks_like(status), "{status}");
    }
    assert_eq!(
        WinQuery::Hresult(0x8007_000D).to_string(),
        "hresult:0x8007000D"
    );
}

#[test]
fn every_text_has_both_languages_and_seen_ids_resolve() {
    let all = windows::win32_codes().iter().chain(windows::hresults());
    for w in all {
        assert!(
            !w.text.get(Lang::En).is_empty() && !w.text.get(Lang::Th).is_empty(),
            "{}",
            w.name
        );
        assert!(
            w.text
                .th
                .chars()
                .any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)),
            "{}",
            w.name
        );
        for id in w.seen {
            assert!(by_id(id).is_some(), "{}: {id}", w.name);
        }
    }
    for r in windows::httperr_reasons() {
        assert!(
            !r.text.en.is_empty() && !r.text.th.is_empty(),
            "{}",
            r.reason
        );
    }
    assert_eq!(
        windows::httperr("timer_connectionidle").map(|r| r.reason),
        Some("Timer_ConnectionIdle")
    );
    assert!(windows::ftp(530).is_some_and(|f| f.text.en.starts_with("Not logged in")));
    assert!(windows::ftp(999).is_none());
}
