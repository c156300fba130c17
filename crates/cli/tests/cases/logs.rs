//! `httpstatus logs` end to end: formats, outputs, filters, exit codes, bad input. The library's
//! own tests (crates/logs/tests) check the counts in depth; these check the command around them.

use std::io::Write;
use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use super::cmd;

/// A fixture of the log analyzer's own tests.
pub(super) fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../logs/tests/data")
        .join(name)
        .display()
        .to_string()
}

/// A fresh directory for one test's files.
pub(super) fn tmp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli-logs")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn json(args: &[&str]) -> (Value, i32) {
    let out = cmd().arg("logs").arg("--json").args(args).output().unwrap();
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: invalid JSON: {e}"));
    (v, out.status.code().unwrap_or(-1))
}

fn validate(v: &Value) {
    let schema: Value =
        serde_json::from_str(include_str!("../../../logs/schema/report.schema.json")).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler.add_resource("report.schema.json", schema).unwrap();
    let index = compiler
        .compile("report.schema.json", &mut schemas)
        .unwrap();
    if let Err(e) = schemas.validate(v, index) {
        panic!("output does not match crates/logs/schema/report.schema.json: {e:#}");
    }
}

fn count(v: &Value, status: u64, sub: Option<u64>) -> u64 {
    v["codes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == status && c["sub"].as_u64() == sub)
        .map(|c| c["count"].as_u64().unwrap())
        .sum()
}

#[test]
fn terminal_report() {
    cmd()
        .args(["logs", &data("combined.log")])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "12 requests from 1 input(s) (ncsa)",
        ))
        .stdout(predicate::str::contains("404"))
        .stdout(predicate::str::contains("Not Found"))
        .stdout(predicate::str::contains("nginx Client Closed Request"))
        .stdout(predicate::str::contains("malformed lines: 2"));
}

#[test]
fn json_report_follows_its_schema() {
    let (v, code) = json(&[
        &data("iis_w3c.log"),
        &data("combined.log"),
        &data("httperr.log"),
        &data("ftp.log"),
    ]);
    assert_eq!(code, 0);
    validate(&v);
    assert_eq!(v["malformed"], 4);
    assert_eq!(count(&v, 401, Some(2)), 1);
    // NCSA's 404 (2) and IIS's 404.0 (1) are one row in a mixed run.
    assert_eq!(count(&v, 404, None), 3);
    assert_eq!(count(&v, 404, Some(0)), 0);
    assert_eq!(count(&v, 503, Some(2)), 2);
    assert_eq!(v["httperr"]["entries"], 4);
    assert_eq!(v["ftp"]["entries"], 4);
    let c = v["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "401.1")
        .unwrap();
    assert_eq!(c["win32"][0]["code"], 2_148_074_254_u64);
}

#[test]
fn thai() {
    let (v, _) = json(&["--lang", "th", &data("combined.log")]);
    validate(&v);
    assert_eq!(v["lang"], "th");
    let c = v["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["status"] == 404)
        .unwrap();
    assert!(c["title"]
        .as_str()
        .unwrap()
        .chars()
        .any(|c| ('\u{0e00}'..='\u{0e7f}').contains(&c)));
}

#[test]
fn csv_output() {
    cmd()
        .args(["logs", "--csv", &data("iis_w3c.log")])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "status,sub,code,class,win32,win32_name,count,percent,id,title,explanation\n",
        ))
        .stdout(predicate::str::contains(
            "\n503,2,503.2,5xx,0,ERROR_SUCCESS,2,",
        ));
}

#[test]
fn html_to_a_file_atomically() {
    let dir = tmp_dir("html");
    let out = dir.join("report.html");
    std::fs::write(&out, "old").unwrap();
    cmd()
        .args(["logs", "--html", "-o"])
        .arg(&out)
        .arg(data("combined.log"))
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(
        html.starts_with("<!doctype html>")
            && html.contains("<svg")
            && html.contains("id=\"timeline\"")
    );
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 1, "no temporary file left behind: {left:?}");
    // A directory that does not exist: an error, exit 3, and nothing written.
    cmd()
        .args(["logs", "--html", "-o"])
        .arg(dir.join("missing/report.html"))
        .arg(data("combined.log"))
        .assert()
        .code(3)
        .stderr(predicate::str::contains("cannot create"));
}

#[test]
fn stdin_and_compression() {
    let log = std::fs::read(data("combined.log")).unwrap();
    cmd()
        .args(["logs", "-"])
        .write_stdin(log.clone())
        .assert()
        .success()
        .stdout(predicate::str::starts_with("12 requests"));
    // No argument and stdin not a terminal: stdin.
    cmd()
        .arg("logs")
        .write_stdin(log.clone())
        .assert()
        .success();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&log).unwrap();
    let dir = tmp_dir("compressed");
    let gz_path = dir.join("access.log.gz");
    std::fs::write(&gz_path, gz.finish().unwrap()).unwrap();
    let zst_path = dir.join("access.log.zst");
    std::fs::write(&zst_path, zstd::encode_all(&log[..], 3).unwrap()).unwrap();
    let glob = format!("{}/access.log.*", dir.display());
    let (v, code) = json(&[&glob]);
    assert_eq!(code, 0);
    assert_eq!(v["records"], 24);
    let compressions: Vec<&str> = v["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["compression"].as_str().unwrap())
        .collect();
    assert_eq!(compressions, vec!["gzip", "zstd"]);
}

#[test]
fn filters() {
    let (v, code) = json(&["--status", "4xx", "--path", "/admin", &data("combined.log")]);
    assert_eq!(code, 0);
    assert_eq!((v["records"].as_u64(), count(&v, 401, None)), (Some(1), 1));
    assert_eq!(v["filters"]["status"], "4xx");
    let (v, code) = json(&[
        "--since",
        "2023-10-10T14:00:00Z",
        "--until",
        "2023-10-10T14:05:02Z",
        &data("combined.log"),
    ]);
    assert_eq!((code, v["records"].as_u64()), (0, Some(2)));
    // Nothing left: exit 1.
    let (v, code) = json(&["--status", "1xx", &data("combined.log")]);
    assert_eq!((code, v["records"].as_u64()), (1, Some(0)));
}

#[test]
fn json_field_names() {
    let (v, code) = json(&[&data("json_custom.log")]);
    assert_eq!(
        (code, v["records"].as_u64(), v["malformed"].as_u64()),
        (1, Some(0), Some(2))
    );
    let (v, code) = json(&[
        "--json-status-field",
        "resp.code",
        "--json-path-field",
        "target",
        "--json-time-field",
        "when",
        "--json-client-field",
        "who",
        &data("json_custom.log"),
    ]);
    assert_eq!(code, 0);
    assert_eq!((count(&v, 503, None), count(&v, 200, None)), (1, 1));
    assert_eq!(
        v["codes"][0]["top_clients"].as_array().map(Vec::len),
        Some(0)
    ); // 200 has no details
}

#[test]
fn unreadable_inputs_exit_3_and_the_rest_counts() {
    let dir = tmp_dir("bad");
    std::fs::write(
        dir.join("junk.bin"),
        [0u8, 159, 146, 150, 0, 1, 2, 3].repeat(100),
    )
    .unwrap();
    let out = cmd()
        .args(["logs", "--json", "/definitely/missing.log"])
        .arg(&dir)
        .arg(dir.join("junk.bin"))
        .arg(data("combined.log"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("httpstatus: /definitely/missing.log: no such file"),
        "{stderr}"
    );
    assert!(stderr.contains("is a directory"), "{stderr}");
    assert!(
        stderr.contains("junk.bin: binary data, not a text log"),
        "{stderr}"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    validate(&v);
    assert_eq!(v["records"], 12);
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(3));
}

#[test]
fn empty_input_exits_1() {
    let dir = tmp_dir("empty");
    let empty = dir.join("empty.log");
    std::fs::write(&empty, "").unwrap();
    cmd()
        .arg("logs")
        .arg(&empty)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("No requests counted."));
}

#[test]
fn unreadable_input_exits_1_and_says_what_was_tried() {
    let dir = tmp_dir("unreadable");
    let log = dir.join("app.log");
    std::fs::write(
        &log,
        "2024-03-01 app started on port 8080\n2024-03-01 GET / took 3ms\n",
    )
    .unwrap();
    let out = cmd().arg("logs").arg(&log).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one message: {err}");
    for want in [
        "app.log: no line could be read in any of the formats tried (w3c, iis-native, alb",
        "`2024-03-01 app started on port 8080`",
        "--format FORMAT",
        "--json-status-field KEY",
    ] {
        assert!(lines[0].contains(want), "{want}: {err}");
    }
    // A known shape with options this version does not read is named.
    std::fs::write(&log, "{\"code\":502,\"route\":\"/api\"}\n").unwrap();
    let out = cmd().arg("logs").arg(&log).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the keys are: code, route"), "{err}");
    // ... and the flag it names does read it.
    cmd()
        .arg("logs")
        .arg("--json-status-field")
        .arg("code")
        .arg(&log)
        .assert()
        .code(0)
        .stderr(predicate::str::is_empty());
}

#[test]
fn cloud_and_proxy_formats_are_detected() {
    for (file, format, records) in [
        ("alb.log", "alb", 13),
        ("haproxy.log", "haproxy", 8),
        ("envoy.log", "envoy", 8),
        ("cloudfront.log", "cloudfront", 8),
        ("traefik.json", "json", 6),
    ] {
        let (v, code) = json(&[&data(file)]);
        assert_eq!(code, 0, "{file}");
        validate(&v);
        assert_eq!(v["inputs"][0]["format"], format, "{file}");
        assert_eq!(v["records"], records, "{file}");
        assert!(!v["causes"].as_array().unwrap().is_empty(), "{file}");
    }
    // --format forces, and the report says so.
    let (v, code) = json(&["--format", "json", &data("combined.log")]);
    assert_eq!(code, 1);
    assert_eq!(v["inputs"][0]["format"], "json");
    assert_eq!(v["records"], 0);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["logs", "--status", "4x4", "x.log"],
        vec!["logs", "--json", "--csv", "x.log"],
        vec!["logs", "--since", "yesterday-ish", "x.log"],
        vec![
            "logs",
            "--since",
            "2024-02-01",
            "--until",
            "2024-01-01",
            "x.log",
        ],
        vec!["logs", "--format", "syslog", "x.log"],
        vec!["logs", "--bucket", "soon", "x.log"],
        vec!["logs", "--threads", "0", "x.log"],
        vec!["logs", "--csv", "--html", "x.log"],
    ] {
        cmd()
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::is_empty().not());
    }
}

#[test]
fn help_documents_formats_and_exit_codes() {
    cmd()
        .args(["logs", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--json-status-field"))
        .stdout(predicate::str::contains("iis-native"))
        .stdout(predicate::str::contains("3  an input could not be read"));
}

/// A run killed at any moment leaves the previous report or a whole new one, never part of one.
#[test]
fn interrupted_runs_never_leave_half_a_report() {
    use std::process::{Command, Stdio};
    use std::time::Duration;

    let dir = tmp_dir("interrupted");
    let log = dir.join("big.log");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&log).unwrap());
    for i in 0..300_000u32 {
        writeln!(
            w,
            "10.0.{}.{} - - [17/May/2015:10:{:02}:{:02} +0000] \"GET /p/{} HTTP/1.1\" {} {} \"-\" \"t\"",
            i % 200,
            i % 250,
            i / 60 % 60,
            i % 60,
            i % 5000,
            [200, 404, 500, 301, 403][i as usize % 5],
            i % 9000
        )
        .unwrap();
    }
    w.flush().unwrap();
    drop(w);
    let out = dir.join("report.html");
    let mut outcomes = (0, 0);
    for (i, delay_ms) in [0u64, 5, 20, 50, 100, 200, 400, 800, 1600]
        .into_iter()
        .enumerate()
    {
        std::fs::write(&out, "old").unwrap();
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("httpstatus"))
            .args(["logs", "--html", "-o"])
            .arg(&out)
            .arg(&log)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        // SIGKILL half the time, SIGTERM the other: neither can be caught halfway through a write.
        let signal = if i % 2 == 0 { "-KILL" } else { "-TERM" };
        let _ = Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status();
        child.wait().unwrap();
        let report = std::fs::read_to_string(&out).unwrap();
        if report == "old" {
            outcomes.0 += 1;
        } else {
            assert!(
                report.starts_with("<!doctype html>") && report.trim_end().ends_with("</html>"),
                "killed after {delay_ms} ms: a partial report of {} bytes",
                report.len()
            );
            outcomes.1 += 1;
        }
    }
    // The first kills land before the report is written, the last after it.
    assert!(
        outcomes.0 > 0,
        "no kill landed before the report was written"
    );
    // Temporary files are named after the process: they never replace a report by mistake.
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            ["big.log", "report.html"].contains(&name.as_str()) || name.ends_with(".tmp"),
            "unexpected file {name}"
        );
    }
}
