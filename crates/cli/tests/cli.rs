//! End-to-end tests of the built `httpstatus` binary.
#![allow(clippy::unwrap_used, reason = "tests report failure by panicking")]

#[path = "cases/logs.rs"]
mod logs;
#[path = "cases/serve.rs"]
mod serve;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

/// The binary with a clean, predictable environment: English, no colour forcing.
fn cmd() -> Command {
    let mut c = Command::cargo_bin("httpstatus").expect("binary is built");
    for var in [
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
        "NO_COLOR",
        "CLICOLOR_FORCE",
        "CLICOLOR",
        "COLUMNS",
    ] {
        c.env_remove(var);
    }
    c
}

fn stdout_of(args: &[&str]) -> String {
    let out = cmd().args(args).output().expect("runs");
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn json_of(args: &[&str]) -> Value {
    let out = cmd().args(args).output().expect("runs");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: invalid JSON: {e}"))
}

mod lookup {
    use super::*;

    #[test]
    fn a_code() {
        cmd()
            .arg("404")
            .assert()
            .success()
            .stdout(predicate::str::starts_with("404 Not Found"))
            .stdout(predicate::str::contains("RFC 9110 §15.5.5"))
            .stdout(predicate::str::contains("Cacheable by default: yes"));
    }

    #[test]
    fn an_iis_sub_status() {
        cmd()
            .arg("403.14")
            .assert()
            .success()
            .stdout(predicate::str::starts_with(
                "403.14 Directory listing denied",
            ))
            .stdout(predicate::str::contains("Parent code: 403 Forbidden"))
            .stdout(predicate::str::contains("How to fix"));
        // 500.1 is not 500.100.
        let a = stdout_of(&["500.100", "--brief"]);
        assert!(a.starts_with("500.100 Internal ASP error"), "{a}");
        cmd()
            .arg("500.1")
            .assert()
            .code(1)
            .stderr(predicate::str::contains("did you mean"));
    }

    #[test]
    fn a_vendor_code_in_its_namespace() {
        cmd()
            .arg("nginx:499")
            .assert()
            .success()
            .stdout(predicate::str::starts_with(
                "nginx:499 Client Closed Request",
            ))
            .stdout(predicate::str::contains("nothing is sent"));
        // A bare number shows every meaning, none overwriting another.
        let out = stdout_of(&["499", "--brief"]);
        assert!(
            out.contains("nginx:499") && out.contains("esri:499"),
            "{out}"
        );
    }

    #[test]
    fn unassigned_and_non_standard_codes() {
        cmd()
            .arg("432")
            .assert()
            .success()
            .stdout(predicate::str::contains("400 Bad Request"));
        cmd()
            .arg("799")
            .assert()
            .code(1)
            .stdout(predicate::str::contains("outside 100–599"));
        cmd()
            .arg("999")
            .assert()
            .success()
            .stdout(predicate::str::contains("linkedin:999"));
    }

    #[test]
    fn masks_and_ranges() {
        let out = stdout_of(&["5xx"]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 11, "the eleven IANA 5xx codes:\n{out}");
        assert!(lines[0].starts_with("500 Internal Server Error"));
        let out = stdout_of(&["50x"]);
        assert_eq!(
            out.lines().count(),
            9,
            "500-508 are registered, 509 is not:\n{out}"
        );
        let out = stdout_of(&["300-303"]);
        assert_eq!(out.lines().count(), 4, "{out}");
    }

    #[test]
    fn words_are_searched() {
        cmd()
            .args(["too", "many"])
            .assert()
            .success()
            .stdout(predicate::str::starts_with("429 Too Many Requests"));
        cmd()
            .arg("gatway timout")
            .assert()
            .success()
            .stdout(predicate::str::starts_with("504 Gateway Timeout"));
        cmd()
            .arg("zzzqqq")
            .assert()
            .code(1)
            .stderr(predicate::str::contains("nothing matches"));
    }

    #[test]
    fn several_arguments_at_once() {
        let out = stdout_of(&["--brief", "200", "403.14", "nginx:444"]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3, "{out}");
        assert!(
            lines[0].starts_with("200 OK")
                && lines[1].starts_with("403.14")
                && lines[2].starts_with("nginx:444")
        );
    }

    #[test]
    fn show_subcommand() {
        cmd()
            .args(["show", "302"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Object moved"));
        cmd().args(["show", "too"]).assert().code(2);
    }
}

mod errors {
    use super::*;

    fn usage_error(arg: &str, message: &str) {
        cmd()
            .arg(arg)
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains(message))
            .stderr(predicate::function(|s: &str| s.lines().count() == 1));
    }

    #[test]
    fn malformed_codes_are_usage_errors() {
        usage_error("9999", "three digits");
        // Found by fuzzing (RELIABILITY.md): one or two digits were looked up as codes 0 to 99.
        usage_error("00", "three digits");
        usage_error("5", "three digits");
        usage_error("403.x", "sub-status");
        usage_error("4xy", "mask");
        usage_error("foo:404", "unknown namespace");
        usage_error("", "empty");
        usage_error("504-500", "range");
    }

    #[test]
    fn huge_argument() {
        let big = "a".repeat(10_000);
        cmd()
            .arg(&big)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("too long"));
        let big_digits = "4".repeat(10_000);
        cmd()
            .arg(&big_digits)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("too long"));
    }

    #[test]
    fn invalid_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let arg = std::ffi::OsStr::from_bytes(b"40\xff");
        cmd()
            .arg(arg)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("not valid UTF-8"));
    }

    #[test]
    fn unknown_option_and_bad_values() {
        cmd().arg("--frobnicate").assert().code(2);
        cmd().args(["--lang", "fr", "404"]).assert().code(2);
        cmd()
            .args(["list", "--namespace", "nope"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("unknown namespace"));
    }

    #[test]
    fn no_arguments_prints_help_and_exits_2() {
        cmd()
            .assert()
            .code(2)
            .stdout(predicate::str::contains("Usage"));
    }

    #[test]
    fn help_documents_exit_codes() {
        cmd()
            .arg("--help")
            .assert()
            .success()
            .stdout(predicate::str::contains("Exit status"));
    }
}

mod language {
    use super::*;

    fn has_thai(s: &str) -> bool {
        s.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c))
    }

    #[test]
    fn thai_by_flag_and_by_locale() {
        let en = stdout_of(&["503"]);
        assert!(!has_thai(&en), "English by default");
        let th = stdout_of(&["--lang", "th", "503"]);
        assert!(has_thai(&th));
        assert!(
            th.starts_with("503 Service Unavailable"),
            "the wire phrase stays English: {th}"
        );
        let out = cmd()
            .env("LANG", "th_TH.UTF-8")
            .arg("503")
            .output()
            .unwrap();
        assert_eq!(String::from_utf8(out.stdout).unwrap(), th);
        let out = cmd()
            .env("LANG", "th_TH.UTF-8")
            .env("LC_ALL", "en_US.UTF-8")
            .arg("503")
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            en,
            "LC_ALL wins over LANG"
        );
    }

    #[test]
    fn the_issue_examples_come_first() {
        for (words, first) in [
            ("rate limit", "429 Too Many Requests"),
            ("permission denied", "403 Forbidden"),
            ("upload too big", "413 Content Too Large"),
            ("permanent redirect keep method", "308 Permanent Redirect"),
            ("เซิร์ฟเวอร์ไม่พร้อมให้บริการ", "503 Service Unavailable"),
        ] {
            cmd()
                .args(["search", words])
                .assert()
                .success()
                .stdout(predicate::str::starts_with(first));
        }
    }

    #[test]
    fn thai_search() {
        cmd()
            .arg("ไม่พบ")
            .assert()
            .success()
            .stdout(predicate::str::contains("404"));
    }
}

mod colour {
    use super::*;

    const ESC: &str = "\u{1b}[";

    #[test]
    fn plain_when_piped_coloured_when_asked() {
        assert!(!stdout_of(&["404"]).contains(ESC), "no colour into a pipe");
        assert!(stdout_of(&["--color", "always", "404"]).contains(ESC));
        assert!(!stdout_of(&["--color", "never", "404"]).contains(ESC));
        let out = cmd().env("NO_COLOR", "1").args(["404"]).output().unwrap();
        assert!(!String::from_utf8(out.stdout).unwrap().contains(ESC));
    }
}

mod json {
    use super::*;

    const TSV: &str = include_str!("../../codes/tests/fixtures/registry.tsv");

    fn validator() -> (boon::Schemas, boon::SchemaIndex) {
        let schema: Value =
            serde_json::from_str(include_str!("../../../schema/entry.schema.json")).unwrap();
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        compiler.add_resource("entry.schema.json", schema).unwrap();
        let index = compiler.compile("entry.schema.json", &mut schemas).unwrap();
        (schemas, index)
    }

    fn validate(v: &Value) {
        let (schemas, index) = validator();
        if let Err(e) = schemas.validate(v, index) {
            panic!("output does not match schema/entry.schema.json: {e:#}");
        }
    }

    #[test]
    fn list_all_covers_every_reference_row_in_both_languages() {
        let v = json_of(&["list", "--all", "--json"]);
        validate(&v);
        let items = v.as_array().unwrap();
        let rows = TSV.lines().skip(1).filter(|l| !l.is_empty()).count();
        assert_eq!(items.len(), rows);
        for row in TSV.lines().skip(1).filter(|l| !l.is_empty()) {
            let f: Vec<&str> = row.split('\t').collect();
            let found = items.iter().any(|e| {
                let code = match (e["code_end"].as_u64(), e["sub"].as_u64()) {
                    (Some(end), _) => format!("{}-{}", e["code"], end),
                    (None, Some(sub)) => format!("{:03}.{sub}", e["code"].as_u64().unwrap()),
                    (None, None) => format!("{:03}", e["code"].as_u64().unwrap()),
                };
                code == f[0] && e["phrase"] == f[1] && e["namespace"] == f[2] && e["status"] == f[3]
            });
            assert!(found, "row {row:?} is in the JSON");
        }
        for e in items {
            for field in ["title", "summary", "description"] {
                assert!(
                    !e[field]["en"].as_str().unwrap().is_empty()
                        && !e[field]["th"].as_str().unwrap().is_empty()
                );
            }
        }
    }

    #[test]
    fn lookups_and_searches_validate() {
        for args in [
            &["--json", "404"][..],
            &["--json", "403.14"],
            &["--json", "nginx:499"],
            &["--json", "4xx"],
            &["--json", "463"],
            &["search", "--json", "too many"],
        ] {
            let v = json_of(args);
            validate(&v);
            assert!(!v.as_array().unwrap().is_empty(), "{args:?}");
        }
        let v = json_of(&["--json", "403.14"]);
        assert_eq!(v[0]["code"], 403);
        assert_eq!(v[0]["sub"], 14);
        assert_eq!(v[0]["semantics"]["wire_code"], 403);
    }
}

mod generated {
    use super::*;

    #[test]
    fn completions_for_every_shell() {
        for (shell, marker) in [
            ("bash", "complete -F"),
            ("zsh", "#compdef httpstatus"),
            ("fish", "complete -c httpstatus"),
            ("powershell", "Register-ArgumentCompleter"),
            ("elvish", "edit:completion"),
        ] {
            cmd()
                .args(["completions", shell])
                .assert()
                .success()
                .stdout(predicate::str::contains(marker));
        }
    }

    #[test]
    fn man_page_renders() {
        let out = cmd().arg("man").output().unwrap();
        assert!(out.status.success());
        let roff = String::from_utf8(out.stdout).unwrap();
        assert!(roff.contains(".TH httpstatus"), "roff header");
        // Render it with man(1), when man-db is installed (.ci/run installs it).
        if let Some(man) = httpstatus_testkit::program("man", "man-db") {
            let dir = std::env::temp_dir().join(format!("httpstatus-man-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let page = dir.join("httpstatus.1");
            std::fs::write(&page, &roff).unwrap();
            let rendered = std::process::Command::new(man)
                .arg("-l")
                .arg(&page)
                .env("MANPAGER", "cat")
                .env("MANWIDTH", "80")
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&rendered.stdout);
            assert!(
                rendered.status.success() && text.contains("httpstatus"),
                "man -l: {text}"
            );
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}
