//! `httpstatus logs --partial` and `httpstatus logs merge` end to end, with the built binary:
//! partials of several logs merged equal one run over all of them, in every output; bad partials
//! are refused with one line and exit 3; usage errors exit 2.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use super::cmd;

use super::logs::data;

/// A fresh directory for one test's files, apart from those of `logs.rs`.
fn tmp_dir(name: &str) -> PathBuf {
    super::logs::tmp_dir(&format!("merge-{name}"))
}

fn partial(log: &str, out: &Path) {
    cmd()
        .args(["logs", &data(log), "--partial"])
        .arg(out)
        .assert()
        .code(0)
        .stdout("");
}

/// The JSON report without the list of inputs and the malformed examples (per input).
fn comparable(stdout: &[u8]) -> Value {
    let mut v: Value = serde_json::from_slice(stdout).unwrap();
    let o = v.as_object_mut().unwrap();
    o.remove("inputs");
    o.remove("malformed_examples");
    v
}

#[test]
fn merged_partials_equal_one_run_in_every_output() {
    let dir = tmp_dir("equal");
    let logs = ["combined.log", "iis_w3c.log", "json.log", "httperr.log"];
    let mut partials = Vec::new();
    for (i, log) in logs.iter().enumerate() {
        let p = dir.join(format!("{i}.partial"));
        partial(log, &p);
        partials.push(p);
    }
    let whole = cmd()
        .args(["logs", "--json", "--top", "3"])
        .args(logs.iter().map(|l| data(l)))
        .output()
        .unwrap();
    assert_eq!(whole.status.code(), Some(0));
    let merged = cmd()
        .args(["logs", "merge", "--json", "--top", "3"])
        .args(&partials)
        .output()
        .unwrap();
    assert_eq!(merged.status.code(), Some(0));
    assert_eq!(comparable(&merged.stdout), comparable(&whole.stdout));
    let inputs: Value = serde_json::from_slice(&merged.stdout).unwrap();
    assert_eq!(inputs["inputs"].as_array().unwrap().len(), 4);

    // CSV and text: the same bytes as one run (neither lists inputs' line numbers in rows).
    for flag in ["--csv", "--brief"] {
        let one = cmd()
            .args(["logs", flag])
            .args(logs.iter().map(|l| data(l)))
            .output()
            .unwrap();
        let many = cmd()
            .args(["logs", "merge", flag])
            .args(&partials)
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&many.stdout),
            String::from_utf8_lossy(&one.stdout),
            "{flag}"
        );
    }

    // HTML to a file.
    let html = dir.join("report.html");
    cmd()
        .args(["logs", "merge", "--html", "-o"])
        .arg(&html)
        .args(&partials)
        .assert()
        .code(0);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") || page.starts_with("<!doctype html>"));

    // Merging partials into a partial (a tree of merges), through stdin, concatenated.
    let cat: Vec<u8> = partials
        .iter()
        .flat_map(|p| std::fs::read(p).unwrap())
        .collect();
    let two = cmd()
        .args(["logs", "merge", "-", "--partial", "-"])
        .write_stdin(cat)
        .output()
        .unwrap();
    assert_eq!(two.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&two.stdout).lines().count(), 1);
    let again = cmd()
        .args(["logs", "merge", "-", "--json", "--top", "3"])
        .write_stdin(two.stdout)
        .output()
        .unwrap();
    assert_eq!(comparable(&again.stdout), comparable(&whole.stdout));
}

#[test]
fn bad_partials_exit_3_and_the_rest_are_merged() {
    let dir = tmp_dir("bad");
    let good = dir.join("good.partial");
    partial("combined.log", &good);
    let v2 = dir.join("v2.partial");
    std::fs::write(
        &v2,
        "{\"format\":\"httpstatus-logs-partial\",\"version\":2}\n",
    )
    .unwrap();
    let out = cmd()
        .args(["logs", "merge", "--json"])
        .arg(&good)
        .arg(&v2)
        .arg(data("combined.log"))
        .arg(dir.join("missing.partial"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("v2.partial: partial report version 2, but this httpstatus reads version 1"),
        "{err}"
    );
    assert!(err.contains("combined.log: not a partial report"), "{err}");
    assert!(err.contains("missing.partial: no such file"), "{err}");
    assert_eq!(err.lines().count(), 3, "one line per bad partial: {err}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["records"].as_u64().unwrap() > 0);

    // Different filters: refused.
    let filtered = dir.join("filtered.partial");
    cmd()
        .args([
            "logs",
            &data("combined.log"),
            "--status",
            "404",
            "--partial",
        ])
        .arg(&filtered)
        .assert()
        .code(0);
    cmd()
        .args(["logs", "merge"])
        .arg(&good)
        .arg(&filtered)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("other filters (--status 404)"));
}

#[test]
fn usage() {
    cmd().args(["logs", "merge"]).assert().code(2);
    cmd()
        .args(["logs", "merge", "x.partial", "--partial", "y", "--csv"])
        .assert()
        .code(2);
    cmd()
        .args(["logs", &data("combined.log"), "--json", "--partial", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("drop --json"));
    cmd()
        .args(["logs", "merge", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("one per line"));
    cmd()
        .args(["logs", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("--partial <FILE>"))
        .stdout(predicate::str::contains("merge"));
}

#[test]
fn an_empty_shard_still_writes_a_partial_and_exits_0() {
    let dir = tmp_dir("empty");
    let log = dir.join("empty.log");
    std::fs::write(&log, "").unwrap();
    let p = dir.join("empty.partial");
    cmd()
        .arg("logs")
        .arg(&log)
        .arg("--partial")
        .arg(&p)
        .assert()
        .code(0);
    // Nothing counted in any partial: the merge says so, exit 1 as `logs` would.
    cmd()
        .args(["logs", "merge", "--brief"])
        .arg(&p)
        .assert()
        .code(1);
}
