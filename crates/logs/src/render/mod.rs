//! Renderers of a [`Report`]: a terminal table, CSV, JSON and a self-contained HTML page. Each
//! writes into any `io::Write`; none reads the environment (the caller decides width and colour).

mod csv;
mod html;
mod text;

use std::io::{self, Write};

use httpstatus_codes::{Lang, Text};

pub use self::csv::csv;
pub use self::html::html;
pub use self::text::{text, TextOptions};
use crate::report::Report;

/// The report as pretty-printed JSON, with a final newline.
pub fn json(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, report)?;
    writeln!(w)
}

/// A label in both languages.
pub(crate) struct L(pub &'static str, pub &'static str);

impl L {
    pub(crate) fn get(&self, lang: Lang) -> &'static str {
        Text {
            en: self.0,
            th: self.1,
        }
        .get(lang)
    }
}

pub(crate) fn lang_of(report: &Report) -> Lang {
    Lang::from_locale(report.lang).unwrap_or(Lang::En)
}

/// `1234567` → `1,234,567`.
pub(crate) fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A bucket width as people say it: `1 min`, `3 h`, `1 day`, `4 weeks`.
pub(crate) fn duration(secs: i64, lang: Lang) -> String {
    let (n, unit) = match secs {
        s if s % 604_800 == 0 => (s / 604_800, L("week", "สัปดาห์")),
        s if s % 86_400 == 0 => (s / 86_400, L("day", "วัน")),
        s if s % 3600 == 0 => (s / 3600, L("h", "ชม.")),
        s => (s / 60, L("min", "นาที")),
    };
    let unit = unit.get(lang);
    if n != 1 && lang == Lang::En && (unit == "week" || unit == "day") {
        format!("{n} {unit}s")
    } else {
        format!("{n} {unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(duration(60, Lang::En), "1 min");
        assert_eq!(duration(10_800, Lang::En), "3 h");
        assert_eq!(duration(1_209_600, Lang::En), "2 weeks");
        assert_eq!(duration(86_400, Lang::Th), "1 วัน");
    }
}
