//! Log formats, and how each input's format is found from its first lines.

use std::fmt;

use serde::Serialize;

use crate::json::{self, JsonFields};
use crate::record::{Malformed, Record};
use crate::time::TimeCache;
use crate::{cloud, native, ncsa, proxy, w3c, w3c_shape};

/// A log format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// W3C extended (IIS, also its HTTPERR and FTP logs; Oracle Web Cache; IIS Advanced Logging).
    W3c,
    /// IIS native, comma-separated.
    IisNative,
    /// NCSA Common or Combined (nginx, Apache, Varnish `varnishncsa` and most others).
    Ncsa,
    /// JSON lines (also Traefik, Google Cloud load balancer, Azure Front Door and Application
    /// Gateway, Cloudflare Logpush, Caddy).
    Json,
    /// AWS Application Load Balancer.
    Alb,
    /// AWS Classic Elastic Load Balancer.
    Elb,
    /// AWS Network Load Balancer TLS logs (connections, not HTTP).
    Nlb,
    /// Amazon CloudFront standard logs (tab-separated).
    #[serde(rename = "cloudfront")]
    CloudFront,
    /// Amazon S3 server access logs.
    S3,
    /// HAProxy HTTP logs (`option httplog`), with or without a syslog prefix.
    Haproxy,
    /// Envoy's default access log.
    Envoy,
    /// ingress-nginx (Kubernetes): NCSA Combined with upstream fields.
    IngressNginx,
}

impl Format {
    /// Every format, in the order detection prefers them on a tie (the specific ones before
    /// the NCSA and JSON lines they resemble).
    pub const ALL: [Format; 12] = [
        Format::W3c,
        Format::IisNative,
        Format::Alb,
        Format::Elb,
        Format::Nlb,
        Format::CloudFront,
        Format::S3,
        Format::Haproxy,
        Format::Envoy,
        Format::IngressNginx,
        Format::Ncsa,
        Format::Json,
    ];

    /// How many formats there are.
    pub const COUNT: usize = 12;

    /// The name used on the command line and in JSON: `w3c`, `iis-native`, `ncsa`, `json`,
    /// `alb`, `elb`, `nlb`, `cloudfront`, `s3`, `haproxy`, `envoy`, `ingress-nginx`.
    pub const fn token(self) -> &'static str {
        match self {
            Format::W3c => "w3c",
            Format::IisNative => "iis-native",
            Format::Ncsa => "ncsa",
            Format::Json => "json",
            Format::Alb => "alb",
            Format::Elb => "elb",
            Format::Nlb => "nlb",
            Format::CloudFront => "cloudfront",
            Format::S3 => "s3",
            Format::Haproxy => "haproxy",
            Format::Envoy => "envoy",
            Format::IngressNginx => "ingress-nginx",
        }
    }

    /// Parses a name; `iis`, `combined`, `common`, `nginx`, `apache`, `varnish`, `jsonl`,
    /// `traefik`, `caddy` ... are accepted too.
    pub fn from_token(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "w3c" | "iis" | "iis-w3c" => Some(Format::W3c),
            "iis-native" | "native" => Some(Format::IisNative),
            "ncsa" | "combined" | "common" | "clf" | "nginx" | "apache" | "varnish"
            | "varnishncsa" => Some(Format::Ncsa),
            "json" | "jsonl" | "ndjson" | "traefik" | "caddy" | "gcp" | "gclb" | "azure"
            | "cloudflare" => Some(Format::Json),
            "alb" | "aws-alb" => Some(Format::Alb),
            "elb" | "aws-elb" | "classic-elb" => Some(Format::Elb),
            "nlb" | "aws-nlb" => Some(Format::Nlb),
            "cloudfront" | "aws-cloudfront" => Some(Format::CloudFront),
            "s3" | "aws-s3" => Some(Format::S3),
            "haproxy" => Some(Format::Haproxy),
            "envoy" | "istio" => Some(Format::Envoy),
            "ingress-nginx" | "ingress" => Some(Format::IngressNginx),
            _ => None,
        }
    }

    /// The index of this format's counter.
    pub(crate) const fn index(self) -> usize {
        self as usize
    }

    /// A human name: `AWS ALB`, `HAProxy` ...
    pub const fn name(self) -> &'static str {
        match self {
            Format::W3c => "W3C extended (IIS)",
            Format::IisNative => "IIS native",
            Format::Ncsa => "NCSA common/combined",
            Format::Json => "JSON lines",
            Format::Alb => "AWS ALB",
            Format::Elb => "AWS Classic ELB",
            Format::Nlb => "AWS NLB TLS",
            Format::CloudFront => "CloudFront",
            Format::S3 => "S3 server access",
            Format::Haproxy => "HAProxy HTTP",
            Format::Envoy => "Envoy",
            Format::IngressNginx => "ingress-nginx",
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
    let mut score = [0usize; Format::COUNT];
    let default = w3c::State::iis_default();
    let mut tokens = Vec::new();
    let mut cache = TimeCache::default();
    let mut json_scratch = json::Scratch::default();
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
                // CloudFront writes W3C headers over tab-separated values.
                if memchr::memmem::find(line, b"x-edge-location").is_some() {
                    score[Format::CloudFront.index()] += 4;
                } else {
                    score[Format::W3c.index()] += 3;
                }
            }
            continue;
        }
        let unprefixed = json::unprefixed(line);
        if unprefixed.first() == Some(&b'{')
            && match json::record_fast(unprefixed, json_fields, false, &mut json_scratch) {
                Some(record) => record.is_ok(),
                None => serde_json::from_slice::<serde_json::Value>(unprefixed)
                    .is_ok_and(|v| json::record(&v, json_fields, false).is_ok()),
            }
        {
            score[Format::Json.index()] += 1;
        }
        for f in Format::ALL {
            let ok = match f {
                Format::Json => false,
                Format::W3c => {
                    default.parse(line, &mut tokens, &mut cache).is_ok()
                        || (line.first().is_some_and(u8::is_ascii_digit)
                            && w3c_shape::parse(line, &mut tokens, &mut cache).is_ok())
                }
                _ => parse_other(f, line, &mut cache, false).is_ok(),
            };
            if ok {
                score[f.index()] += 1;
            }
        }
    }
    let best = Format::ALL
        .iter()
        .rev()
        .copied()
        .max_by_key(|f| score[f.index()])
        .unwrap_or(Format::W3c);
    if score[best.index()] == 0 {
        Detection::Unknown
    } else {
        Detection::Format(best)
    }
}

/// Parses a line in one of the formats that need no state (every one but W3C and JSON). The
/// request path is read for errors only, or for every line with `all_paths` (a `--path`
/// filter): the report uses it for nothing else (`cloud::wanted`).
pub(crate) fn parse_other<'a>(
    f: Format,
    line: &'a [u8],
    cache: &mut TimeCache,
    all_paths: bool,
) -> Result<Record<'a>, Malformed> {
    match f {
        Format::Ncsa => ncsa::parse_with(line, cache, all_paths),
        Format::IisNative => native::parse(line),
        Format::Alb => cloud::alb(line, cache, all_paths),
        Format::Elb => cloud::elb(line, cache, all_paths),
        Format::Nlb => cloud::nlb(line, cache),
        Format::CloudFront => cloud::cloudfront(line, cache, all_paths),
        Format::S3 => cloud::s3(line, cache, all_paths),
        Format::Haproxy => proxy::haproxy(line, cache, all_paths),
        Format::Envoy => proxy::envoy(line, cache, all_paths),
        Format::IngressNginx => proxy::ingress_nginx(line, cache, all_paths),
        Format::W3c | Format::Json => Err("not a line of this format"),
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

    /// Without a `--path` filter the request path is read for errors only; everything else
    /// is the same as with it.
    #[test]
    fn paths_only_when_the_report_uses_them() {
        let fixtures = [
            (Format::Alb, include_str!("../tests/data/alb.log")),
            (Format::Elb, include_str!("../tests/data/elb.log")),
            (Format::Nlb, include_str!("../tests/data/nlb.log")),
            (
                Format::CloudFront,
                include_str!("../tests/data/cloudfront.log"),
            ),
            (Format::S3, include_str!("../tests/data/s3.log")),
            (Format::Haproxy, include_str!("../tests/data/haproxy.log")),
            (Format::Envoy, include_str!("../tests/data/envoy.log")),
            (
                Format::IngressNginx,
                include_str!("../tests/data/ingress_nginx.log"),
            ),
            (Format::Ncsa, include_str!("../tests/data/combined.log")),
        ];
        let (mut with_path, mut without) = (0, 0);
        for (f, text) in fixtures {
            for line in text.lines() {
                let mut cache = TimeCache::default();
                let all = parse_other(f, line.as_bytes(), &mut cache, true);
                let some = parse_other(f, line.as_bytes(), &mut cache, false);
                let (all, some) = match (all, some) {
                    (Ok(all), Ok(some)) => (all, some),
                    (all, some) => {
                        assert_eq!(all.err(), some.err(), "{f} {line}");
                        continue;
                    }
                };
                let show = |r: &Record<'_>| {
                    format!(
                        "{:?} {} {:?} {:?} {:?} {:?} {:?} {} {:?}",
                        r.kind,
                        r.status,
                        r.sub,
                        r.win32,
                        r.client,
                        r.time,
                        r.reason,
                        r.tls,
                        r.cause
                    )
                };
                assert_eq!(show(&all), show(&some), "{f} {line}");
                if crate::summary::is_error(all.status) {
                    assert_eq!(all.path, some.path, "{f} {line}");
                } else {
                    assert_eq!(some.path, None, "{f} {line}");
                }
                if all.path.is_some() {
                    if some.path.is_some() {
                        with_path += 1;
                    } else {
                        without += 1;
                    }
                }
            }
        }
        // Both kinds of line are in the fixtures.
        assert!(with_path > 10 && without > 10, "{with_path} {without}");
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
