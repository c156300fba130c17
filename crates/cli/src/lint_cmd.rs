//! `httpstatus lint`: check the status codes of OpenAPI descriptions. The checks live in
//! `httpstatus-lint`; this module reads the flags and the config file, and prints.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anstyle::{AnsiColor, Style};
use anyhow::Result;
use clap::Args;
use httpstatus_codes::Lang;
use httpstatus_lint::{
    json_report, lint_file, sarif_report, Config, FileReport, InputError, Severity,
};

use crate::config::{self, Output};
use crate::exit;

/// The config file looked for in the current directory when `--config` is not given.
pub const CONFIG_FILE: &str = ".httpstatus-lint.toml";

pub const AFTER_HELP: &str = "\
Rules (HS001 ...; `httpstatus serve` shows each at /lint/rules/{id}):
  unassigned, vendor (nginx 499, Cloudflare 52x) and malformed codes; 1xx declared; content on
  204, 205, 304 and HEAD; Location on 3xx and 201; WWW-Authenticate on 401; Allow on 405;
  Proxy-Authenticate on 407; Content-Range on 206 and 416; Retry-After on 429 and 503; 306, 305,
  418 and 510; input without a 4xx; no 5xx or default anywhere; 400 and 422 mixed; creating POST
  answering 200; DELETE answering 200 with no content; 304 on unsafe methods; broken $ref.

Silencing:
  x-httpstatus-ignore: [HS018, no-server-error]   on the document, a path, an operation or a
                                                   response (\"*\" silences every rule there)
  .httpstatus-lint.toml (or --config FILE):
    level = \"warning\"
    [rules]
    HS018 = \"off\"          # or \"info\", \"warning\", \"error\"

Examples:
  httpstatus lint openapi.yaml
  httpstatus lint api.json --level error
  httpstatus lint openapi.yaml --sarif > lint.sarif
  httpstatus lint openapi.yaml --json | jq '.summary'

Exit status:
  0  no finding at or above the level
  1  findings at or above the level (default: warning)
  2  an input is not an OpenAPI 3.0/3.1 document or cannot be read (one line each on stderr),
     or a bad option or config file
  3  our failure (for example, output could not be written)";

/// Options of `httpstatus lint`.
#[derive(Debug, Args)]
pub struct LintArgs {
    /// OpenAPI 3.0 or 3.1 descriptions, YAML or JSON.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// Fail (exit 1) on findings at or above this level: error, warning or info [default: warning, or `level` in the config file].
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<String>,

    /// Print SARIF 2.1.0 (for code-scanning UIs) instead of text.
    #[arg(long, conflicts_with = "json")]
    pub sarif: bool,

    /// Read rule settings from this TOML file [default: .httpstatus-lint.toml in the current directory, if present].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

pub fn run(args: &LintArgs, o: &Output) -> Result<u8> {
    let config = match load_config(args.config.as_deref()) {
        Ok(c) => c,
        Err(message) => {
            eprintln!("httpstatus: {message}");
            return Ok(exit::USAGE);
        }
    };
    let level = match args.level.as_deref().map(|l| (l, Severity::from_token(l))) {
        Some((_, Some(level))) => level,
        Some((raw, None)) => {
            eprintln!("httpstatus: --level {raw:?}: use error, warning or info");
            return Ok(exit::USAGE);
        }
        None => config.level.unwrap_or(Severity::Warning),
    };

    let mut reports = Vec::new();
    let mut errors = Vec::new();
    for file in &args.files {
        // A panic here is our bug, never the input's: report it as exit 3, not as a crash.
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lint_file(file, &config)));
        match outcome {
            Ok(Ok(r)) => reports.push(r),
            Ok(Err(e)) => errors.push(e),
            Err(_) => {
                eprintln!(
                    "httpstatus: internal error while linting {}",
                    file.display()
                );
                return Ok(exit::FAILURE);
            }
        }
    }
    for e in &errors {
        eprintln!("httpstatus: {e}");
    }

    if args.sarif {
        let mut w = io::BufWriter::new(io::stdout().lock());
        serde_json::to_writer_pretty(&mut w, &sarif_report(&reports, &errors, o.lang))?;
        writeln!(w)?;
        w.flush()?;
    } else if o.format == config::Format::Json {
        let mut w = io::BufWriter::new(io::stdout().lock());
        serde_json::to_writer_pretty(&mut w, &json_report(&reports, &errors, level, o.lang))?;
        writeln!(w)?;
        w.flush()?;
    } else {
        let mut w = io::BufWriter::new(anstream::stdout().lock());
        text(&mut w, &reports, &errors, level, o.lang)?;
        w.flush()?;
    }

    Ok(if !errors.is_empty() {
        exit::USAGE
    } else if reports
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| f.level >= level)
    {
        exit::NOT_FOUND
    } else {
        exit::FOUND
    })
}

fn load_config(explicit: Option<&Path>) -> Result<Config, String> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None if Path::new(CONFIG_FILE).is_file() => PathBuf::from(CONFIG_FILE),
        None => return Ok(Config::default()),
    };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Config::from_toml(&text)
        .map_err(|e| format!("{}: {}", path.display(), e.lines().next().unwrap_or("")))
}

fn level_style(level: Severity) -> Style {
    let color = match level {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

/// Findings grouped by file, then by path and operation, in document order.
fn text(
    w: &mut impl Write,
    reports: &[FileReport],
    errors: &[InputError],
    level: Severity,
    lang: Lang,
) -> io::Result<()> {
    let mut counts = [0usize; 3];
    for report in reports {
        writeln!(
            w,
            "{BOLD}{}{BOLD:#} {DIM}(OpenAPI {}){DIM:#}",
            report.file.display(),
            report.openapi
        )?;
        if report.findings.is_empty() {
            let ok = match lang {
                Lang::En => "no findings",
                Lang::Th => "ไม่พบปัญหา",
            };
            writeln!(w, "  {ok}")?;
        }
        // Group by (path, method), first appearance first.
        let mut groups: BTreeMap<(u32, String), Vec<&httpstatus_lint::Finding>> = BTreeMap::new();
        let mut first_line: BTreeMap<String, u32> = BTreeMap::new();
        for f in &report.findings {
            counts[f.level as usize] += 1;
            let head = match (&f.path, &f.method) {
                (Some(p), Some(m)) => format!("{m} {p}"),
                (Some(p), None) => p.clone(),
                _ => match lang {
                    Lang::En => "(document)".to_owned(),
                    Lang::Th => "(ทั้งเอกสาร)".to_owned(),
                },
            };
            let line = *first_line.entry(head.clone()).or_insert(f.line);
            groups.entry((line, head)).or_default().push(f);
        }
        for ((_, head), findings) in groups {
            writeln!(w, "  {BOLD}{head}{BOLD:#}")?;
            for f in findings {
                let style = level_style(f.level);
                let response = f
                    .response
                    .as_deref()
                    .map(|r| format!(" {r}"))
                    .unwrap_or_default();
                writeln!(
                    w,
                    "  {DIM}{:>6}{DIM:#}  {style}{}{style:#}  {}{response}  {}  {DIM}[{}]{DIM:#}",
                    f.line,
                    f.level.name(lang),
                    f.rule.id,
                    f.message(lang),
                    f.rule.name,
                )?;
            }
        }
    }
    let failing: usize = counts[level as usize..].iter().sum();
    let summary = match lang {
        Lang::En => format!(
            "{} file(s), {} unreadable: {} error(s), {} warning(s), {} info; {} at or above {}",
            reports.len(),
            errors.len(),
            counts[2],
            counts[1],
            counts[0],
            failing,
            level.token()
        ),
        Lang::Th => format!(
            "ตรวจ {} ไฟล์ อ่านไม่ได้ {} ไฟล์ พบข้อผิดพลาด {} คำเตือน {} ข้อแนะนำ {} รายการ ในจำนวนนี้ {} รายการอยู่ที่ระดับ{}ขึ้นไป",
            reports.len(),
            errors.len(),
            counts[2],
            counts[1],
            counts[0],
            failing,
            level.name(lang)
        ),
    };
    writeln!(w, "{summary}")?;
    Ok(())
}
