//! `httpstatus lint` end to end: exit codes, grouping, languages, JSON against its schema, SARIF,
//! the config file and bad input. The rules themselves are tested in crates/lint/tests.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use super::cmd;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../lint/tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn tmp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli-lint")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str]) -> (String, String, i32) {
    let out = cmd().arg("lint").args(args).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn validate(v: &Value) {
    let schema: Value =
        serde_json::from_str(include_str!("../../../../schema/lint.schema.json")).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("lint.schema.json", schema).unwrap();
    let index = compiler.compile("lint.schema.json", &mut schemas).unwrap();
    if let Err(e) = schemas.validate(v, index) {
        panic!("output does not match schema/lint.schema.json: {e:#}");
    }
}

#[test]
fn exit_codes_follow_the_level() {
    // HS016-good has no finding at all: clean.
    let (out, _, code) = run(&[&fixture("rules/HS016-good.yaml")]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("no findings"));
    // An error-level finding fails at the default level (warning).
    assert_eq!(run(&[&fixture("rules/HS005-bad.yaml")]).2, 1);
    // An info-level finding does not, unless asked.
    let info = fixture("rules/HS016-bad.yaml");
    assert_eq!(run(&[&info]).2, 0);
    assert_eq!(run(&[&info, "--level", "info"]).2, 1);
    // A warning passes at --level error.
    assert_eq!(
        run(&[&fixture("rules/HS008-bad.yaml"), "--level", "error"]).2,
        0
    );
    assert_eq!(run(&[&fixture("rules/HS008-bad.yaml")]).2, 1);
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    let dir = tmp_dir("bad");
    let swagger = dir.join("swagger.json");
    std::fs::write(&swagger, "{\"swagger\": \"2.0\"}").unwrap();
    for (file, want) in [
        (
            swagger.display().to_string(),
            "Swagger 2.0 is not supported",
        ),
        (
            dir.join("missing.yaml").display().to_string(),
            "no such file",
        ),
        (dir.display().to_string(), "directory"),
        (fixture("../lint.rs"), "not"),
    ] {
        let (_, err, code) = run(&[&file]);
        assert_eq!(code, 2, "{file}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(want), "{err}");
    }
    // The other files are still linted.
    let (out, _, code) = run(&[
        &swagger.display().to_string(),
        &fixture("rules/HS005-bad.yaml"),
    ]);
    assert_eq!(code, 2);
    assert!(out.contains("HS005"));
    // Usage mistakes.
    assert_eq!(
        run(&[&fixture("rules/HS005-bad.yaml"), "--level", "loud"]).2,
        2
    );
    cmd().arg("lint").assert().code(2);
}

#[test]
fn text_groups_by_operation_and_speaks_thai() {
    let (out, _, _) = run(&[&fixture("rules/HS017-bad.yaml"), &fixture("ignore.yaml")]);
    assert!(out.contains("PUT /c"), "{out}");
    assert!(out.contains("GET /c"), "{out}");
    assert!(out.contains("[redirect-without-location]"), "{out}");
    let (out, _, _) = run(&[&fixture("rules/HS005-bad.yaml"), "--lang", "th"]);
    assert!(out.contains("DELETE /items/{id}"), "{out}");
    assert!(out.contains("ไม่มีเนื้อหาได้เลย"), "{out}");
    assert!(out.contains("ข้อผิดพลาด"), "{out}");
}

#[test]
fn json_matches_the_schema() {
    let out = cmd()
        .args([
            "lint",
            "--json",
            &fixture("rules/HS005-bad.yaml"),
            &fixture("ignore.yaml"),
            "nope.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    validate(&v);
    assert_eq!(v["files"].as_array().unwrap().len(), 2);
    assert_eq!(v["errors"][0]["reason"], "no such file");
    let f = &v["files"][0]["findings"][0];
    assert_eq!(f["rule"], "HS005");
    assert_eq!(f["line"], 8);
    assert_eq!(f["help"], "/lint/rules/HS005");
    assert!(v["summary"]["error"].as_u64().unwrap() >= 2);
    // Every fixture's output validates.
    for rule in httpstatus_lint::RULES {
        let out = cmd()
            .args([
                "lint",
                "--json",
                "--lang",
                "th",
                &fixture(&format!("rules/{}-bad.yaml", rule.id)),
            ])
            .output()
            .unwrap();
        validate(&serde_json::from_slice(&out.stdout).unwrap());
    }
}

#[test]
fn sarif_has_the_required_fields() {
    let out = cmd()
        .args(["lint", "--sarif", &fixture("rules/HS009-bad.yaml")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "httpstatus-lint");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), httpstatus_lint::RULES.len());
    for r in rules {
        assert!(r["id"].is_string() && r["shortDescription"]["text"].is_string());
        assert!(r["helpUri"].as_str().unwrap().starts_with("https://"));
    }
    let results = run["results"].as_array().unwrap();
    let hit = results.iter().find(|r| r["ruleId"] == "HS009").unwrap();
    assert_eq!(hit["level"], "error");
    assert!(hit["message"]["text"]
        .as_str()
        .unwrap()
        .contains("WWW-Authenticate"));
    let index = usize::try_from(hit["ruleIndex"].as_u64().unwrap()).unwrap();
    assert_eq!(rules[index]["id"], "HS009");
    let loc = &hit["locations"][0]["physicalLocation"];
    assert!(loc["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("HS009-bad.yaml"));
    assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
    // --sarif and --json are alternatives.
    cmd()
        .args([
            "lint",
            "--sarif",
            "--json",
            &fixture("rules/HS009-bad.yaml"),
        ])
        .assert()
        .code(2);
}

#[test]
fn config_file_in_the_current_directory_and_by_flag() {
    let dir = tmp_dir("config");
    std::fs::write(
        dir.join(".httpstatus-lint.toml"),
        "[rules]\nHS005 = \"off\"\n",
    )
    .unwrap();
    let file = fixture("rules/HS005-bad.yaml");
    cmd()
        .current_dir(&dir)
        .args(["lint", &file])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("content-forbidden").not());
    let other = dir.join("strict.toml");
    std::fs::write(
        &other,
        "level = \"info\"\n[rules]\nno-server-error = \"warning\"\n",
    )
    .unwrap();
    let out = cmd()
        .args([
            "lint",
            "--json",
            "--config",
            &other.display().to_string(),
            &fixture("rules/HS016-bad.yaml"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["level"], "info");
    let hs016 = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "HS016")
        .unwrap()
        .clone();
    assert_eq!(hs016["level"], "warning");
    // A bad config file is a usage error with a one-line reason.
    std::fs::write(&other, "[rules]\nHS999 = \"off\"\n").unwrap();
    let (_, err, code) = run(&["--config", &other.display().to_string(), &file]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule `HS999`"), "{err}");
}

#[test]
fn help_and_man_page_document_the_command() {
    cmd().args(["lint", "--help"]).assert().success().stdout(
        predicate::str::contains("Exit status:")
            .and(predicate::str::contains("x-httpstatus-ignore"))
            .and(predicate::str::contains("--sarif")),
    );
    cmd()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains("lint"));
    cmd()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("lint"));
}
