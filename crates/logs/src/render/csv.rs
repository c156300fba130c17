//! CSV: one row per status, IIS sub-status and Win32 status, so the counts of the rows add up to
//! the requests counted. RFC 4180 quoting.

use std::io::{self, Write};

use crate::report::Report;

const HEADER: &str = "status,sub,code,class,win32,win32_name,count,percent,id,title,explanation";

/// Writes the code table as CSV, with a header row.
pub fn csv(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "{HEADER}")?;
    for c in &report.codes {
        let sub = c.sub.map(|s| s.to_string()).unwrap_or_default();
        let rows: Vec<(String, &str, u64)> = if c.win32.is_empty() {
            vec![(String::new(), "", c.count)]
        } else {
            c.win32
                .iter()
                .map(|x| (x.code.to_string(), x.name.unwrap_or(""), x.count))
                .collect()
        };
        for (win32, name, count) in rows {
            let percent = if report.records == 0 {
                0.0
            } else {
                count as f64 * 100.0 / report.records as f64
            };
            writeln!(
                w,
                "{},{},{},{},{},{},{},{:.3},{},{},{}",
                c.status,
                sub,
                field(&c.code),
                c.class,
                win32,
                field(name),
                count,
                percent,
                field(c.id.unwrap_or("")),
                field(&c.title),
                field(&c.explanation)
            )?;
        }
    }
    Ok(())
}

/// Quotes a field when it holds a comma, a quote or a line end. A leading `=`, `+`, `-` or `@`
/// is prefixed with `'` so spreadsheets do not run it as a formula (log text is untrusted).
fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=cmd()"), "'=cmd()");
    }
}
