//! The command line, as clap sees it. These structs stay dumb: `config.rs` turns them into the
//! validated settings the commands use.

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

const AFTER_HELP: &str = "\
Examples:
  httpstatus 404                 a code
  httpstatus 403.14              an IIS sub-status code
  httpstatus nginx:499           a vendor code (namespace:code)
  httpstatus 4xx                 every code of a class (also 50x, 500-504)
  httpstatus 0x8007000d          a Windows HRESULT from an IIS error page
  httpstatus win32:64            a Win32 code from sc-win32-status (also hresult:0x80070005)
  httpstatus too many requests   search in English or Thai (ไม่พบ)
  httpstatus --lang th 503       Thai text
  httpstatus 404 --constants     its name in Go, Python, Java, .NET, Rust ...
  httpstatus list --all --json   the whole registry as JSON
  httpstatus guide               which code should my API return? (questions, or guide --list)
  httpstatus lint openapi.yaml   check the status codes of an OpenAPI description

Exit status:
  0  found
  1  nothing found (suggestions on stderr)
  2  usage error: bad option or malformed code (403.x, 4xy, 9999)
  3  failure not caused by the input (for example, output could not be written)";

/// HTTP status codes explained: IANA, IIS sub-status and vendor codes, in English and Thai.
///
/// Give codes, masks or words; or use a subcommand.
#[derive(Debug, Parser)]
#[command(name = "httpstatus", version, after_help = AFTER_HELP, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Codes (404, 403.14, nginx:499), masks (4xx, 50x), ranges (500-504), Windows error codes
    /// (0x8007000d, win32:64, hresult:0x80070005) or search words.
    #[arg(value_name = "QUERY")]
    pub query: Vec<std::ffi::OsString>,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Options that shape output; accepted before or after a subcommand.
#[derive(Debug, Args, Clone)]
pub struct OutputArgs {
    /// Print JSON (an array of entries; schema: schema/entry.schema.json; Windows codes as
    /// objects with kind, code, decimal, name, win32, text and seen).
    #[arg(long, global = true)]
    pub json: bool,

    /// One line per code.
    #[arg(long, short = 'b', global = true, conflicts_with = "json")]
    pub brief: bool,

    /// Language of the texts [default: from LC_ALL, LC_MESSAGES or LANG; th_* gives Thai].
    #[arg(long, short = 'l', global = true, value_enum)]
    pub lang: Option<LangArg>,

    /// Show the code's name in every language and framework (Go, Python, Node, Java, Spring,
    /// .NET, ASP.NET Core, Rust, Rails, Symfony/Laravel, Ktor, Starlette) as a table; the
    /// default view shows them on one line.
    #[arg(long, global = true, conflicts_with = "brief")]
    pub constants: bool,

    /// When to colour the output; NO_COLOR in the environment also turns colour off.
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Explain one or more codes in full.
    Show {
        /// Codes: 404, 403.14, nginx:499, 4xx.
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<std::ffi::OsString>,
    },
    /// List codes, by class mask and namespace.
    List(ListArgs),
    /// Search phrases, former names and descriptions, in English and Thai.
    Search {
        /// Words to look for; typos are tolerated.
        #[arg(required = true, value_name = "WORDS")]
        words: Vec<std::ffi::OsString>,
        /// At most this many results.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Serve the web reference, the JSON API and the test endpoints over HTTP.
    Serve(crate::serve_cmd::ServeArgs),
    /// Print a shell completion script.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff) to stdout.
    Man,
    /// Count and explain the status codes in access logs (IIS, nginx, Apache, JSON lines).
    #[command(after_help = crate::logs_cmd::AFTER_HELP, args_conflicts_with_subcommands = true)]
    Logs(Box<crate::logs_cmd::LogsArgs>),
    /// Which code should I return? A guide for API designers: situation to code, headers,
    /// problem+json example and common mistakes.
    #[command(after_help = crate::guide_cmd::AFTER_HELP)]
    Guide(crate::guide_cmd::GuideArgs),
    /// Check the status codes of OpenAPI 3.0/3.1 descriptions: codes, and the headers and content that go with them.
    #[command(after_help = crate::lint_cmd::AFTER_HELP)]
    Lint(crate::lint_cmd::LintArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// A mask or range: 4xx, 50x, 500-504 [default: every code].
    #[arg(value_name = "MASK")]
    pub mask: Option<String>,

    /// Only this namespace (iana, iis, nginx, cloudflare, aws, ...), or `all`.
    #[arg(long, short = 'n', value_name = "NS", default_value = "all")]
    pub namespace: String,

    /// Include IIS sub-status codes (on by default with --namespace iis).
    #[arg(long)]
    pub sub_status: bool,

    /// Include the unassigned IANA ranges.
    #[arg(long)]
    pub include_unassigned: bool,

    /// Every entry of the registry: all namespaces, sub-status codes and unassigned ranges.
    #[arg(long, conflicts_with_all = ["mask", "sub_status", "include_unassigned"])]
    pub all: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    En,
    Th,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}
