//! The generator's formats (`support/gen.rs`, `gen::format`): one request stream rendered as
//! ALB, CloudFront, HAProxy, Traefik ... lines. Each kind must be detected as its format, read
//! without a malformed line, and give per status exactly the counts the generator wrote.

#[path = "support/gen.rs"]
mod gen;

use std::collections::BTreeMap;

use httpstatus_logs::{Analyzer, Format, Options, Report, ReportOptions};

/// About 200 KB of each kind.
const BYTES: u64 = 200_000;
const SEED: u64 = 42;

fn expected_format(kind: &str) -> Format {
    match kind {
        "alb" => Format::Alb,
        "elb" => Format::Elb,
        "cloudfront" => Format::CloudFront,
        "s3" => Format::S3,
        "haproxy" => Format::Haproxy,
        "envoy" => Format::Envoy,
        "ingress-nginx" => Format::IngressNginx,
        // varnishncsa writes NCSA combined.
        "varnish" => Format::Ncsa,
        "traefik" | "gclb" | "azure-frontdoor" | "azure-appgw" | "cloudflare" | "caddy-compose"
        | "nginx-json" => Format::Json,
        other => panic!("no expected format for {other}"),
    }
}

/// The log, its number of data lines, and the statuses the generator wrote.
fn generate(kind: &str, seed: u64, bytes: u64) -> (Vec<u8>, u64, BTreeMap<u16, u64>) {
    let mut out = Vec::new();
    let mut tally = BTreeMap::new();
    let lines = gen::format_tally(&mut out, kind, seed, bytes, &mut tally)
        .unwrap_or_else(|e| panic!("{kind}: {e}"));
    (out, lines, tally)
}

fn analyze(bytes: &[u8]) -> Report {
    let options = Options::default();
    let mut a = Analyzer::new(&options);
    a.add_reader("input", bytes);
    Report::build(&a.finish(), &ReportOptions::default())
}

/// `code → count` as the report shows it.
fn codes(r: &Report) -> BTreeMap<String, u64> {
    r.codes.iter().map(|c| (c.code.clone(), c.count)).collect()
}

fn as_codes(tally: &BTreeMap<u16, u64>) -> BTreeMap<String, u64> {
    tally.iter().map(|(s, n)| (format!("{s:03}"), *n)).collect()
}

fn errors(tally: &BTreeMap<u16, u64>) -> u64 {
    tally
        .iter()
        .filter(|(s, _)| **s >= 400)
        .map(|(_, n)| n)
        .sum()
}

#[test]
fn every_kind_is_read_as_its_format_with_the_generated_counts() {
    for kind in gen::FORMATS {
        let (log, lines, tally) = generate(kind, SEED, BYTES);
        assert!(log.len() as u64 >= BYTES, "{kind}");
        assert_eq!(tally.values().sum::<u64>(), lines, "{kind}");
        // The stream's mix: about one request in ten an error (a few hundred lines of the
        // longest kinds: not every rare status is in them).
        let share = errors(&tally) as f64 / lines as f64;
        assert!((0.05..0.15).contains(&share), "{kind}: {share}");
        assert!(tally.len() >= 8, "{kind}: {tally:?}");

        let r = analyze(&log);
        let format = expected_format(kind);
        assert_eq!(r.inputs[0].format, Some(format), "{kind}: {:?}", r.inputs);
        assert_eq!(
            r.formats.keys().copied().collect::<Vec<_>>(),
            vec![format],
            "{kind}"
        );
        assert_eq!(r.malformed, 0, "{kind}: {:?}", r.malformed_examples);
        assert_eq!(r.records, lines, "{kind}");
        assert_eq!(r.untimed, 0, "{kind}: lines without a readable time");
        assert_eq!(r.lumped, 0, "{kind}");
        assert_eq!(codes(&r), as_codes(&tally), "{kind}");
        // Only CloudFront writes directives (its two header lines, once).
        let directives = if *kind == "cloudfront" { 2 } else { 0 };
        assert_eq!(r.directives, directives, "{kind}");
        assert_eq!(r.lines, lines + directives, "{kind}");
    }
}

#[test]
fn every_kind_carries_the_same_request_stream() {
    // The same seed gives the same statuses in the same order whatever the format: the counts of
    // the first N lines agree (ALB writes a client that gave up as its own 460, not 499).
    let n = 300;
    let first = |kind: &str| -> BTreeMap<u16, u64> {
        let (log, _, _) = generate(kind, SEED, 400_000);
        let mut t = BTreeMap::new();
        let mut seen = 0;
        let mut rest: &[u8] = &log;
        while seen < n {
            let end = rest.iter().position(|c| *c == b'\n').unwrap_or(rest.len());
            let line = &rest[..end];
            rest = &rest[(end + 1).min(rest.len())..];
            if line.first() == Some(&b'#') {
                continue;
            }
            let r = analyze(line);
            assert_eq!(r.records, 1, "{kind}: {}", String::from_utf8_lossy(line));
            let status = r.codes[0].status;
            *t.entry(if status == 460 { 499 } else { status })
                .or_default() += 1;
            seen += 1;
        }
        t
    };
    let reference = first("varnish");
    // The same requests as `combined` writes for the seed.
    let mut combined = Vec::new();
    gen::combined(&mut combined, SEED, 100_000).unwrap_or_default();
    let mut t = BTreeMap::new();
    for line in combined.split(|c| *c == b'\n').take(n) {
        let r = analyze(line);
        *t.entry(r.codes[0].status).or_default() += 1;
    }
    assert_eq!(t, reference, "combined");
    for kind in [
        "alb",
        "cloudfront",
        "haproxy",
        "envoy",
        "gclb",
        "caddy-compose",
    ] {
        assert_eq!(first(kind), reference, "{kind}");
    }
}

#[test]
fn the_checks_can_fail() {
    // One status changed in a generated ALB log: the counts no longer match the tally.
    let (log, lines, tally) = generate("alb", SEED, BYTES);
    let text = String::from_utf8_lossy(&log).into_owned();
    let changed = text.replacen(" 200 200 ", " 201 200 ", 1);
    assert_ne!(changed, text);
    let r = analyze(changed.as_bytes());
    assert_eq!(r.records, lines);
    assert_ne!(codes(&r), as_codes(&tally));
    // One line cut in two: both halves malformed.
    let cut = text.replacen(" app/my-alb/", "\n", 1);
    let r = analyze(cut.as_bytes());
    assert_eq!((r.malformed, r.records), (2, lines - 1));
}

#[test]
fn seeded_and_unknown_kinds() {
    let (a, _, _) = generate("haproxy", 7, 50_000);
    let (b, _, _) = generate("haproxy", 7, 50_000);
    let (c, _, _) = generate("haproxy", 8, 50_000);
    assert_eq!(a, b);
    assert_ne!(a, c);
    let e = gen::format(&mut Vec::new(), "nope", 1, 10).map_err(|e| e.kind());
    assert_eq!(e, Err(std::io::ErrorKind::InvalidInput));
}
