//! `httpstatus`: parse the command line, run, map the outcome to an exit code. Nothing else.

mod cli;
mod commands;
mod config;
mod exit;
mod guide_cmd;
mod lint_cmd;
mod log_writer;
mod logs_cmd;
mod render;
mod serve_cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with success; real usage errors exit 2.
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(exit::USAGE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if exit::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("httpstatus: error: {err:#}");
            ExitCode::from(exit::FAILURE)
        }
    }
}
