//! `httpstatus guide`: "which code should I return?" for API designers. With a situation id it
//! prints that situation (for scripts); with `--list` every id; with neither it asks the
//! questions of the guide's decision tree, numbered, on stdin (a terminal or a pipe).

use std::ffi::OsString;
use std::io::{self, BufRead, Write};

use anstyle::Style;
use anyhow::Result;
use clap::Args;
use httpstatus_codes::guide::{self, Node, Situation, Target};
use httpstatus_codes::{Class, Lang, Level, Text};

use crate::config::{Format, Output};
use crate::exit;
use crate::render::class_style;

pub const AFTER_HELP: &str = "\
Examples:
  httpstatus guide                         answer numbered questions (on a terminal or stdin)
  httpstatus guide --list                  every situation: id, codes, title
  httpstatus guide rate-limited            one situation: codes, headers, problem+json example, mistakes
  httpstatus guide stale-version --json    the same as JSON (schema: schema/guide.schema.json)
  httpstatus guide --lang th not-signed-in Thai text
  printf '3\\n1\\n' | httpstatus guide     script the questions

In the questions: a number picks an answer, b goes back, q quits.

Exit status:
  0  shown
  1  unknown situation (close matches on stderr)
  2  usage error, or stdin ended before the questions reached a situation
  3  failure not caused by the input";

/// Arguments of `httpstatus guide`.
#[derive(Debug, Args)]
pub struct GuideArgs {
    /// A situation id, such as `validation-failed` or `rate-limited` (see --list). Without one,
    /// the guide asks numbered questions.
    #[arg(value_name = "SITUATION", conflicts_with = "list")]
    pub situation: Option<OsString>,

    /// List every situation: id, codes and title.
    #[arg(long)]
    pub list: bool,
}

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

/// Labels in both languages.
struct L(&'static str, &'static str);

impl L {
    fn get(&self, lang: Lang) -> &'static str {
        Text {
            en: self.0,
            th: self.1,
        }
        .get(lang)
    }
}

const RETURN: L = L("Return", "ตอบด้วย");
const HEADERS: L = L("Headers to send", "header ที่ต้องส่ง");
const WHY: L = L("Why", "เหตุผล");
const EXAMPLE: L = L(
    "Example body (application/problem+json, RFC 9457)",
    "ตัวอย่าง body (application/problem+json ตาม RFC 9457)",
);
const MISTAKES: L = L("Common mistakes", "ข้อผิดพลาดที่พบบ่อย");
const SEE_ALSO: L = L("See also", "ดูเพิ่มเติม");
const ON: L = L("on", "กับ");
const PROMPT_HELP: L = L(
    "number to choose, b to go back, q to quit",
    "พิมพ์หมายเลขเพื่อเลือก b เพื่อย้อนกลับ q เพื่อออก",
);
const OUT_OF_RANGE: L = L("Type a number from 1 to", "พิมพ์หมายเลขตั้งแต่ 1 ถึง");

pub fn run(args: &GuideArgs, o: &Output) -> Result<u8> {
    if args.list {
        return list(o);
    }
    let Some(raw) = &args.situation else {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        return interactive(&mut input, &mut anstream::stderr().lock(), o);
    };
    let Some(id) = raw.to_str() else {
        eprintln!(
            "httpstatus: argument {} is not valid UTF-8",
            raw.to_string_lossy()
        );
        return Ok(exit::USAGE);
    };
    match guide::situation(id.trim()) {
        Some(s) => {
            show(&mut anstream::stdout().lock(), s, o)?;
            Ok(exit::FOUND)
        }
        None => {
            eprintln!("httpstatus: {}", unknown(id));
            Ok(exit::NOT_FOUND)
        }
    }
}

/// The one-line message for an id that names no situation.
fn unknown(id: &str) -> String {
    let shown: String = id.chars().take(60).collect();
    if let Ok(code) = id.trim().parse::<u16>() {
        let ids: Vec<&str> = guide::for_code(code).map(|s| s.id).collect();
        if !ids.is_empty() {
            return format!(
                "{code} is a code, not a situation; situations that answer {code}: {}",
                ids.join(", ")
            );
        }
    }
    let close = guide::suggest(id);
    let hint = if close.is_empty() {
        "; see `httpstatus guide --list`".to_string()
    } else {
        let ids: Vec<&str> = close.iter().map(|s| s.id).collect();
        format!("; did you mean {}?", ids.join(", "))
    };
    format!("no situation {shown:?} in the guide{hint}")
}

fn list(o: &Output) -> Result<u8> {
    let mut out = anstream::stdout().lock();
    if o.format == Format::Json {
        // Serialized first, so a closed stdout is an io::Error (a quiet exit), not a JSON error.
        let text = serde_json::to_string_pretty(guide::situations())?;
        writeln!(out, "{text}")?;
        return Ok(exit::FOUND);
    }
    let width = guide::situations()
        .iter()
        .map(|s| s.id.len())
        .max()
        .unwrap_or(0);
    for s in guide::situations() {
        line(&mut out, s, width, o)?;
    }
    Ok(exit::FOUND)
}

/// `rate-limited            429       Rate limited`
fn line(out: &mut impl Write, s: &Situation, width: usize, o: &Output) -> io::Result<()> {
    let codes: Vec<String> = s.choices.iter().map(|c| c.code.to_string()).collect();
    writeln!(
        out,
        "{BOLD}{:width$}{BOLD:#}  {:13} {}",
        s.id,
        codes.join(" "),
        s.title.get(o.lang)
    )
}

fn wrap(out: &mut impl Write, text: &str, width: usize, indent: &str) -> io::Result<()> {
    for (i, para) in text.split("\n\n").enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let opts = textwrap::Options::new(width)
            .initial_indent(indent)
            .subsequent_indent(indent)
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for l in textwrap::wrap(&para.replace('\n', " "), opts) {
            writeln!(out, "{l}")?;
        }
    }
    Ok(())
}

fn level(l: Level) -> &'static str {
    match l {
        Level::Must => "MUST",
        Level::Should => "SHOULD",
        Level::May => "MAY",
    }
}

/// One situation in full, or as JSON.
pub fn show(out: &mut impl Write, s: &Situation, o: &Output) -> Result<()> {
    match o.format {
        Format::Json => {
            let text = serde_json::to_string_pretty(s)?;
            writeln!(out, "{text}")?;
            return Ok(());
        }
        Format::Brief => {
            line(out, s, s.id.len(), o)?;
            return Ok(());
        }
        Format::Full => {}
    }
    let lang = o.lang;
    writeln!(
        out,
        "{BOLD}{}{BOLD:#}  {DIM}({}){DIM:#}",
        s.title.get(lang),
        s.id
    )?;
    wrap(out, s.question.get(lang), o.width, "")?;
    writeln!(out)?;
    writeln!(out, "{BOLD}{}{BOLD:#}", RETURN.get(lang))?;
    for c in s.choices {
        let style = class_style(Class::of(c.code));
        let phrase = c.entry().map_or("", |e| e.phrase);
        writeln!(out, "  {style}{}{style:#} {BOLD}{phrase}{BOLD:#}", c.code)?;
        wrap(out, c.when.get(lang), o.width, "      ")?;
    }
    if !s.headers.is_empty() {
        writeln!(out, "\n{BOLD}{}{BOLD:#}", HEADERS.get(lang))?;
        for h in s.headers {
            writeln!(
                out,
                "  {BOLD}{}{BOLD:#} {} {}  {DIM}{}, {}{DIM:#}",
                h.name,
                ON.get(lang),
                h.code,
                level(h.level),
                h.reference.label
            )?;
            wrap(out, h.note.get(lang), o.width, "      ")?;
        }
    }
    writeln!(out, "\n{BOLD}{}{BOLD:#}", WHY.get(lang))?;
    wrap(out, s.answer.get(lang), o.width, "  ")?;
    if let Some(example) = s.example {
        writeln!(out, "\n{BOLD}{}{BOLD:#}", EXAMPLE.get(lang))?;
        for l in example.lines() {
            writeln!(out, "  {l}")?;
        }
    }
    writeln!(out, "\n{BOLD}{}{BOLD:#}", MISTAKES.get(lang))?;
    for m in s.mistakes {
        let opts = textwrap::Options::new(o.width)
            .initial_indent("  • ")
            .subsequent_indent("    ")
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for l in textwrap::wrap(m.get(lang), opts) {
            writeln!(out, "{l}")?;
        }
    }
    if !s.related.is_empty() {
        writeln!(
            out,
            "\n{DIM}{}:{DIM:#} {}",
            SEE_ALSO.get(lang),
            s.related.join(", ")
        )?;
    }
    Ok(())
}

/// Asks the tree's questions on `prompt` and reads numbered answers from `input` until a
/// situation is reached, then prints it on stdout.
fn interactive(input: &mut impl BufRead, prompt: &mut impl Write, o: &Output) -> Result<u8> {
    let lang = o.lang;
    let mut path: Vec<&'static Node> = vec![guide::start()];
    let mut line = String::new();
    loop {
        let Some(&node) = path.last() else {
            return Ok(exit::USAGE);
        };
        writeln!(prompt, "\n{BOLD}{}{BOLD:#}", node.question.get(lang))?;
        for (i, a) in node.answers.iter().enumerate() {
            writeln!(prompt, "  {BOLD}{}{BOLD:#}) {}", i + 1, a.label.get(lang))?;
        }
        let chosen = loop {
            write!(prompt, "{DIM}[{}]{DIM:#} > ", PROMPT_HELP.get(lang))?;
            prompt.flush()?;
            line.clear();
            if input.read_line(&mut line)? == 0 {
                writeln!(prompt)?;
                eprintln!(
                    "httpstatus: input ended before an answer; use `httpstatus guide SITUATION` or `--list` in scripts"
                );
                return Ok(exit::USAGE);
            }
            let answer = line.trim();
            match answer {
                "q" | "Q" => return Ok(exit::FOUND),
                "b" | "B" => break None,
                _ => match answer.parse::<usize>() {
                    Ok(n) if (1..=node.answers.len()).contains(&n) => break Some(n - 1),
                    _ => writeln!(prompt, "{} {}", OUT_OF_RANGE.get(lang), node.answers.len())?,
                },
            }
        };
        match chosen {
            None => {
                if path.len() > 1 {
                    path.pop();
                }
            }
            Some(i) => match node.answers[i].target {
                Target::Node(id) => {
                    if let Some(next) = guide::node(id) {
                        path.push(next);
                    }
                }
                Target::Situation(id) => {
                    let Some(s) = guide::situation(id) else {
                        return Ok(exit::FAILURE);
                    };
                    writeln!(prompt)?;
                    show(&mut anstream::stdout().lock(), s, o)?;
                    return Ok(exit::FOUND);
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Output {
        Output {
            format: Format::Full,
            lang: Lang::En,
            width: 80,
            constants: false,
        }
    }

    #[test]
    fn unknown_ids_suggest_close_matches() {
        assert!(unknown("rate-limitted").contains("did you mean rate-limited"));
        assert!(unknown("zzzz-qqqq").contains("--list"));
    }

    #[test]
    fn the_walk_goes_back_and_rejects_bad_numbers() {
        // 9 is out of range, b at the top stays there, 1 = it worked, b = back, 1, 1 = created.
        let mut input = io::Cursor::new("9\nb\n1\nb\n1\n1\n");
        let mut prompt = Vec::new();
        let code = interactive(&mut input, &mut prompt, &en()).unwrap();
        assert_eq!(code, exit::FOUND);
        let prompt = String::from_utf8(prompt).unwrap();
        assert!(prompt.contains("Type a number from 1 to 6"), "{prompt}");
        assert_eq!(
            prompt.matches("What happened with the request?").count(),
            3,
            "{prompt}"
        );
    }

    #[test]
    fn the_walk_stops_at_end_of_input() {
        let mut input = io::Cursor::new("1\n");
        let code = interactive(&mut input, &mut Vec::new(), &en()).unwrap();
        assert_eq!(code, exit::USAGE);
    }
}
