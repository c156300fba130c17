//! Reads log files with the default options and prints the JSON report: the analyzer alone,
//! without the CLI, for quick builds while measuring the per-line cost (`bench/logs/instructions.sh`
//! takes any binary that accepts `logs --json FILE`, this one included).
//!
//! `cargo run --release -p httpstatus-logs --example logscount -- logs --json FILE...`

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use httpstatus_codes::Lang;
use httpstatus_logs::{render, Analyzer, Options, Report, ReportOptions, Source};

fn main() -> ExitCode {
    // `logs --json` is accepted and ignored, so the command line is the CLI's.
    let files: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "logs" && a != "--json")
        .collect();
    if files.is_empty() {
        eprintln!("usage: logscount [logs --json] FILE...");
        return ExitCode::from(2);
    }
    let options = Options::default();
    let mut analyzer = Analyzer::new(&options);
    for f in &files {
        analyzer.add_source(&Source::Path(PathBuf::from(f)));
    }
    let analysis = analyzer.finish();
    let report = Report::build(
        &analysis,
        &ReportOptions {
            lang: Lang::En,
            ..ReportOptions::default()
        },
    );
    let mut out = io::stdout().lock();
    match render::json(&report, &mut out).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("logscount: {e}");
            ExitCode::FAILURE
        }
    }
}
