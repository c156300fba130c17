//! Windows error codes from IIS error pages and logs, and the semantics lines that carry RFC
//! sections.

use super::*;

#[test]
fn an_hresult_from_a_500_19_page() {
    cmd()
        .args(["0x8007000d"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "0x8007000D HRESULT_FROM_WIN32(ERROR_INVALID_DATA)",
        ))
        .stdout(predicate::str::contains("Win32 code: 13"))
        .stdout(predicate::str::contains("In sc-win32-status: 2147942413"))
        .stdout(predicate::str::contains("500.19"));
}

#[test]
fn win32_and_hresult_prefixes_and_log_decimals() {
    let out = stdout_of(&["win32:64"]);
    assert!(out.starts_with("64 ERROR_NETNAME_DELETED"), "{out}");
    let out = stdout_of(&["hresult:0x80070005"]);
    assert!(
        out.starts_with("0x80070005 HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED)"),
        "{out}"
    );
    // sc-win32-status 2148074254 is SEC_E_NO_CREDENTIALS, not SEC_E_INVALID_TOKEN.
    let out = stdout_of(&["2148074254"]);
    assert!(out.starts_with("0x8009030E SEC_E_NO_CREDENTIALS"), "{out}");
    let out = stdout_of(&["--brief", "win32:5", "404"]);
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[test]
fn thai_and_json() {
    let out = stdout_of(&["--lang", "th", "0x80072ee2"]);
    assert!(out.contains("มักพบคู่กับ") && out.contains("502.3"), "{out}");
    let v = json_of(&["--json", "0x8007000d"]);
    let w = &v[0];
    assert_eq!(w["kind"], "hresult");
    assert_eq!(w["code"], "0x8007000D");
    assert_eq!(w["decimal"], 2_147_942_413_u64);
    assert_eq!(w["win32"], 13);
    assert!(w["text"]["th"].as_str().is_some_and(|t| !t.is_empty()));
    let v = json_of(&["--json", "win32:64"]);
    assert_eq!(v[0]["name"], "ERROR_NETNAME_DELETED");
    assert!(v[0]["win32"] == 64);
}

#[test]
fn bad_and_unknown_windows_codes() {
    cmd()
        .arg("win32:70000")
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("0-65535"))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
    cmd()
        .arg("hresult:5")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("top bit"));
    cmd()
        .arg("win32:7")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no Windows error code win32:7"));
}

#[test]
fn semantics_show_conditions_sources_and_new_retry_values() {
    // Lines wrap at the terminal width: compare with single spaces.
    let stdout_of = |args: &[&str]| {
        stdout_of(args)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let out = stdout_of(&["304"]);
    assert!(
        out.contains("Cache-Control, Content-Location, Date, ETag, Expires, Vary: must"),
        "{out}"
    );
    assert!(out.contains("would carry it (RFC 9110 §15.4.5)"), "{out}");
    let out = stdout_of(&["421"]);
    assert!(
        out.contains("on a new connection (RFC 9110 §15.5.20)"),
        "{out}"
    );
    let out = stdout_of(&["500.19"]);
    assert!(out.contains("retrying does not help"), "{out}");
    let out = stdout_of(&["503"]);
    assert!(out.contains("Retry-After: may (RFC 9110 §15.6.4)"), "{out}");
}
