//! Exit codes, in one place. Documented in `--help` and the README.

/// Everything asked for was found.
pub const FOUND: u8 = 0;
/// Nothing (or not everything) was found.
pub const NOT_FOUND: u8 = 1;
/// Bad usage: unknown option, malformed code, unreadable argument.
pub const USAGE: u8 = 2;
/// An I/O or internal failure that is not the user's doing.
pub const FAILURE: u8 = 3;

/// Whether the error is a closed stdout (`httpstatus list | head`), which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
