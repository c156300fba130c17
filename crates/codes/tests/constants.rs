//! Each code's name in languages and frameworks (`data/constants.toml`), checked against the real
//! thing wherever it is on the machine: Rust's `http` crate directly, and Python's
//! `http.HTTPStatus`, Python requests' `codes`, Node's `http.STATUS_CODES` and Go's `net/http`
//! by running the interpreter or compiler (a loud SKIPPED line when one is missing; a failure
//! under `HTTPSTATUS_REQUIRE_TOOLS=1`). Java, .NET, Ruby, PHP, Kotlin and Starlette were checked
//! by reading their sources; each framework's `checked` field says how.
#![allow(clippy::unwrap_used, reason = "tests report failure by panicking")]

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use httpstatus_codes::constants::{for_code, frameworks, Constant};
use httpstatus_codes::{lookup, Namespace, RegistryStatus};

/// `(code, name)` for every name one framework lists, current and older.
fn names_of(framework: &str) -> Vec<(u16, &'static str)> {
    (0..1000)
        .flat_map(for_code)
        .filter(|c| c.framework().id == framework)
        .map(|c| (c.code, c.name))
        .collect()
}

#[test]
fn every_framework_names_the_common_codes_and_only_assigned_iana_codes() {
    assert!(
        frameworks().len() >= 12,
        "{} frameworks",
        frameworks().len()
    );
    for f in frameworks() {
        assert!(!f.checked.is_empty() && !f.language.is_empty(), "{}", f.id);
        let codes: BTreeSet<u16> = names_of(f.id).iter().map(|(c, _)| *c).collect();
        for code in [
            200, 201, 204, 301, 302, 304, 400, 401, 403, 404, 500, 502, 503, 504,
        ] {
            assert!(codes.contains(&code), "{} has no name for {code}", f.id);
        }
        for code in codes {
            let e = lookup(code).unwrap_or_else(|| panic!("{}: {code} has no entry", f.id));
            assert_eq!(e.namespace, Namespace::Iana);
            assert_ne!(e.status, RegistryStatus::Unassigned, "{}: {code}", f.id);
        }
    }
    // One current name per framework and code, listed first.
    for code in 100..600 {
        let list = for_code(code);
        for f in frameworks() {
            let mine: Vec<&Constant> = list.iter().filter(|c| c.framework().id == f.id).collect();
            if let Some(first) = mine.first() {
                assert!(first.current, "{} {code}", f.id);
                assert!(mine[1..].iter().all(|c| !c.current), "{} {code}", f.id);
            }
        }
    }
}

#[test]
fn entries_show_names_only_for_iana_codes() {
    let e = lookup(404).unwrap();
    let names: Vec<&str> = e.constants().iter().map(|c| c.name).collect();
    for expected in [
        "http.StatusNotFound",
        "HTTPStatus.NOT_FOUND",
        "HttpServletResponse.SC_NOT_FOUND",
        "HttpStatus.NOT_FOUND",
        "HttpStatusCode.NotFound",
        "StatusCodes.Status404NotFound",
        "StatusCode::NOT_FOUND",
        ":not_found",
        "Response::HTTP_NOT_FOUND",
        "status.HTTP_404_NOT_FOUND",
        "requests.codes.not_found",
        "Not Found",
    ] {
        assert!(names.contains(&expected), "404 lacks {expected}: {names:?}");
    }
    let sub = httpstatus_codes::lookup_sub(404, 13).unwrap();
    assert!(
        sub.constants().is_empty(),
        "IIS sub-statuses have no constants"
    );
    let nginx = httpstatus_codes::find(Namespace::Nginx, 499, None).unwrap();
    assert!(nginx.constants().is_empty());
    // Known oddities stay as the frameworks spell them.
    let has = |code: u16, name: &str| for_code(code).iter().any(|c| c.name == name);
    assert!(has(505, "StatusCodes.Status505HttpVersionNotsupported"));
    assert!(has(308, "Response::HTTP_PERMANENTLY_REDIRECT"));
    assert!(has(431, "HttpStatusCode.RequestHeaderFieldTooLarge"));
    assert!(has(422, ":unprocessable_entity") && has(422, ":unprocessable_content"));
    // No framework invents a name where it has none.
    assert!(!for_code(429).iter().any(|c| c.framework().id == "servlet"));
    assert!(!for_code(418).iter().any(|c| c.framework().id == "dotnet"));
}

/// Every `http::StatusCode` associated constant, by name. A name that does not exist fails to
/// compile; the test then matches the data against this list both ways.
macro_rules! rust_consts {
    ($($name:ident),* $(,)?) => {
        [$((stringify!($name), http::StatusCode::$name.as_u16())),*]
    };
}

#[test]
fn rust_http_names_are_the_http_crates_constants() {
    let known = rust_consts!(
        CONTINUE,
        SWITCHING_PROTOCOLS,
        PROCESSING,
        EARLY_HINTS,
        OK,
        CREATED,
        ACCEPTED,
        NON_AUTHORITATIVE_INFORMATION,
        NO_CONTENT,
        RESET_CONTENT,
        PARTIAL_CONTENT,
        MULTI_STATUS,
        ALREADY_REPORTED,
        IM_USED,
        MULTIPLE_CHOICES,
        MOVED_PERMANENTLY,
        FOUND,
        SEE_OTHER,
        NOT_MODIFIED,
        USE_PROXY,
        TEMPORARY_REDIRECT,
        PERMANENT_REDIRECT,
        BAD_REQUEST,
        UNAUTHORIZED,
        PAYMENT_REQUIRED,
        FORBIDDEN,
        NOT_FOUND,
        METHOD_NOT_ALLOWED,
        NOT_ACCEPTABLE,
        PROXY_AUTHENTICATION_REQUIRED,
        REQUEST_TIMEOUT,
        CONFLICT,
        GONE,
        LENGTH_REQUIRED,
        PRECONDITION_FAILED,
        PAYLOAD_TOO_LARGE,
        URI_TOO_LONG,
        UNSUPPORTED_MEDIA_TYPE,
        RANGE_NOT_SATISFIABLE,
        EXPECTATION_FAILED,
        IM_A_TEAPOT,
        MISDIRECTED_REQUEST,
        UNPROCESSABLE_ENTITY,
        LOCKED,
        FAILED_DEPENDENCY,
        TOO_EARLY,
        UPGRADE_REQUIRED,
        PRECONDITION_REQUIRED,
        TOO_MANY_REQUESTS,
        REQUEST_HEADER_FIELDS_TOO_LARGE,
        UNAVAILABLE_FOR_LEGAL_REASONS,
        INTERNAL_SERVER_ERROR,
        NOT_IMPLEMENTED,
        BAD_GATEWAY,
        SERVICE_UNAVAILABLE,
        GATEWAY_TIMEOUT,
        HTTP_VERSION_NOT_SUPPORTED,
        VARIANT_ALSO_NEGOTIATES,
        INSUFFICIENT_STORAGE,
        LOOP_DETECTED,
        NOT_EXTENDED,
        NETWORK_AUTHENTICATION_REQUIRED,
    );
    let listed: BTreeSet<(u16, String)> = names_of("rust-http")
        .into_iter()
        .map(|(code, name)| {
            let bare = name
                .strip_prefix("StatusCode::")
                .expect("StatusCode:: prefix");
            (code, bare.to_string())
        })
        .collect();
    let real: BTreeSet<(u16, String)> = known
        .iter()
        .map(|(name, code)| (*code, (*name).to_string()))
        .collect();
    assert_eq!(listed, real);
}

/// Runs `program args` with `stdin` and gives its stdout, failing the test on a non-zero exit.
fn run(program: &Path, args: &[&str], stdin: &str) -> String {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", program.display()));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{} failed: {}",
        program.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The data as `code name` lines, the framework prefix removed.
fn lines(framework: &str, prefix: &str) -> String {
    names_of(framework)
        .iter()
        .map(|(code, name)| {
            let bare = name.strip_prefix(prefix).unwrap_or_else(|| {
                panic!("{framework}: {name} lacks the prefix {prefix}");
            });
            format!("{code} {bare}\n")
        })
        .collect()
}

#[test]
fn python_httpstatus_names_exist_with_their_numbers() {
    let Some(python) = httpstatus_testkit::program("python3", "python3") else {
        return;
    };
    // Each listed name must exist and carry its number; every member of HTTPStatus with an
    // IANA number must be listed (so nothing is missing either).
    let script = r#"
import sys
from http import HTTPStatus
listed = set()
for line in sys.stdin:
    code, name = line.split()
    member = getattr(HTTPStatus, name, None)
    assert member is not None, f"HTTPStatus.{name} does not exist"
    assert member.value == int(code), f"HTTPStatus.{name} is {member.value}, not {code}"
    listed.add(member.value)
missing = [m.name for m in HTTPStatus if m.value not in listed]
assert not missing, f"not listed: {missing}"
print(sys.version.split()[0], len(listed))
"#;
    let out = run(&python, &["-c", script], &lines("python", "HTTPStatus."));
    assert!(
        out.trim_end()
            .ends_with(&format!(" {}", names_of("python").len())),
        "{out}"
    );
}

#[test]
fn python_requests_names_exist_with_their_numbers() {
    let Some(python) = httpstatus_testkit::program("python3", "python3") else {
        return;
    };
    let has_requests = Command::new(&python)
        .args(["-c", "import requests"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has_requests {
        httpstatus_testkit::unavailable(
            "python3 cannot import requests",
            "pip install requests (or apt-get install python3-requests) to check requests.codes",
        );
        return;
    }
    let script = r#"
import sys
import requests
n = 0
for line in sys.stdin:
    code, name = line.split()
    value = getattr(requests.codes, name, None)
    assert value == int(code), f"requests.codes.{name} is {value}, not {code}"
    n += 1
print(n)
"#;
    let out = run(
        &python,
        &["-c", script],
        &lines("requests", "requests.codes."),
    );
    assert_eq!(out.trim(), names_of("requests").len().to_string());
}

#[test]
fn node_status_codes_give_the_listed_phrases() {
    let Some(node) = httpstatus_testkit::program("node", "nodejs") else {
        return;
    };
    let input: String = names_of("node")
        .iter()
        .map(|(code, phrase)| format!("{code}\t{phrase}\n"))
        .collect();
    // Each listed phrase is what Node maps the number to, and every IANA number Node knows is
    // listed (Node also has 509, which is not an IANA code and has no entry here).
    let script = r#"
const { STATUS_CODES } = require('http');
const input = require('fs').readFileSync(0, 'utf8').trim().split('\n');
const listed = new Set();
for (const line of input) {
  const [code, phrase] = line.split('\t');
  if (STATUS_CODES[code] !== phrase) throw new Error(`${code}: Node says ${STATUS_CODES[code]}, data says ${phrase}`);
  listed.add(code);
}
const missing = Object.keys(STATUS_CODES).filter((c) => !listed.has(c) && c !== '509');
if (missing.length) throw new Error(`not listed: ${missing}`);
console.log(listed.size);
"#;
    let out = run(&node, &["-e", script], &input);
    assert_eq!(out.trim(), names_of("node").len().to_string());
}

#[test]
fn go_net_http_constants_exist_with_their_numbers() {
    let Some(go) = httpstatus_testkit::program("go", "golang-go") else {
        return;
    };
    let names = names_of("go");
    let mut program =
        String::from("package main\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n)\n\nfunc main() {\n");
    for (_, name) in &names {
        // A name that does not exist fails to compile.
        program.push_str(&format!("\tfmt.Println({name})\n"));
    }
    program.push_str("}\n");
    let dir = std::env::temp_dir().join(format!("httpstatus-go-constants-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("main.go");
    std::fs::write(&file, program).unwrap();
    let out = Command::new(&go)
        .arg("run")
        .arg(&file)
        .env("GO111MODULE", "off")
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "")
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "go run failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: Vec<u16> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.parse().unwrap())
        .collect();
    let expected: Vec<u16> = names.iter().map(|(code, _)| *code).collect();
    assert_eq!(printed, expected);
}
