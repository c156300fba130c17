//! Writes a seeded, realistic access log for the benchmark (`bench/logs/run.sh`).
//!
//! `cargo run --release -p httpstatus-logs --example genlog -- combined|short|w3c BYTES SEED > FILE`

#[path = "../tests/support/gen.rs"]
mod gen;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(kind), Some(bytes), seed) = (
        args.first(),
        args.get(1).and_then(|b| b.parse::<u64>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: genlog combined|short|w3c BYTES [SEED] > FILE");
        return ExitCode::from(2);
    };
    let seed = seed.and_then(|s| s.parse().ok()).unwrap_or(42);
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    let result = match kind.as_str() {
        "combined" => gen::combined(&mut out, seed, bytes),
        "short" => gen::combined_short(&mut out, seed, bytes),
        "w3c" => gen::w3c(&mut out, seed, bytes, 100_000, false),
        _ => {
            eprintln!("genlog: unknown kind {kind:?}: use combined, short or w3c");
            return ExitCode::from(2);
        }
    };
    match result.and_then(|lines| out.flush().map(|()| lines)) {
        Ok(lines) => {
            eprintln!("genlog: {lines} lines");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("genlog: {e}");
            ExitCode::FAILURE
        }
    }
}
