//! Writes a seeded, realistic access log for the benchmark (`bench/logs/run.sh`).
//!
//! `cargo run --release -p httpstatus-logs --example genlog -- KIND BYTES SEED > FILE`, where KIND
//! is `combined`, `short`, `w3c`, or one of the formats the same request stream is rendered in
//! (`alb`, `elb`, `cloudfront`, `s3`, `haproxy`, `envoy`, `ingress-nginx`, `varnish`, `traefik`,
//! `gclb`, `azure-frontdoor`, `azure-appgw`, `cloudflare`, `caddy-compose`, `nginx-json`).

#[path = "../tests/support/gen.rs"]
mod gen;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

fn kinds() -> String {
    let mut all = vec!["combined", "short", "w3c"];
    all.extend_from_slice(gen::FORMATS);
    all.join("|")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(kind), Some(bytes), seed) = (
        args.first(),
        args.get(1).and_then(|b| b.parse::<u64>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: genlog {} BYTES [SEED] > FILE", kinds());
        return ExitCode::from(2);
    };
    let kind = kind.as_str();
    if !matches!(kind, "combined" | "short" | "w3c") && !gen::FORMATS.contains(&kind) {
        eprintln!("genlog: unknown kind {kind:?}: use one of {}", kinds());
        return ExitCode::from(2);
    }
    let seed = seed.and_then(|s| s.parse().ok()).unwrap_or(42);
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    let result = match kind {
        "combined" => gen::combined(&mut out, seed, bytes),
        "short" => gen::combined_short(&mut out, seed, bytes),
        "w3c" => gen::w3c(&mut out, seed, bytes, 100_000, false),
        other => gen::format(&mut out, other, seed, bytes),
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
