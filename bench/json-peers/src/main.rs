//! `json-peers FILE [RUNS]`: checks every line of a JSON-lines file with each JSON parser of the
//! Rust ecosystem that validates a whole document, in memory (the file is read first, the reading
//! is not timed), and prints one tab-separated row a parser: its name, the median milliseconds of
//! `RUNS` passes over all lines, the lines it accepted and the lines there were.
//!
//! Nothing is kept of the values (`IgnoredAny`, or simd-json's tape): this is the floor of any
//! reader that must tell a JSON line from a broken one, before it reads or counts anything. A line
//! behind a container-log prefix (`caddy-1  | {...}`) is timed from its `{`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use serde::de::IgnoredAny;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: json-peers FILE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = match args.get(2).map(|r| r.parse()) {
        None => 7,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!("json-peers: RUNS must be a positive number");
            std::process::exit(2);
        }
    };
    let data = match std::fs::read(path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("json-peers: {path}: {e}");
            std::process::exit(1);
        }
    };
    let lines: Vec<&[u8]> = data
        .split(|b| *b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter(|l| !l.is_empty())
        .map(unprefixed)
        .collect();

    let serde_ignored = |l: &[u8]| serde_json::from_slice::<IgnoredAny>(l).is_ok();
    let serde_value = |l: &[u8]| serde_json::from_slice::<serde_json::Value>(l).is_ok();
    let sonic_ignored = |l: &[u8]| sonic_rs::from_slice::<IgnoredAny>(l).is_ok();
    // simd-json parses in place: the copy of each line into its buffer is part of its cost.
    let mut buf = Vec::new();
    let mut buffers = simd_json::Buffers::default();
    let mut simd_tape = |l: &[u8]| {
        buf.clear();
        buf.extend_from_slice(l);
        simd_json::to_tape_with_buffers(&mut buf, &mut buffers).is_ok()
    };

    row("serde_json IgnoredAny", &lines, runs, serde_ignored);
    row("serde_json Value", &lines, runs, serde_value);
    row("sonic-rs IgnoredAny", &lines, runs, sonic_ignored);
    row("simd-json tape", &lines, runs, &mut simd_tape);
}

/// Times `runs` passes of `check` over `lines`; prints the median and the lines accepted.
fn row(name: &str, lines: &[&[u8]], runs: usize, mut check: impl FnMut(&[u8]) -> bool) {
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut accepted = 0;
    for _ in 0..runs {
        let start = Instant::now();
        accepted = lines.iter().filter(|l| check(black_box(l))).count();
        times.push(start.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "{name}\t{:.1}\t{accepted}\t{}",
        median.as_secs_f64() * 1e3,
        lines.len()
    );
}

/// The JSON object of a line written behind a container-log prefix (`name  | {`).
fn unprefixed(line: &[u8]) -> &[u8] {
    if line.first() == Some(&b'{') {
        return line;
    }
    let head = &line[..line.len().min(128)];
    match head.windows(3).position(|w| w == b"| {") {
        Some(i) => &line[i + 2..],
        None => line,
    }
}
