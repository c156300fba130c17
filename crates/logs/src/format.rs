//! Log formats, and how each input's format is found from its first lines.

use std::fmt;

use serde::Serialize;

use crate::json::{self, JsonFields};
use crate::time::TimeCache;
use crate::{native, ncsa, w3c};

/// A log format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// W3C extended (IIS, also its HTTPERR and FTP logs; Oracle Web Cache; IIS Advanced Logging).
    W3c,
    /// IIS native, comma-separated.
    IisNative,
    /// NCSA Common or Combined (nginx, Apache and most others).
    Ncsa,
    /// JSON lines.
    Json,
}

impl Format {
    /// Every format, in the order detection prefers them on a tie.
    pub const ALL: [Format; 4] = [Format::W3c, Format::IisNative, Format::Ncsa, Format::Json];

    /// The name used on the command line and in JSON: `w3c`, `iis-native`, `ncsa`, `json`.
    pub const fn token(self) -> &'static str {
        match self {
            Format::W3c => "w3c",
            Format::IisNative => "iis-native",
            Format::Ncsa => "ncsa",
            Format::Json => "json",
        }
    }

    /// Parses a name; `iis`, `combined`, `common`, `nginx`, `apache` and `jsonl` are accepted too.
    pub fn from_token(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "w3c" | "iis" | "iis-w3c" => Some(Format::W3c),
            "iis-native" | "native" => Some(Format::IisNative),
            "ncsa" | "combined" | "common" | "clf" | "nginx" | "apache" => Some(Format::Ncsa),
            "json" | "jsonl" | "ndjson" => Some(Format::Json),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.token())
    }
}

/// What the first lines of an input look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detection {
    Format(Format),
    /// NUL bytes or mostly control characters: not a text log.
    Binary,
    /// Text, but no line in the sample is in a known format.
    Unknown,
}

/// How many lines of an input the detection looks at.
const SAMPLE_LINES: usize = 50;

const W3C_DIRECTIVES: [&[u8]; 8] = [
    b"#Fields:",
    b"#Software:",
    b"#Version:",
    b"#Date:",
    b"#Start-Date:",
    b"#Remark:",
    b"#GMT-Offset:",
    b"#End-Date:",
];

/// Detects the format from the start of an input.
pub(crate) fn detect(sample: &[u8], json_fields: &JsonFields) -> Detection {
    let sample = &sample[..sample.len().min(256 * 1024)];
    if is_binary(sample) {
        return Detection::Binary;
    }
    let mut score = [0usize; 4];
    let default = w3c::State::iis_default();
    let mut tokens = Vec::new();
    let mut cache = TimeCache::default();
    let lines = sample
        .split(|c| *c == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter(|l| !l.trim_ascii().is_empty())
        .take(SAMPLE_LINES);
    for line in lines {
        if line[0] == b'#' {
            if W3C_DIRECTIVES
                .iter()
                .any(|d| line.len() >= d.len() && line[..d.len()].eq_ignore_ascii_case(d))
            {
                score[0] += 3;
            }
            continue;
        }
        if line[0] == b'{'
            && serde_json::from_slice::<serde_json::Value>(line)
                .is_ok_and(|v| json::record(&v, json_fields).is_ok())
        {
            score[3] += 1;
        }
        if ncsa::parse(line, &mut cache).is_ok() {
            score[2] += 1;
        }
        if native::parse(line).is_ok() {
            score[1] += 1;
        }
        if default.parse(line, &mut tokens, &mut cache).is_ok() {
            score[0] += 1;
        }
    }
    let best = (0..4).rev().max_by_key(|i| score[*i]).unwrap_or(0);
    if score[best] == 0 {
        Detection::Unknown
    } else {
        Detection::Format(Format::ALL[best])
    }
}

/// NUL bytes, or more than one byte in ten a control character other than tab and line ends.
fn is_binary(sample: &[u8]) -> bool {
    if memchr::memchr(0, sample).is_some() {
        return true;
    }
    let control = sample
        .iter()
        .filter(|c| **c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    control * 10 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Detection {
        detect(s.as_bytes(), &JsonFields::default())
    }

    #[test]
    fn detects() {
        assert_eq!(d("#Software: Microsoft Internet Information Services 10.0\n#Fields: date time sc-status\n"), Detection::Format(Format::W3c));
        assert_eq!(
            d("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"\n"),
            Detection::Format(Format::Ncsa)
        );
        assert_eq!(
            d("{\"status\":200,\"uri\":\"/\"}\n"),
            Detection::Format(Format::Json)
        );
        assert_eq!(
            d("192.168.114.201, -, 03/20/01, 7:55:20, W3SVC2, SALES1, 172.21.13.45, 4502, 163, 3223, 200, 0, GET, /DeptLogo.gif, -,\n"),
            Detection::Format(Format::IisNative)
        );
        assert_eq!(
            d("2024-01-02 03:04:05 10.0.0.1 GET / - 443 - 192.0.2.7 - - 200 0 0 5\n"),
            Detection::Format(Format::W3c)
        );
        assert_eq!(d("hello\nworld\n"), Detection::Unknown);
        assert_eq!(d(""), Detection::Unknown);
        assert_eq!(
            detect(b"\x00\x01\x02abc", &JsonFields::default()),
            Detection::Binary
        );
        assert_eq!(
            detect(
                &[0x16u8, 0x03, 0x01, 0x02, 0x05, 0x07][..],
                &JsonFields::default()
            ),
            Detection::Binary
        );
    }

    #[test]
    fn tokens() {
        for f in Format::ALL {
            assert_eq!(Format::from_token(f.token()), Some(f));
        }
        assert_eq!(Format::from_token("Combined"), Some(Format::Ncsa));
        assert_eq!(Format::from_token("syslog"), None);
    }
}
