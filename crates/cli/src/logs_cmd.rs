//! `httpstatus logs`: read access logs, count and explain their status codes. The flags are
//! turned into the library's `Options` here; the reading, counting and rendering live in
//! `httpstatus-logs`.

use std::ffi::OsString;
use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use httpstatus_logs::render::{self, TextOptions};
use httpstatus_logs::{
    expand, parse_time_arg, Analysis, Analyzer, Filters, Format, JsonFields, Options, Progress,
    Report, ReportOptions, Source, StatusFilter, TimeBound,
};

use crate::config::{self, Output};
use crate::exit;

/// Inputs larger than this (in total) get a progress bar, when stderr is a terminal.
const PROGRESS_MIN_BYTES: u64 = 64 << 20;

pub const AFTER_HELP: &str = "\
Formats (detected from each input's content; --format to force one):
  w3c         IIS W3C extended (every #Fields directive honoured), also HTTPERR and IIS FTP logs,
              Oracle Web Cache and IIS Advanced Logging
  iis-native  IIS native comma-separated logs
  ncsa        NCSA common/combined (nginx, Apache, varnishncsa), with vhost prefix and trailing fields
  json        JSON lines (keys set with --json-*-field); Traefik, Google Cloud LB, Azure Front Door
              and Application Gateway, Cloudflare Logpush and Caddy keys are known, also behind a
              container-log prefix (caddy  | {...})
  alb, elb    AWS Application / Classic load balancer; nlb: AWS NLB TLS logs (connections, not HTTP)
  cloudfront  Amazon CloudFront standard logs; s3: Amazon S3 server access logs
  haproxy     HAProxy HTTP logs (option httplog), with or without a syslog prefix
  envoy       Envoy's default access log; ingress-nginx: Kubernetes ingress-nginx
Causes the logs give (ALB error_reason, CloudFront result type, HAProxy termination state, Envoy
response flags, upstream status ...) are grouped by code and explained.
UTF-8 with a byte-order mark and UTF-16 (LE/BE, with a byte-order mark) are read too.
Inputs may be plain, gzip or zstd (found from their first bytes).

Across machines: --partial FILE writes a mergeable partial report (versioned JSON) instead of a
report; `httpstatus logs merge PARTIAL...` renders any output from many partials.

Examples:
  httpstatus logs access.log                       terminal report
  httpstatus logs 'u_ex*.log.gz' --status 4xx,5xx  IIS logs, errors only
  zcat access.log.gz | httpstatus logs -           stdin
  httpstatus logs access.log --html -o report.html self-contained HTML with charts
  httpstatus logs access.log --json | jq '.codes[] | {status, sub, count}'
  httpstatus logs web1.log --partial web1.partial  on each machine, then:
  httpstatus logs merge web*.partial --html -o report.html

Exit status:
  0  every input read and at least one request counted
  1  nothing counted: empty inputs, every line malformed, or every request filtered out
  2  usage error: bad option or value
  3  an input could not be read (missing, a directory, binary, truncated); the rest are counted
With --partial, 1 is never used: a shard with nothing to count still writes a good partial.";

/// Options of `httpstatus logs`.
#[derive(Debug, Args)]
pub struct LogsArgs {
    #[command(subcommand)]
    pub command: Option<LogsCommand>,

    /// Log files, globs (quote them: 'logs/*.log.gz') or - for stdin [default: stdin when it is not a terminal].
    #[arg(value_name = "FILE|GLOB|-")]
    pub inputs: Vec<OsString>,

    /// The log format: w3c (iis), iis-native, ncsa (combined, nginx, apache, varnish), json, alb, elb, nlb, cloudfront, s3, haproxy, envoy, ingress-nginx [default: detected]. Forced: no other format is tried.
    #[arg(long, short = 'f', value_name = "FORMAT")]
    pub format: Option<String>,

    /// Print CSV: one row per status, IIS sub-status and Win32 status.
    #[arg(long, conflicts_with = "html")]
    pub csv: bool,

    /// Print a self-contained HTML report with charts.
    #[arg(long)]
    pub html: bool,

    /// Write the report to FILE (atomically: a temporary file renamed) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Only these statuses, comma-separated: 404, 5xx, 50x, 500-504, 401.2 (IIS sub-status).
    #[arg(long, short = 's', value_name = "LIST")]
    pub status: Option<String>,

    /// Only requests at or after TIME: 2024-03-01, 2024-03-01T12:00:00Z, @UNIX, or 30m, 12h, 7d ago.
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,

    /// Only requests before TIME (same forms as --since).
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,

    /// Only requests whose path starts with PREFIX (repeat for several).
    #[arg(long = "path", value_name = "PREFIX")]
    pub paths: Vec<String>,

    /// Top paths and clients per error code.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,

    /// Timeline bucket width: 1m, 5m, 15m, 1h, 3h, 6h, 1d, 1w [default: about 60 buckets].
    #[arg(long, value_name = "WIDTH")]
    pub bucket: Option<String>,

    /// JSON lines: the key of the status (a.b for nested keys) [default: status, status_code, ...].
    #[arg(long, value_name = "KEY")]
    pub json_status_field: Option<String>,

    /// JSON lines: the key of the request path or URI [default: path, uri, request_uri, request, ...].
    #[arg(long, value_name = "KEY")]
    pub json_path_field: Option<String>,

    /// JSON lines: the key of the time (default: time, timestamp, @timestamp, ts, ...).
    #[arg(long, value_name = "KEY")]
    pub json_time_field: Option<String>,

    /// JSON lines: the key of the client address [default: client, remote_addr, client_ip, ...].
    #[arg(long, value_name = "KEY")]
    pub json_client_field: Option<String>,

    /// Worker threads [default: one per core; RAYON_NUM_THREADS also works].
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,

    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,

    /// Write a mergeable partial report to FILE (- for stdout) instead of a report; see `logs merge`.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["csv", "html", "output"])]
    pub partial: Option<PathBuf>,
}

/// Subcommands of `httpstatus logs`.
#[derive(Debug, Subcommand)]
pub enum LogsCommand {
    /// Merge partial reports (from `logs --partial`) into one report, in any output.
    #[command(after_help = MERGE_AFTER_HELP)]
    Merge(MergeArgs),
}

const MERGE_AFTER_HELP: &str = "\
A partial file may hold several partial reports, one per line (cat a.partial b.partial works), and
may be gzip or zstd compressed. Partials made with different filters are refused.

Examples:
  httpstatus logs merge web1.partial web2.partial
  httpstatus logs merge 'shards/*.partial' --json
  cat shards/*.partial | httpstatus logs merge - --partial all.partial

Exit status:
  0  every partial read and at least one request counted
  1  nothing counted
  2  usage error
  3  a partial could not be read (missing, not a partial, another version, other filters), or a
     partial records an input that could not be read; the rest are merged";

/// Options of `httpstatus logs merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Partial report files or globs (quote them), or - for stdin.
    #[arg(value_name = "PARTIAL", required = true)]
    pub partials: Vec<OsString>,

    /// Print CSV: one row per status, IIS sub-status and Win32 status.
    #[arg(long, conflicts_with = "html")]
    pub csv: bool,

    /// Print a self-contained HTML report with charts.
    #[arg(long)]
    pub html: bool,

    /// Write the report to FILE (atomically: a temporary file renamed) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Top paths and clients per error code.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,

    /// Timeline bucket width: 1m, 5m, 15m, 1h, 3h, 6h, 1d, 1w [default: about 60 buckets].
    #[arg(long, value_name = "WIDTH")]
    pub bucket: Option<String>,

    /// Write the merged partial report to FILE (- for stdout) instead of a report.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["csv", "html", "output"])]
    pub partial: Option<PathBuf>,
}

/// How to write what was counted: shared by `logs` and `logs merge`.
struct Emit<'a> {
    csv: bool,
    html: bool,
    output: Option<&'a Path>,
    top: usize,
    bucket: Option<&'a str>,
    partial: Option<&'a Path>,
}

/// A usage error: printed on stderr, exit 2.
fn usage(msg: &str) -> u8 {
    eprintln!("httpstatus: {msg}");
    exit::USAGE
}

pub fn run(args: LogsArgs, o: &Output) -> Result<u8> {
    if let Some(LogsCommand::Merge(m)) = &args.command {
        return merge(m, o);
    }
    let emit = Emit {
        csv: args.csv,
        html: args.html,
        output: args.output.as_deref(),
        top: args.top,
        bucket: args.bucket.as_deref(),
        partial: args.partial.as_deref(),
    };
    if let Some(code) = check_emit(&emit, o) {
        return Ok(code);
    }
    let options = match options(&args) {
        Ok(options) => options,
        Err(msg) => return Ok(usage(&msg)),
    };
    if let Some(n) = args.threads {
        if n == 0 {
            return Ok(usage("--threads must be at least 1"));
        }
        // The global pool can be set once; a second call in the same process keeps the first.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    let inputs = if args.inputs.is_empty() {
        if io::stdin().is_terminal() {
            return Ok(usage(
                "give log files or globs to read, or pipe a log into stdin (httpstatus logs --help)",
            ));
        }
        vec![OsString::from("-")]
    } else {
        args.inputs.clone()
    };

    let (sources, errors) = expand(&inputs);
    let total: u64 = sources
        .iter()
        .filter_map(|s| match s {
            Source::Path(p) => fs::metadata(p).ok().map(|m| m.len()),
            Source::Stdin => None,
        })
        .sum();
    let bar = (!args.no_progress && io::stderr().is_terminal() && total >= PROGRESS_MIN_BYTES)
        .then(|| Bar::new(total));
    let mut analyzer = Analyzer::new(&options);
    if let Some(bar) = &bar {
        analyzer = analyzer.with_progress(bar);
    }
    for e in errors {
        analyzer.add_error(e);
    }
    for source in &sources {
        analyzer.add_source(source);
    }
    let analysis = analyzer.finish();
    if let Some(bar) = &bar {
        bar.bar.finish_and_clear();
    }
    for e in &analysis.errors {
        eprintln!("httpstatus: {}: {}", e.input, e.message);
    }
    // Inputs of which nothing could be read: what was tried and what helps, one line each.
    for i in &analysis.inputs {
        if let Some(hint) = &i.hint {
            eprintln!("httpstatus: {}: {hint}", i.name);
        }
    }
    emit_analysis(&analysis, &emit, o)
}

/// Checks the output options before any reading; a usage error's exit code.
fn check_emit(emit: &Emit<'_>, o: &Output) -> Option<u8> {
    let json = o.format == config::Format::Json;
    if json && (emit.csv || emit.html) {
        return Some(usage(
            "--json, --csv and --html are alternatives: choose one",
        ));
    }
    if json && emit.partial.is_some() {
        return Some(usage(
            "--partial writes a partial report, not a report: drop --json",
        ));
    }
    if let Some(Err(msg)) = emit.bucket.map(parse_width) {
        return Some(usage(&msg));
    }
    None
}

/// `httpstatus logs merge`: partial reports in, one report (or one partial) out.
fn merge(args: &MergeArgs, o: &Output) -> Result<u8> {
    let emit = Emit {
        csv: args.csv,
        html: args.html,
        output: args.output.as_deref(),
        top: args.top,
        bucket: args.bucket.as_deref(),
        partial: args.partial.as_deref(),
    };
    if let Some(code) = check_emit(&emit, o) {
        return Ok(code);
    }
    let (sources, errors) = expand(&args.partials);
    let mut failed = false;
    for e in errors {
        eprintln!("httpstatus: {}: {}", e.input, e.message);
        failed = true;
    }
    let mut merged: Option<Analysis> = None;
    for source in &sources {
        let name = source.name();
        let parts = match source {
            Source::Stdin => Analysis::read_partials(io::stdin()),
            Source::Path(p) => match fs::File::open(p) {
                Ok(f) => Analysis::read_partials(f),
                Err(e) => vec![Err(read_error(&e))],
            },
        };
        let several = parts.len() > 1;
        for (i, part) in parts.into_iter().enumerate() {
            let at = if several {
                format!("{name} (partial {})", i + 1)
            } else {
                name.clone()
            };
            let result = part.and_then(|a| match &mut merged {
                None => {
                    merged = Some(a);
                    Ok(())
                }
                Some(m) => m.merge(a),
            });
            if let Err(msg) = result {
                eprintln!("httpstatus: {at}: {msg}");
                failed = true;
            }
        }
    }
    let analysis = merged.unwrap_or_default();
    for e in &analysis.errors {
        eprintln!("httpstatus: {}: {}", e.input, e.message);
    }
    let code = emit_analysis(&analysis, &emit, o)?;
    Ok(if failed { exit::FAILURE } else { code })
}

fn read_error(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Writes the report (or the partial report) of an analysis; the exit code.
fn emit_analysis(analysis: &Analysis, emit: &Emit<'_>, o: &Output) -> Result<u8> {
    let bucket = match emit.bucket.map(parse_width).transpose() {
        Ok(b) => b,
        Err(msg) => return Ok(usage(&msg)),
    };
    if let Some(path) = emit.partial {
        if path == Path::new("-") {
            let mut out = BufWriter::new(io::stdout().lock());
            analysis.write_partial(&mut out)?;
            out.flush()?;
        } else {
            write_atomically(path, |w| analysis.write_partial(w))?;
        }
        // A partial of a shard with nothing to count is still a good partial: whether anything
        // was counted at all is for the merge to say.
        return Ok(if analysis.errors.is_empty() {
            exit::FOUND
        } else {
            exit::FAILURE
        });
    }
    let json = o.format == config::Format::Json;
    let report = Report::build(
        analysis,
        &ReportOptions {
            lang: o.lang,
            top: emit.top,
            bucket,
        },
    );

    let kind = if json {
        Kind::Json
    } else if emit.csv {
        Kind::Csv
    } else if emit.html {
        Kind::Html
    } else {
        Kind::Text
    };
    let text = TextOptions {
        width: o.width,
        color: emit.output.is_none(),
        brief: o.format == config::Format::Brief,
    };
    match emit.output {
        Some(path) => write_atomically(path, |w| render_to(&report, kind, &text, w))?,
        None if kind == Kind::Text => {
            let mut out = BufWriter::new(anstream::stdout().lock());
            render_to(&report, kind, &text, &mut out)?;
            out.flush()?;
        }
        None => {
            let mut out = BufWriter::new(io::stdout().lock());
            render_to(&report, kind, &text, &mut out)?;
            out.flush()?;
        }
    }
    Ok(exit_code(analysis))
}

fn exit_code(analysis: &Analysis) -> u8 {
    if !analysis.errors.is_empty() {
        exit::FAILURE
    } else if analysis.counted() == 0 {
        exit::NOT_FOUND
    } else {
        exit::FOUND
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Json,
    Csv,
    Html,
}

fn render_to(report: &Report, kind: Kind, text: &TextOptions, w: &mut dyn Write) -> io::Result<()> {
    match kind {
        Kind::Text => render::text(report, w, text),
        Kind::Json => render::json(report, w),
        Kind::Csv => render::csv(report, w),
        Kind::Html => render::html(report, w),
    }
}

/// The validated library options.
fn options(args: &LogsArgs) -> Result<Options, String> {
    let format = match args.format.as_deref() {
        None | Some("auto") => None,
        Some(f) => Some(Format::from_token(f).ok_or_else(|| {
            format!("unknown format {f:?}: use auto, w3c (iis), iis-native, ncsa (combined, common), json, alb, elb, nlb, cloudfront, s3, haproxy, envoy or ingress-nginx")
        })?),
    };
    let status = args
        .status
        .as_deref()
        .map(|s| {
            s.parse::<StatusFilter>()
                .map_err(|e| format!("--status: {e}"))
        })
        .transpose()?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    let bound = |flag: &str, v: &Option<String>| -> Result<Option<TimeBound>, String> {
        v.as_deref()
            .map(|t| {
                parse_time_arg(t, now)
                    .map(|at| TimeBound {
                        at,
                        text: t.to_string(),
                    })
                    .map_err(|e| format!("{flag}: {e}"))
            })
            .transpose()
    };
    let since = bound("--since", &args.since)?;
    let until = bound("--until", &args.until)?;
    if let (Some(s), Some(u)) = (&since, &until) {
        if s.at >= u.at {
            return Err(format!(
                "--since {:?} is not before --until {:?}",
                s.text, u.text
            ));
        }
    }
    let mut json = JsonFields::default();
    for (flag, slot) in [
        (&args.json_status_field, &mut json.status),
        (&args.json_path_field, &mut json.path),
        (&args.json_time_field, &mut json.time),
        (&args.json_client_field, &mut json.client),
    ] {
        if let Some(key) = flag {
            if key.trim().is_empty() {
                return Err("--json-*-field: the key must not be empty".to_string());
            }
            *slot = vec![key.clone()];
        }
    }
    Ok(Options {
        format,
        filters: Filters {
            status,
            since,
            until,
            paths: args.paths.clone(),
        },
        json,
    })
}

/// `1m`, `15m`, `1h`, `1d`, `1w`, or seconds: the timeline bucket width.
fn parse_width(s: &str) -> Result<i64, String> {
    let s = s.trim();
    let (num, mult) = match s.char_indices().last() {
        Some((i, 's')) => (&s[..i], 1),
        Some((i, 'm')) => (&s[..i], 60),
        Some((i, 'h')) => (&s[..i], 3600),
        Some((i, 'd')) => (&s[..i], 86_400),
        Some((i, 'w')) => (&s[..i], 604_800),
        _ => (s, 1),
    };
    num.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("--bucket {s:?}: use a width such as 1m, 15m, 1h, 1d or 1w"))
}

/// Writes a file through a temporary file in the same directory, renamed into place at the end, so
/// a reader never sees half a report and a failed run leaves the old file alone.
fn write_atomically(path: &Path, f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".to_string());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> Result<()> {
        let file =
            fs::File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        let mut w = BufWriter::new(file);
        f(&mut w).with_context(|| format!("writing {}", tmp.display()))?;
        let file = w
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("writing {}", tmp.display()))?;
        file.sync_all()
            .with_context(|| format!("writing {}", tmp.display()))?;
        fs::rename(&tmp, path)
            .with_context(|| format!("cannot move the report to {}", path.display()))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// A progress bar on stderr, over the bytes of all inputs.
struct Bar {
    bar: indicatif::ProgressBar,
}

impl Bar {
    fn new(total: u64) -> Bar {
        let bar = indicatif::ProgressBar::new(total);
        let style = indicatif::ProgressStyle::with_template(
            "{spinner} {msg:20!} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(200));
        Bar { bar }
    }
}

impl Progress for Bar {
    fn start(&self, name: &str, _size: Option<u64>) {
        self.bar.set_message(name.to_string());
    }

    fn advance(&self, bytes: u64) {
        self.bar.inc(bytes);
    }

    fn finish(&self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(parse_width("15m"), Ok(900));
        assert_eq!(parse_width("1h"), Ok(3600));
        assert_eq!(parse_width("1w"), Ok(604_800));
        assert_eq!(parse_width("120"), Ok(120));
        assert!(parse_width("0m").is_err());
        assert!(parse_width("soon").is_err());
    }
}
