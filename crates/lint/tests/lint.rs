//! The rules against their fixtures, `$ref`s, `x-httpstatus-ignore`, configuration and bad input.

use std::path::{Path, PathBuf};

use httpstatus_lint::{lint_file, Config, RuleSetting, Severity, RULES};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn ids(name: &str, config: &Config) -> Vec<&'static str> {
    let report = lint_file(&fixture(name), config).unwrap_or_else(|e| panic!("{e}"));
    report.findings.iter().map(|f| f.rule.id).collect()
}

#[test]
fn every_rule_has_a_fixture_that_triggers_it_and_one_that_does_not() {
    for rule in RULES {
        let bad = ids(&format!("rules/{}-bad.yaml", rule.id), &Config::default());
        assert!(
            bad.contains(&rule.id),
            "{}-bad.yaml does not trigger it: {bad:?}",
            rule.id
        );
        let good = ids(&format!("rules/{}-good.yaml", rule.id), &Config::default());
        assert!(
            !good.contains(&rule.id),
            "{}-good.yaml triggers it: {good:?}",
            rule.id
        );
    }
}

#[test]
fn findings_carry_lines_paths_and_both_languages() {
    let report = lint_file(&fixture("rules/HS005-bad.yaml"), &Config::default()).unwrap();
    let f = report
        .findings
        .iter()
        .find(|f| f.rule.id == "HS005")
        .unwrap();
    assert_eq!(f.line, 8, "the line of the `'204':` key");
    assert_eq!(f.path.as_deref(), Some("/items/{id}"));
    assert_eq!(f.method.as_deref(), Some("DELETE"));
    assert_eq!(f.response.as_deref(), Some("204"));
    assert!(f.message_en.contains("204"));
    assert!(f.message_th.contains("204") && f.message_th.contains("เนื้อหา"));
    assert_eq!(report.openapi, "3.1.0");
}

#[test]
fn json_documents_are_read_with_lines() {
    let report = lint_file(&fixture("json.json"), &Config::default()).unwrap();
    let f = &report.findings[0];
    assert_eq!((f.rule.id, f.line), ("HS005", 8));
}

#[test]
fn vendor_and_unassigned_messages_name_the_class_fallback() {
    let report = lint_file(&fixture("rules/HS003-bad.yaml"), &Config::default()).unwrap();
    let f = report
        .findings
        .iter()
        .find(|f| f.rule.id == "HS003")
        .unwrap();
    assert!(
        f.message_en.contains("nginx") && f.message_en.contains("400"),
        "{}",
        f.message_en
    );
    let report = lint_file(&fixture("rules/HS002-bad.yaml"), &Config::default()).unwrap();
    let f = report
        .findings
        .iter()
        .find(|f| f.rule.id == "HS002")
        .unwrap();
    assert!(
        f.message_en.contains("432") && f.message_en.contains("400"),
        "{}",
        f.message_en
    );
}

#[test]
fn relative_references_are_followed() {
    // The 404 lives in ../shared/responses.yaml with content; it must be resolved, not reported.
    let found = ids("rules/HS023-good.yaml", &Config::default());
    assert!(!found.contains(&"HS023"), "{found:?}");
    let report = lint_file(&fixture("rules/HS023-bad.yaml"), &Config::default()).unwrap();
    let f = report
        .findings
        .iter()
        .find(|f| f.rule.id == "HS023")
        .unwrap();
    assert!(
        f.message_en.contains("#/components/responses/Nope"),
        "{}",
        f.message_en
    );
}

#[test]
fn ignore_extension_silences_at_every_level() {
    let report = lint_file(&fixture("ignore.yaml"), &Config::default()).unwrap();
    let found: Vec<(&str, Option<&str>)> = report
        .findings
        .iter()
        .map(|f| (f.rule.id, f.path.as_deref()))
        .collect();
    assert_eq!(found, [("HS007", Some("/c"))], "only /c's 302 is left");
}

#[test]
fn config_turns_rules_off_and_changes_levels() {
    let config = Config::from_toml(
        "level = \"error\"\n[rules]\nHS007 = \"off\"\nno-server-error = \"error\"\n",
    )
    .unwrap();
    assert_eq!(config.level, Some(Severity::Error));
    assert_eq!(config.rules.get("HS007"), Some(&RuleSetting::Off));
    let report = lint_file(&fixture("rules/HS007-bad.yaml"), &config).unwrap();
    assert!(report.findings.iter().all(|f| f.rule.id != "HS007"));
    let report = lint_file(&fixture("rules/HS016-bad.yaml"), &config).unwrap();
    let f = report
        .findings
        .iter()
        .find(|f| f.rule.id == "HS016")
        .unwrap();
    assert_eq!(f.level, Severity::Error);
    for bad in [
        "[rules]\nHS999 = \"off\"",
        "level = \"loud\"",
        "colour = 1",
        "[rules]\nHS001 = 3",
        "level =",
    ] {
        assert!(Config::from_toml(bad).is_err(), "{bad}");
    }
}

#[test]
fn input_errors_are_one_line_reasons() {
    let dir = std::env::temp_dir().join(format!("httpstatus-lint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        ("swagger.yaml", "swagger: '2.0'\npaths: {}\n", "Swagger 2.0"),
        ("plain.yaml", "name: not an api\n", "no `openapi` field"),
        (
            "broken.json",
            "{\"openapi\": \"3.1.0\", \"paths\": {",
            "not YAML or JSON",
        ),
        ("list.yaml", "- 1\n- 2\n", "not a mapping"),
        (
            "v4.yaml",
            "openapi: 4.0.0\n",
            "OpenAPI 4.0.0 is not supported",
        ),
        ("empty.yaml", "", "not YAML or JSON"),
    ];
    for (name, text, want) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let err = lint_file(&path, &Config::default()).unwrap_err();
        assert!(err.reason.contains(want), "{name}: {}", err.reason);
        assert!(!err.to_string().contains('\n'));
    }
    std::fs::write(dir.join("latin1.yaml"), b"openapi: 3.1.0\ninfo: \xe9\n").unwrap();
    assert!(lint_file(&dir.join("latin1.yaml"), &Config::default()).is_err());
    assert_eq!(
        lint_file(&dir.join("missing.yaml"), &Config::default())
            .unwrap_err()
            .reason,
        "no such file"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn ref_cycles_and_odd_shapes_do_not_panic() {
    let dir = std::env::temp_dir().join(format!("httpstatus-lint-odd-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let docs = [
        "openapi: 3.1.0\npaths:\n  /a:\n    get:\n      responses:\n        '200': {$ref: '#/components/responses/A'}\ncomponents:\n  responses:\n    A: {$ref: '#/components/responses/B'}\n    B: {$ref: '#/components/responses/A'}\n",
        "openapi: 3.1.0\npaths: [1, 2]\n",
        "openapi: 3.1.0\npaths:\n  /a: 7\n  /b:\n    get: [x]\n    post:\n      responses: 5\n",
        "openapi: 3.1.0\npaths:\n  /a:\n    $ref: 'missing.yaml#/x'\n",
        "openapi: 3.1.0\npaths:\n  /a:\n    get:\n      responses:\n        '200': {$ref: 'https://example.com/r.yaml'}\n        ? [complex]\n        : {description: x}\n",
    ];
    for (i, text) in docs.iter().enumerate() {
        let path = dir.join(format!("{i}.yaml"));
        std::fs::write(&path, text).unwrap();
        let report = lint_file(&path, &Config::default()).unwrap();
        if i == 0 || i == 3 || i == 4 {
            assert!(
                report.findings.iter().any(|f| f.rule.id == "HS023"),
                "{i}: {:?}",
                report.findings
            );
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
