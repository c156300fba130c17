//! Clear words for an input of which no line could be read: the formats tried, what the first
//! lines look like, a guess at what the log is when its shape is known, and the flags that help.

use crate::format::Format;
use crate::json::{self, JsonFields};

/// How many of the first lines are quoted.
const QUOTED: usize = 2;
/// Each quoted line is cut to this many characters.
const QUOTE_CHARS: usize = 100;

/// The message for an input of which nothing could be read; `sample` is its first bytes.
pub(crate) fn unreadable(sample: &[u8], forced: Option<Format>, fields: &JsonFields) -> String {
    let lines: Vec<&[u8]> = sample
        .split(|c| *c == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter(|l| !l.trim_ascii().is_empty())
        .take(50)
        .collect();
    let data: Vec<&[u8]> = lines
        .iter()
        .copied()
        .filter(|l| l.first() != Some(&b'#'))
        .collect();
    let tried = match forced {
        Some(f) => format!("as {} (--format {})", f.name(), f.token()),
        None => format!(
            "in any of the formats tried ({})",
            Format::ALL
                .iter()
                .map(|f| f.token())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let quoted: Vec<String> = data.iter().take(QUOTED).map(|l| quote(l)).collect();
    let mut msg = format!("no line could be read {tried}");
    if quoted.is_empty() {
        msg.push_str("; there are no data lines, only directives or comments");
    } else {
        msg.push_str(&format!(
            "; the first lines look like: {}",
            quoted.join(" | ")
        ));
    }
    let has_fields = lines.iter().any(|l| l.starts_with(b"#Fields:"));
    if let Some(guess) = data.first().and_then(|l| looks_like(l, has_fields, fields)) {
        msg.push_str("; ");
        msg.push_str(&guess);
    }
    msg.push_str("; to read it, give its format with --format FORMAT (w3c, iis-native, ncsa, json, alb, elb, nlb, cloudfront, s3, haproxy, envoy, ingress-nginx), or for JSON lines the key of the status with --json-status-field KEY (a.b for nested keys)");
    msg
}

fn quote(line: &[u8]) -> String {
    let s = String::from_utf8_lossy(line);
    let cut: String = s.chars().take(QUOTE_CHARS).collect();
    let cut: String = cut
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if s.chars().count() > QUOTE_CHARS {
        format!("`{cut}…`")
    } else {
        format!("`{cut}`")
    }
}

fn is_iso_time(b: &[u8]) -> bool {
    b.len() >= 19 && b[4] == b'-' && b[7] == b'-' && b[10] == b'T' && b[13] == b':'
}

fn words(line: &[u8]) -> Vec<&[u8]> {
    line.split(|c| *c == b' ')
        .filter(|w| !w.is_empty())
        .collect()
}

/// A guess at what the log is, when its shape is known but its layout is not one we read.
fn looks_like(line: &[u8], has_fields: bool, fields: &JsonFields) -> Option<String> {
    let w = words(line);
    let first = *w.first()?;
    let object = json::unprefixed(line);
    if object.first() == Some(&b'{') {
        return Some(match serde_json::from_slice::<serde_json::Value>(object) {
            Ok(serde_json::Value::Object(map)) => {
                if map.get("log").is_some_and(serde_json::Value::is_string) {
                    "this looks like a Docker json-file log: the access log line is the text in \"log\"; take it out first: jq -r .log FILE | httpstatus logs -".to_string()
                } else {
                    let keys: Vec<&str> = map.keys().map(String::as_str).take(15).collect();
                    format!(
                        "this looks like JSON lines, but none of the status keys tried ({}) is in them; the keys are: {}",
                        fields.status.join(", "),
                        keys.join(", ")
                    )
                }
            }
            _ => "this looks like JSON, but the line is not one complete JSON object (a pretty-printed file? use jq -c . FILE)".to_string(),
        });
    }
    if has_fields {
        return Some("this looks like a W3C extended log (it has #Fields), but its values do not match the #Fields names: count the values of a line against the names".to_string());
    }
    let alb_types: [&[u8]; 6] = [b"http", b"https", b"h2", b"grpcs", b"ws", b"wss"];
    if alb_types.contains(&first) && w.get(1).is_some_and(|t| is_iso_time(t)) {
        return Some("this looks like an AWS ALB log, but its fields are not in the documented order (too few fields, or a layout this version does not know)".to_string());
    }
    if (first == b"tls" || first == b"tcp" || first == b"udp")
        && w.get(2).is_some_and(|t| is_iso_time(t))
    {
        return Some("this looks like an AWS NLB log, but not its TLS listener layout".to_string());
    }
    if is_iso_time(first) && w.get(2).is_some_and(|t| t.contains(&b':')) {
        return Some("this looks like an AWS Classic ELB log, but its fields are not in the documented order".to_string());
    }
    let months: [&[u8]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    if (first.first() == Some(&b'<') && first.contains(&b'>')) || months.contains(&first) {
        return Some("this looks like syslog: of the programs that log through syslog, only HAProxy HTTP logs (option httplog) are read; option tcplog lines and other programs' lines carry no HTTP status".to_string());
    }
    if memchr::memchr(b'\t', line).is_some() && line.split(|c| *c == b'\t').count() >= 5 {
        return Some(
            "this looks like tab-separated values, but not CloudFront's layout".to_string(),
        );
    }
    if let Some(open) = memchr::memchr(b'[', line) {
        let d = &line[open + 1..];
        if d.len() > 20 && d[2] == b'/' && d[6] == b'/' {
            return Some("this looks like an NCSA-style log with a [time] field, but not Common/Combined (a custom LogFormat or log_format?): the quoted request must follow the time, then the status".to_string());
        }
    }
    let pairs = w
        .iter()
        .filter(|t| t.contains(&b'=') && !t.starts_with(b"="))
        .count();
    if pairs >= 3 && pairs * 2 >= w.len() {
        return Some("this looks like logfmt (key=value pairs), which is not read: write the log as JSON lines instead".to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(s: &str) -> String {
        unreadable(s.as_bytes(), None, &JsonFields::default())
    }

    #[test]
    fn messages() {
        let m = msg("hello world\nsecond line\n");
        assert!(
            m.contains("ncsa") && m.contains("alb") && m.contains("`hello world`"),
            "{m}"
        );
        assert!(
            m.contains("--format") && m.contains("--json-status-field"),
            "{m}"
        );
        let m = msg("{\"code\":200,\"path\":\"/\"}\n");
        assert!(m.contains("keys are: code, path"), "{m}");
        let m = msg("https 2018-07-02T22:23:00.186641Z app/x 1.2.3.4:1 - 0 0 0 200\n");
        assert!(m.contains("AWS ALB"), "{m}");
        let m = msg("<134>Feb  6 12:14:14 localhost haproxy[1]: 10.0.0.1:1 [06/Feb/2009:12:14:14.655] fe be 0/0/0 --\n");
        assert!(m.contains("syslog"), "{m}");
        let m = msg("level=info ts=1 method=GET status=200\n");
        assert!(m.contains("logfmt"), "{m}");
        let m = unreadable(b"x\n", Some(Format::Json), &JsonFields::default());
        assert!(m.contains("as JSON lines (--format json)"), "{m}");
    }
}
