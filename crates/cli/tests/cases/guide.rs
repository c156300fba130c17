//! `httpstatus guide`: the built binary, for scripts (SITUATION, --list, --json, --lang th),
//! with the numbered questions fed through stdin, and its errors and exit codes.

use predicates::prelude::*;
use serde_json::Value;

use super::cmd;

fn validator() -> (boon::Schemas, boon::SchemaIndex) {
    let schema: Value =
        serde_json::from_str(include_str!("../../../../schema/guide.schema.json")).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("guide.schema.json", schema).unwrap();
    let index = compiler.compile("guide.schema.json", &mut schemas).unwrap();
    (schemas, index)
}

fn json(args: &[&str]) -> Value {
    let out = cmd().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_situation_for_scripts() {
    cmd()
        .args(["guide", "method-not-allowed"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Method not allowed  (method-not-allowed)",
        ))
        .stdout(predicate::str::contains("405 Method Not Allowed"))
        .stdout(predicate::str::contains(
            "Allow on 405  MUST, RFC 9110 §15.5.6",
        ))
        .stdout(predicate::str::contains("\"status\": 405"))
        .stdout(predicate::str::contains("Common mistakes"));
    // Thai text, English reason phrase and header names.
    cmd()
        .args(["guide", "--lang", "th", "not-signed-in"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ยังไม่ได้ยืนยันตัวตน"))
        .stdout(predicate::str::contains("401 Unauthorized"))
        .stdout(predicate::str::contains("WWW-Authenticate กับ 401"));
}

#[test]
fn list_and_json_follow_the_schema() {
    let out = cmd().args(["guide", "--list"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let ids: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let expected: Vec<&str> = httpstatus_codes::guide::situations()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, expected);
    assert!(ids.len() >= 25);

    let (schemas, index) = validator();
    let all = json(&["guide", "--list", "--json"]);
    schemas
        .validate(&all, index)
        .unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(all.as_array().unwrap().len(), expected.len());
    let one = json(&["guide", "stale-version", "--json"]);
    schemas
        .validate(&one, index)
        .unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(one["choices"][0]["code"], 412);
    assert_eq!(one["choices"][0]["phrase"], "Precondition Failed");
    let example: Value = serde_json::from_str(one["example"].as_str().unwrap()).unwrap();
    assert_eq!(example["status"], 412);
}

#[test]
fn an_unknown_situation_is_one_line_with_close_matches() {
    let out = cmd().args(["guide", "rate-limitted"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("did you mean rate-limited"), "{err}");

    let err = cmd().args(["guide", "429"]).output().unwrap();
    assert_eq!(err.status.code(), Some(1));
    let err = String::from_utf8(err.stderr).unwrap();
    assert!(
        err.contains("rate-limited") && err.contains("quota-exhausted"),
        "{err}"
    );

    cmd()
        .args(["guide", "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("httpstatus guide --list"));
    // A situation and --list together are a usage error.
    cmd().args(["guide", "gone", "--list"]).assert().code(2);
}

#[test]
fn the_questions_read_numbers_from_stdin() {
    // 5 = over a limit, 1 = too many requests in a short time.
    let out = cmd()
        .args(["guide"])
        .write_stdin("5\n1\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("Rate limited  (rate-limited)"),
        "{stdout}"
    );
    let prompts = String::from_utf8(out.stderr).unwrap();
    assert!(
        prompts.contains("What happened with the request?"),
        "{prompts}"
    );
    assert!(prompts.contains("Which limit is it?"), "{prompts}");

    // Bad answers are asked again; b goes back; Thai prompts; JSON at the end.
    let out = cmd()
        .args(["guide", "--lang", "th", "--json"])
        .write_stdin("x\n42\n1\nb\n3\n1\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "not-signed-in");
    let prompts = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        prompts.matches("พิมพ์หมายเลขตั้งแต่ 1 ถึง 6").count(),
        2,
        "{prompts}"
    );

    // q quits quietly.
    cmd()
        .args(["guide"])
        .write_stdin("q\n")
        .assert()
        .success()
        .stdout("");
}

#[test]
fn the_questions_end_with_a_usage_error_when_stdin_does() {
    let out = cmd().args(["guide"]).write_stdin("2\n").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    let last = err
        .lines()
        .filter(|l| l.starts_with("httpstatus:"))
        .collect::<Vec<_>>();
    assert_eq!(last.len(), 1, "{err}");
    assert!(last[0].contains("httpstatus guide SITUATION"), "{err}");
}

#[test]
fn help_man_page_and_completions_cover_guide() {
    cmd()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("guide"));
    cmd()
        .args(["guide", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--list"))
        .stdout(predicate::str::contains("unknown situation"));
    cmd()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains("guide"));
    for shell in ["bash", "zsh", "fish"] {
        cmd()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("guide"));
    }
}
