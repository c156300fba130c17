//! Turns the parsed flags and the environment into the settings output uses: language, colour and
//! wrap width. Environment reads happen here only, so the rest of the CLI is deterministic.

use std::io::IsTerminal;

use httpstatus_codes::Lang;

use crate::cli::{ColorArg, LangArg, OutputArgs};

/// How to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Full,
    Brief,
    Json,
}

#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub format: Format,
    pub lang: Lang,
    pub width: usize,
    /// The full table of framework names instead of the one-line summary.
    pub constants: bool,
}

impl Output {
    pub fn from_args(args: &OutputArgs) -> Output {
        let format = if args.json {
            Format::Json
        } else if args.brief {
            Format::Brief
        } else {
            Format::Full
        };
        let lang = match args.lang {
            Some(LangArg::En) => Lang::En,
            Some(LangArg::Th) => Lang::Th,
            None => lang_from_env(|k| std::env::var(k).ok()),
        };
        let choice = match args.color {
            ColorArg::Always => anstream::ColorChoice::Always,
            ColorArg::Never => anstream::ColorChoice::Never,
            // anstream honours NO_COLOR, CLICOLOR_FORCE and whether stdout is a terminal.
            ColorArg::Auto => anstream::ColorChoice::Auto,
        };
        choice.write_global();
        Output {
            format,
            lang,
            width: width(),
            constants: args.constants,
        }
    }
}

/// The language from the POSIX locale variables, first set one wins (LC_ALL, LC_MESSAGES, LANG).
pub fn lang_from_env(get: impl Fn(&str) -> Option<String>) -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| get(k).filter(|v| !v.is_empty()))
        .map(|v| Lang::from_locale(&v).unwrap_or(Lang::En))
        .next()
        .unwrap_or(Lang::En)
}

/// Wrap width: the terminal's, else `COLUMNS`, else 80; kept between 40 and 120 for reading.
fn width() -> usize {
    let from_term = std::io::stdout()
        .is_terminal()
        .then(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .flatten();
    let cols = from_term
        .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
        .unwrap_or(80);
    cols.clamp(40, 120)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn locale_precedence() {
        assert_eq!(lang_from_env(env(&[("LANG", "th_TH.UTF-8")])), Lang::Th);
        assert_eq!(
            lang_from_env(env(&[("LANG", "th_TH.UTF-8"), ("LC_ALL", "C")])),
            Lang::En
        );
        assert_eq!(
            lang_from_env(env(&[("LANG", "en_US"), ("LC_MESSAGES", "th_TH")])),
            Lang::Th
        );
        assert_eq!(
            lang_from_env(env(&[("LC_ALL", ""), ("LANG", "th")])),
            Lang::Th
        );
        assert_eq!(lang_from_env(env(&[])), Lang::En);
        assert_eq!(lang_from_env(env(&[("LANG", "de_DE.UTF-8")])), Lang::En);
    }
}
