//! Test-only helpers of the httpstatus workspace (a dev-dependency, never published).
//!
//! A few tests drive a program that is not part of the Rust toolchain: headless Chromium, `man`,
//! `curl`, an httpbin peer, Node.js with npm packages (Lighthouse, axe-core). Each such test asks this crate for the program first. When it is
//! there, the test runs in full. When it is missing, the call writes one loud line to stderr,
//! past the test harness's output capture, naming what to install:
//!
//! ```text
//! SKIPPED: chromium not found; apt-get install chromium to run the browser tests (test pages::in_chromium_…)
//! ```
//!
//! and returns `None`, and the test returns early. With `HTTPSTATUS_REQUIRE_TOOLS=1` (CI sets it)
//! the same call panics with the same text instead, so that no check is ever lost silently.
//!
//! ```no_run
//! let Some(curl) = httpstatus_testkit::program("curl", "curl") else {
//!     return; // the SKIPPED line is already printed
//! };
//! ```

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// The environment variable that turns every skip into a failure (`HTTPSTATUS_REQUIRE_TOOLS=1`).
pub const REQUIRE_TOOLS: &str = "HTTPSTATUS_REQUIRE_TOOLS";

/// The environment variable naming the httpbin peer's Python interpreter.
pub const HTTPBIN_PYTHON: &str = "HTTPSTATUS_HTTPBIN_PYTHON";

/// The pinned httpbin peer: the virtualenv `.ci/peers.sh` makes.
pub const HTTPBIN_VERSION: &str = "0.10.4";

/// Whether a missing program fails the test: `HTTPSTATUS_REQUIRE_TOOLS` is set to anything but
/// empty or `0` (CI sets `1`).
pub fn require_tools() -> bool {
    std::env::var_os(REQUIRE_TOOLS).is_some_and(|v| !v.is_empty() && v != "0")
}

/// The program `name` on `PATH`, or `None` after the SKIPPED line that names the Debian
/// `package` to install (a panic with that text under `HTTPSTATUS_REQUIRE_TOOLS=1`).
pub fn program(name: &str, package: &str) -> Option<PathBuf> {
    let found = search_path(name, &std::env::var_os("PATH").unwrap_or_default());
    found.or_else(|| {
        missing(
            &format!("{name} not found on PATH"),
            &format!("apt-get install {package} to run this check"),
            require_tools(),
        )
    })
}

/// Headless Chromium: `$HTTPSTATUS_CHROMIUM` or `$CHROME` when set (a path, or a name looked up
/// on `PATH`), else `chromium` (Debian's `/usr/bin/chromium`) or `chromium-browser` on `PATH`;
/// or `None` after the SKIPPED line (a panic under `HTTPSTATUS_REQUIRE_TOOLS=1`).
///
/// Only `PATH` is searched, never a fixed path, so that a run with Chromium hidden from `PATH`
/// (as CI does to prove the skips) behaves like a machine without it.
pub fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let hint = "apt-get install chromium to run the browser tests";
    for var in ["HTTPSTATUS_CHROMIUM", "CHROME"] {
        if let Some(value) = std::env::var_os(var).filter(|v| !v.is_empty()) {
            return resolve(&value, &path).or_else(|| {
                missing(
                    &format!("chromium not found: {var}={}", Path::new(&value).display()),
                    hint,
                    require_tools(),
                )
            });
        }
    }
    search_path("chromium", &path)
        .or_else(|| search_path("chromium-browser", &path))
        .or_else(|| missing("chromium not found", hint, require_tools()))
}

/// The Python interpreter of a virtualenv with `httpbin==0.10.4` and `gunicorn` installed (for
/// differential tests against httpbin): `$HTTPSTATUS_HTTPBIN_PYTHON`, else
/// `<workspace>/target/peers/httpbin/bin/python` (what `bash .ci/peers.sh` makes); or `None` after
/// the SKIPPED line (a panic under `HTTPSTATUS_REQUIRE_TOOLS=1`). The interpreter is asked for
/// the installed versions, so a half-made virtualenv counts as missing, with the reason.
pub fn httpbin_python() -> Option<PathBuf> {
    let hint = "bash .ci/peers.sh to run the httpbin comparisons";
    let path = std::env::var_os("PATH").unwrap_or_default();
    let (python, origin) = match std::env::var_os(HTTPBIN_PYTHON).filter(|v| !v.is_empty()) {
        Some(value) => {
            let shown = format!("{HTTPBIN_PYTHON}={}", Path::new(&value).display());
            (
                resolve(&value, &path).unwrap_or_else(|| value.into()),
                shown,
            )
        }
        None => {
            let venv = workspace_root().join("target/peers/httpbin/bin/python");
            let shown = venv.display().to_string();
            (venv, shown)
        }
    };
    match httpbin_problem(&python) {
        None => Some(python),
        Some(problem) => missing(
            &format!("httpbin peer not found: {origin} {problem}"),
            hint,
            require_tools(),
        ),
    }
}

/// The npm package `name` as `npm ci --prefix <dir>` installs it: `<dir>/node_modules/<name>`,
/// at the exact version `<dir>/package.json` pins; or `None` after the SKIPPED line naming that
/// `npm ci` command (a panic under `HTTPSTATUS_REQUIRE_TOOLS=1`). An installed version other
/// than the pinned one (a stale `node_modules` after a bump) counts as missing, with the reason.
pub fn npm_package(dir: &Path, name: &str) -> Option<PathBuf> {
    match npm_problem(dir, name) {
        None => Some(dir.join("node_modules").join(name)),
        Some(problem) => {
            let shown = dir.strip_prefix(workspace_root()).unwrap_or(dir);
            missing(
                &format!("npm package {name} {problem}"),
                &format!("npm ci --prefix {} to run this check", shown.display()),
                require_tools(),
            )
        }
    }
}

/// Something a test needs that is not a program on `PATH` (a Python module, say) is missing:
/// the SKIPPED line naming `hint`, or a panic under `HTTPSTATUS_REQUIRE_TOOLS=1`. The caller
/// returns early after it.
pub fn unavailable(what: &str, hint: &str) {
    missing(what, hint, require_tools());
}

/// The workspace's root directory (this crate is `<root>/crates/testkit`).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .map_or_else(|| manifest.join("../.."), Path::to_path_buf)
}

/// Why `python` is not a usable httpbin peer, or `None` when it is.
fn httpbin_problem(python: &Path) -> Option<String> {
    if !is_executable(python) {
        return Some("does not exist".to_string());
    }
    let script = "import importlib.metadata as m\n\
                  for p in ('httpbin', 'gunicorn'):\n    \
                      try: print(p, m.version(p))\n    \
                      except m.PackageNotFoundError: print(p, 'missing')";
    let out = match std::process::Command::new(python)
        .args(["-c", script])
        .output()
    {
        Ok(out) if out.status.success() => out,
        Ok(out) => {
            return Some(format!(
                "failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ))
        }
        Err(e) => return Some(format!("cannot run: {e}")),
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let version = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
            .unwrap_or("missing")
            .trim()
            .to_string()
    };
    let (httpbin, gunicorn) = (version("httpbin"), version("gunicorn"));
    if httpbin == "missing" {
        Some("has no httpbin".to_string())
    } else if httpbin != HTTPBIN_VERSION {
        Some(format!("has httpbin {httpbin}, not {HTTPBIN_VERSION}"))
    } else if gunicorn == "missing" {
        Some("has no gunicorn".to_string())
    } else {
        None
    }
}

/// Why `<dir>/node_modules/<name>` is not the package `<dir>/package.json` pins, or `None`.
fn npm_problem(dir: &Path, name: &str) -> Option<String> {
    let read = |file: &Path| -> Result<serde_json::Value, String> {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))
    };
    let manifest = dir.join("package.json");
    let pinned = match read(&manifest) {
        Ok(v) => match v["dependencies"][name].as_str() {
            Some(pin) => pin.to_string(),
            None => return Some(format!("is not pinned in {}", manifest.display())),
        },
        Err(e) => return Some(format!("has no manifest: {e}")),
    };
    let installed = dir.join("node_modules").join(name).join("package.json");
    match read(&installed) {
        Err(_) => Some(format!(
            "is not installed in {}",
            dir.join("node_modules").display()
        )),
        Ok(v) => match v["version"].as_str() {
            Some(version) if version == pinned => None,
            Some(version) => Some(format!(
                "{version} is installed, package.json pins {pinned}"
            )),
            None => Some(format!("has no version in {}", installed.display())),
        },
    }
}

/// A value that is a path (has a separator) as it is, else a name looked up on `path`.
fn resolve(value: &OsStr, path: &OsStr) -> Option<PathBuf> {
    let p = Path::new(value);
    if p.components().count() > 1 || p.is_absolute() {
        is_executable(p).then(|| p.to_path_buf())
    } else {
        search_path(&value.to_string_lossy(), path)
    }
}

/// The first executable file called `name` in the directories of `path` (a `PATH` value).
fn search_path(name: &str, path: &OsStr) -> Option<PathBuf> {
    let file: OsString = format!("{name}{}", std::env::consts::EXE_SUFFIX).into();
    std::env::split_paths(path)
        .filter(|dir| !dir.as_os_str().is_empty())
        .map(|dir| dir.join(&file))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// The SKIPPED line for `what` with its install `hint`, naming the running test.
fn skip_line(what: &str, hint: &str) -> String {
    let thread = std::thread::current();
    match thread.name() {
        Some(test) if test != "main" => format!("SKIPPED: {what}; {hint} (test {test})"),
        _ => format!("SKIPPED: {what}; {hint}"),
    }
}

/// A missing program: panics under `strict`, else prints the SKIPPED line and gives `None`.
fn missing(what: &str, hint: &str, strict: bool) -> Option<PathBuf> {
    // Straight to the process's stderr: the test harness captures `eprintln!` of passing tests,
    // and this line must be seen.
    report(
        &skip_line(what, hint),
        strict,
        &mut std::io::stderr().lock(),
    );
    None
}

/// Panics with `line` under `strict`, else writes it to `out` on a line of its own (the
/// harness may be halfway through a `test … ok` line of another test).
fn report(line: &str, strict: bool, out: &mut dyn std::io::Write) {
    assert!(
        !strict,
        "{line}\n{REQUIRE_TOOLS}=1 turns this skip into a failure: install it, or unset {REQUIRE_TOOLS}"
    );
    let _ = write!(out, "\n{line}\n");
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_sh_on_path_and_not_a_made_up_name() {
        let path = std::env::var_os("PATH").unwrap_or_default();
        assert!(search_path("sh", &path).is_some(), "sh is on every PATH");
        assert_eq!(search_path("httpstatus-no-such-program", &path), None);
        assert_eq!(search_path("sh", OsStr::new("")), None);
    }

    #[test]
    fn resolve_takes_paths_as_they_are_and_names_from_path() {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let sh = search_path("sh", &path);
        assert!(sh.is_some());
        assert_eq!(resolve(OsStr::new("sh"), &path), sh);
        let abs = sh.unwrap_or_default();
        assert_eq!(resolve(abs.as_os_str(), OsStr::new("")), Some(abs.clone()));
        assert_eq!(resolve(OsStr::new("/nonexistent/chromium"), &path), None);
        // A directory is not a program.
        assert_eq!(resolve(OsStr::new("/"), &path), None);
    }

    #[test]
    fn a_skip_names_the_test_and_returns_none() {
        let line = skip_line(
            "curl not found on PATH",
            "apt-get install curl to run this check",
        );
        assert!(line.starts_with("SKIPPED: curl not found on PATH; apt-get install curl"));
        assert!(
            line.contains("a_skip_names_the_test_and_returns_none"),
            "{line}"
        );
        let mut out = Vec::new();
        report(&line, false, &mut out);
        assert_eq!(String::from_utf8_lossy(&out), format!("\n{line}\n"));
    }

    #[test]
    #[should_panic(expected = "SKIPPED: x not found; apt-get install x")]
    fn strict_turns_a_skip_into_a_failure() {
        report(
            &skip_line("x not found", "apt-get install x"),
            true,
            &mut Vec::new(),
        );
    }

    #[test]
    fn a_missing_interpreter_is_no_httpbin_peer() {
        let problem = httpbin_problem(Path::new("/nonexistent/bin/python"));
        assert_eq!(problem.as_deref(), Some("does not exist"));
    }

    #[test]
    fn an_npm_package_is_there_only_at_the_pinned_version() {
        let dir =
            std::env::temp_dir().join(format!("httpstatus-testkit-npm-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("node_modules/tool")).unwrap();
        let problem = npm_problem(&dir, "tool").unwrap_or_default();
        assert!(problem.starts_with("has no manifest"), "{problem}");
        std::fs::write(
            dir.join("package.json"),
            r#"{"dependencies":{"tool":"1.2.3"}}"#,
        )
        .unwrap();
        let problem = npm_problem(&dir, "other").unwrap_or_default();
        assert!(problem.starts_with("is not pinned in"), "{problem}");
        let problem = npm_problem(&dir, "tool").unwrap_or_default();
        assert!(problem.starts_with("is not installed in"), "{problem}");
        let installed = dir.join("node_modules/tool/package.json");
        std::fs::write(&installed, r#"{"name":"tool","version":"1.2.2"}"#).unwrap();
        assert_eq!(
            npm_problem(&dir, "tool").as_deref(),
            Some("1.2.2 is installed, package.json pins 1.2.3")
        );
        std::fs::write(&installed, r#"{"name":"tool","version":"1.2.3"}"#).unwrap();
        assert_eq!(npm_problem(&dir, "tool"), None);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_workspace_root_is_the_one_with_the_ci_script() {
        let root = workspace_root();
        assert!(root.join(".ci/run").is_file(), "{}", root.display());
        assert!(!root.to_string_lossy().contains(".."), "{}", root.display());
    }
}
