//! Test helpers shared by the workspace's tests.
//!
//! A minimal stand-in: only [`program`], with the signature the real crate will have.

use std::path::PathBuf;

/// Finds the external program `name` on `PATH` (the Debian package `package` provides it).
///
/// Returns `None` after printing a loud `SKIPPED` line on stderr when it is missing, so the
/// calling test can return early; panics instead when `HTTPSTATUS_REQUIRE_TOOLS=1`, so that CI
/// cannot pass by skipping.
pub fn program(name: &str, package: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|path| is_executable(path))
    });
    if found.is_none() {
        let message = format!(
            "{name} not found on PATH (Debian package {package}: apt-get install -y {package})"
        );
        if std::env::var("HTTPSTATUS_REQUIRE_TOOLS").is_ok_and(|v| v == "1") {
            panic!("HTTPSTATUS_REQUIRE_TOOLS=1 and {message}");
        }
        eprintln!("SKIPPED: {message}; this test did not run");
    }
    found
}

#[cfg(unix)]
fn is_executable(path: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &std::path::Path) -> bool {
    path.is_file()
}
