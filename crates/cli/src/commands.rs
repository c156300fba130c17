//! The subcommands: look up codes, list, search, and print completions or the man page.

use std::ffi::OsString;
use std::io::Write;

use anyhow::{Context, Result};
use clap::CommandFactory;
use httpstatus_codes::windows::{self, WinLookup, WinQuery};
use httpstatus_codes::{Class, Entry, Explanation, Namespace, ParseErrorKind, Query};

use crate::cli::{Cli, Command, ListArgs};
use crate::config::{Format, Output};
use crate::exit;
use crate::render;

/// The longest search text accepted; longer input is a usage error rather than a slow search.
const MAX_SEARCH_LEN: usize = 256;

/// What one query resolved to.
enum Item {
    Entry(&'static Entry),
    Unassigned {
        code: u16,
        range: &'static Entry,
        treat_as: &'static Entry,
    },
    NonStandard(u16),
    /// A Windows error code (`0x8007000d`, `win32:64`).
    Windows(WinLookup),
}

/// A usage problem with one argument: reported on stderr, the rest still answered.
struct Problem(String);

pub fn run(cli: Cli) -> Result<u8> {
    let o = Output::from_args(&cli.output);
    match cli.command {
        None if cli.query.is_empty() => {
            Cli::command().print_help()?;
            Ok(exit::USAGE)
        }
        None => lookup(&cli.query, &o, true),
        Some(Command::Show { codes }) => lookup(&codes, &o, false),
        Some(Command::List(args)) => list(&args, &o),
        Some(Command::Search { words, limit }) => {
            let (words, problems) = strings(&words);
            report(&problems);
            if !problems.is_empty() {
                return Ok(exit::USAGE);
            }
            search(&words.join(" "), limit, &o)
        }
        Some(Command::Serve(args)) => crate::serve_cmd::run(&args),
        Some(Command::Completions { shell }) => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "httpstatus", &mut std::io::stdout().lock());
            Ok(exit::FOUND)
        }
        Some(Command::Logs(args)) => crate::logs_cmd::run(*args, &o),
        Some(Command::Guide(args)) => crate::guide_cmd::run(&args, &o),
        Some(Command::Lint(args)) => crate::lint_cmd::run(&args, &o),
        Some(Command::Man) => {
            clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout().lock())?;
            Ok(exit::FOUND)
        }
    }
}

fn strings(args: &[OsString]) -> (Vec<String>, Vec<Problem>) {
    let mut ok = Vec::new();
    let mut problems = Vec::new();
    for a in args {
        match a.to_str() {
            Some(s) => ok.push(s.to_string()),
            None => problems.push(Problem(format!(
                "argument {} is not valid UTF-8",
                a.to_string_lossy()
            ))),
        }
    }
    (ok, problems)
}

fn report(problems: &[Problem]) {
    for Problem(msg) in problems {
        eprintln!("httpstatus: {msg}");
    }
}

/// `httpstatus 404 403.14 too many`: codes are looked up, other words searched together.
fn lookup(args: &[OsString], o: &Output, allow_words: bool) -> Result<u8> {
    let (args, mut problems) = strings(args);
    let mut items = Vec::new();
    let mut words = Vec::new();
    let mut missing = false;
    let mut masks = false;
    for arg in &args {
        if WinQuery::looks_like(arg) {
            match arg.parse::<WinQuery>() {
                Ok(q) => match windows::lookup(q) {
                    Some(w) => items.push(Item::Windows(w)),
                    None => {
                        missing = true;
                        eprintln!("httpstatus: no Windows error code {q} in the registry");
                    }
                },
                Err(e) => problems.push(Problem(format!("{}: {e}", shorten(arg)))),
            }
            continue;
        }
        match Query::parse(arg) {
            Ok(q) => {
                masks |= matches!(q, Query::Mask { .. } | Query::Range { .. });
                let found = resolve(&q);
                if found.iter().all(|i| matches!(i, Item::NonStandard(_))) {
                    missing = true;
                }
                if found.is_empty() {
                    eprintln!("httpstatus: no code {}{}", arg.trim(), did_you_mean(&q));
                }
                items.extend(found);
            }
            Err(e) if e.kind() == ParseErrorKind::NotACode && allow_words => {
                words.push(arg.as_str())
            }
            Err(e) => problems.push(Problem(format!("{}: {e}", shorten(arg)))),
        }
    }
    report(&problems);
    let mut out = anstream::stdout().lock();
    let brief = masks && o.format == Format::Full && allow_words;
    print_items(&mut out, &items, o, brief)?;
    if !words.is_empty() {
        let text = words.join(" ");
        if text.len() > MAX_SEARCH_LEN {
            eprintln!("httpstatus: search text too long: at most {MAX_SEARCH_LEN} bytes");
            return Ok(exit::USAGE);
        }
        drop(out);
        let code = search(&text, 10, o)?;
        missing |= code != exit::FOUND;
    }
    Ok(if !problems.is_empty() {
        exit::USAGE
    } else if missing {
        exit::NOT_FOUND
    } else {
        exit::FOUND
    })
}

fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        format!("{s:?}")
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head:?}... ({} bytes)", s.len())
    }
}

fn resolve(q: &Query) -> Vec<Item> {
    match *q {
        Query::Code {
            namespace: None,
            code,
            sub: None,
        } => {
            let mut items = Vec::new();
            match httpstatus_codes::explain(code) {
                Some(Explanation::Registered(_)) | None => {}
                Some(Explanation::Unassigned {
                    code,
                    range,
                    treat_as,
                }) => items.push(Item::Unassigned {
                    code,
                    range,
                    treat_as,
                }),
                Some(Explanation::NonStandard { code }) => {
                    if httpstatus_codes::meanings(code).is_empty() {
                        items.push(Item::NonStandard(code));
                    }
                }
            }
            items.extend(httpstatus_codes::meanings(code).iter().map(Item::Entry));
            items
        }
        _ => q
            .entries()
            .into_iter()
            .filter(|e| masks_show(q, e))
            .map(Item::Entry)
            .collect(),
    }
}

/// A bare mask (`4xx`) lists the standard codes; `nginx:4xx` lists that namespace's.
fn masks_show(q: &Query, e: &Entry) -> bool {
    match q {
        Query::Mask {
            namespace: None, ..
        }
        | Query::Range {
            namespace: None, ..
        } => e.namespace == Namespace::Iana,
        _ => true,
    }
}

fn did_you_mean(q: &Query) -> String {
    let candidates: Vec<&str> = match *q {
        Query::Code {
            code,
            sub: Some(sub),
            ..
        } => {
            let mut subs: Vec<&Entry> = httpstatus_codes::sub_statuses(code).iter().collect();
            subs.sort_by_key(|e| e.sub.unwrap_or(0).abs_diff(sub));
            subs.into_iter().take(4).map(|e| e.id).collect()
        }
        Query::Code {
            namespace: Some(ns),
            code,
            ..
        } => {
            let mut near: Vec<&Entry> = httpstatus_codes::meanings(code).iter().collect();
            let mut in_ns: Vec<&Entry> = httpstatus_codes::by_namespace(ns)
                .filter(|e| e.sub.is_none())
                .collect();
            in_ns.sort_by_key(|e| e.code.abs_diff(code));
            near.extend(in_ns.into_iter().take(3));
            near.into_iter().take(4).map(|e| e.id).collect()
        }
        _ => Vec::new(),
    };
    if candidates.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", candidates.join(", "))
    }
}

fn print_items(out: &mut impl Write, items: &[Item], o: &Output, brief: bool) -> Result<()> {
    if o.format == Format::Json && !items.iter().any(|i| matches!(i, Item::Windows(_))) {
        let entries: Vec<&Entry> = items
            .iter()
            .filter_map(|i| match i {
                Item::Entry(e) => Some(*e),
                Item::Unassigned { range, .. } => Some(*range),
                Item::NonStandard(_) | Item::Windows(_) => None,
            })
            .collect();
        if !items.is_empty() {
            serde_json::to_writer_pretty(&mut *out, &entries).context("writing JSON")?;
            writeln!(out)?;
        }
        return Ok(());
    }
    if o.format == Format::Json {
        // Windows codes among the items: one array of both shapes (Windows objects have `kind`).
        let values = items
            .iter()
            .filter_map(|i| match i {
                Item::Entry(e) => Some(serde_json::to_value(e)),
                Item::Unassigned { range, .. } => Some(serde_json::to_value(range)),
                Item::Windows(w) => Some(serde_json::to_value(w)),
                Item::NonStandard(_) => None,
            })
            .collect::<Result<Vec<_>, _>>()
            .context("building JSON")?;
        if !items.is_empty() {
            serde_json::to_writer_pretty(&mut *out, &values).context("writing JSON")?;
            writeln!(out)?;
        }
        return Ok(());
    }
    for (i, item) in items.iter().enumerate() {
        let full = o.format == Format::Full && !brief;
        if i > 0 && full {
            writeln!(out)?;
        }
        match item {
            Item::Entry(e) if full => render::full(out, e, o)?,
            Item::Entry(e) => render::brief(out, e, o)?,
            Item::Unassigned {
                code,
                range,
                treat_as,
            } => render::unassigned_note(out, *code, range, treat_as, o)?,
            Item::NonStandard(code) => render::non_standard_note(out, *code, o)?,
            Item::Windows(w) => render::windows(out, w, o, full)?,
        }
    }
    Ok(())
}

fn search(text: &str, limit: usize, o: &Output) -> Result<u8> {
    if text.trim().is_empty() {
        eprintln!(
            "httpstatus: empty search: give words such as \"too many\" or a code such as 404"
        );
        return Ok(exit::USAGE);
    }
    if text.len() > MAX_SEARCH_LEN {
        eprintln!("httpstatus: search text too long: at most {MAX_SEARCH_LEN} bytes");
        return Ok(exit::USAGE);
    }
    let hits = httpstatus_codes::search(text);
    if hits.is_empty() {
        eprintln!(
            "httpstatus: nothing matches {}; try `httpstatus list` or fewer words",
            shorten(text)
        );
        if o.format == Format::Json {
            println!("[]");
        }
        return Ok(exit::NOT_FOUND);
    }
    let items: Vec<Item> = hits
        .iter()
        .take(limit.max(1))
        .map(|h| Item::Entry(h.entry))
        .collect();
    let mut out = anstream::stdout().lock();
    print_items(&mut out, &items, o, true)?;
    Ok(exit::FOUND)
}

fn list(args: &ListArgs, o: &Output) -> Result<u8> {
    let namespace = match args.namespace.as_str() {
        "all" => None,
        token => match Namespace::from_token(token) {
            Some(ns) => Some(ns),
            None => {
                eprintln!(
                    "httpstatus: unknown namespace {}: use all or one of {}",
                    shorten(token),
                    Namespace::ALL.map(|n| n.token()).join(", ")
                );
                return Ok(exit::USAGE);
            }
        },
    };
    let span = match &args.mask {
        None => None,
        Some(m) => match Query::parse(m) {
            Ok(Query::Mask { mask, .. }) => Some((mask.first(), mask.last())),
            Ok(Query::Range { first, last, .. }) => Some((first, last)),
            Ok(Query::Code {
                code, sub: None, ..
            }) => Some((code, code)),
            Ok(_) | Err(_) => {
                eprintln!("httpstatus: {}: expected a mask such as 4xx or 50x, or a range such as 500-504", shorten(m));
                return Ok(exit::USAGE);
            }
        },
    };
    let subs = args.all || args.sub_status || namespace == Some(Namespace::Iis);
    let entries: Vec<&Entry> = httpstatus_codes::entries()
        .iter()
        .filter(|e| args.all || namespace.is_none_or(|ns| e.namespace == ns))
        .filter(|e| span.is_none_or(|(a, b)| a <= e.code && e.code <= b))
        .filter(|e| subs || e.sub.is_none())
        .filter(|e| args.all || args.include_unassigned || !e.is_unassigned())
        .collect();
    if entries.is_empty() {
        eprintln!("httpstatus: no codes match");
        return Ok(exit::NOT_FOUND);
    }
    let mut out = anstream::stdout().lock();
    if o.format == Format::Json {
        serde_json::to_writer_pretty(&mut out, &entries).context("writing JSON")?;
        writeln!(out)?;
        return Ok(exit::FOUND);
    }
    let mut class = None;
    for e in entries {
        if o.format == Format::Full && class != Some(e.class()) {
            class = Some(e.class());
            heading(&mut out, e.class(), o)?;
        }
        render::brief(&mut out, e, o)?;
    }
    Ok(exit::FOUND)
}

fn heading(out: &mut impl Write, class: Class, o: &Output) -> Result<()> {
    let style = render::class_style(class);
    writeln!(
        out,
        "\n{style}{} {}{style:#}",
        class.token(),
        class.name().get(o.lang)
    )?;
    Ok(())
}
