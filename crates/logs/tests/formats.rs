//! Cloud, CDN and proxy log formats, detected without flags, each on a fixture written and counted
//! by hand (`tests/data/*.log`, `*.json`; see SOURCES.md); the causes they carry, explained from
//! the registry; encodings; `--format` forcing; and the message when nothing can be read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use httpstatus_codes::Lang;
use httpstatus_logs::{Analyzer, Format, Options, Report, ReportOptions, Source};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn run(names: &[&str], options: &Options, lang: Lang) -> Report {
    let mut a = Analyzer::new(options);
    for n in names {
        a.add_source(&Source::Path(data(n)));
    }
    Report::build(
        &a.finish(),
        &ReportOptions {
            lang,
            ..ReportOptions::default()
        },
    )
}

fn report(name: &str) -> Report {
    run(&[name], &Options::default(), Lang::En)
}

fn bytes(bytes: &[u8], options: &Options) -> Report {
    let mut a = Analyzer::new(options);
    a.add_reader("input", bytes);
    Report::build(&a.finish(), &ReportOptions::default())
}

/// `code → count`.
fn codes(r: &Report) -> BTreeMap<String, u64> {
    r.codes.iter().map(|c| (c.code.clone(), c.count)).collect()
}

fn map(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(k, v)| ((*k).to_string(), *v)).collect()
}

/// `(code, kind, value) → count` of the causes.
fn causes(r: &Report) -> BTreeMap<(String, String, String), u64> {
    r.causes
        .iter()
        .map(|c| {
            (
                (c.code.clone(), c.kind.to_string(), c.value.clone()),
                c.count,
            )
        })
        .collect()
}

fn cause(code: &str, kind: &str, value: &str) -> (String, String, String) {
    (code.to_string(), kind.to_string(), value.to_string())
}

fn explanation<'r>(r: &'r Report, code: &str, value: &str) -> &'r str {
    r.causes
        .iter()
        .find(|c| c.code == code && c.value == value)
        .and_then(|c| c.explanation.as_deref())
        .unwrap_or_else(|| panic!("no explained cause {code} {value}: {:?}", r.causes))
}

fn only_format(r: &Report, f: Format) {
    assert_eq!(r.inputs[0].format, Some(f), "{:?}", r.inputs);
    assert_eq!(r.formats.keys().copied().collect::<Vec<_>>(), vec![f]);
    assert_eq!(r.malformed, 0, "{:?}", r.malformed_examples);
}

#[test]
fn aws_alb() {
    let r = report("alb.log");
    only_format(&r, Format::Alb);
    assert_eq!(
        codes(&r),
        map(&[
            ("200", 3),
            ("101", 1),
            ("460", 1),
            ("463", 1),
            ("464", 1),
            ("561", 1),
            ("000", 1),
            ("502", 2),
            ("503", 1),
            ("404", 1),
        ])
    );
    // AWS's own codes are explained as AWS's, 000 too.
    for code in ["460", "463", "464", "561", "000"] {
        let row = r.codes.iter().find(|c| c.code == code).map(|c| c.id);
        assert_eq!(row, Some(Some(&*format!("aws:{code}"))), "{code}");
    }
    // Paths without the scheme and host of the absolute request URL.
    let p502: Vec<&str> = r
        .codes
        .iter()
        .find(|c| c.code == "502")
        .map(|c| c.top_paths.iter().map(|p| p.value.as_str()).collect())
        .unwrap_or_default();
    assert_eq!(p502, vec!["/api/broken", "/lambda/report"]);
    assert_eq!(
        causes(&r),
        BTreeMap::from([
            (cause("000", "alb-target", "-"), 1),
            (cause("404", "alb-target", "404"), 1),
            (cause("460", "alb-target", "-"), 1),
            (cause("463", "alb-target", "-"), 1),
            (cause("464", "alb-target", "-"), 1),
            (cause("502", "alb-error-reason", "LambdaUnhandled"), 1),
            (cause("502", "alb-target", "502"), 1),
            (cause("503", "alb-target", "-"), 1),
            (
                cause("561", "alb-error-reason", "AuthTokenEpRequestFailed"),
                1
            ),
        ])
    );
    assert!(explanation(&r, "502", "LambdaUnhandled").contains("Lambda"));
    assert!(explanation(&r, "503", "-").contains("No target answered"));
    assert!(explanation(&r, "502", "502").contains("target itself"));
    let th = run(&["alb.log"], &Options::default(), Lang::Th);
    let x = th
        .causes
        .iter()
        .find(|c| c.value == "LambdaUnhandled")
        .and_then(|c| c.explanation.clone())
        .unwrap_or_default();
    assert!(x.contains("ฟังก์ชัน"), "{x}");
}

#[test]
fn classic_elb_and_its_tcp_connections() {
    let r = report("elb.log");
    only_format(&r, Format::Elb);
    assert_eq!(
        codes(&r),
        map(&[("200", 2), ("504", 1), ("503", 1), ("404", 1)])
    );
    assert_eq!(r.records, 5);
    let c = r.connections.as_ref().map(|c| c.entries);
    assert_eq!(c, Some(1));
    assert_eq!(causes(&r).get(&cause("504", "alb-target", "0")), Some(&1));
    assert!(explanation(&r, "504", "0").contains("No target answered"));
}

#[test]
fn a_damaged_iis_line_is_malformed_not_an_elb_connection() {
    // An HTTPERR log whose tail was overwritten with NUL bytes (as after a crash), past the first
    // block, so the input is read as text: the damaged line fits no format. It was taken for a
    // Classic ELB TCP connection (a date as its time, a `:` somewhere in the third field).
    let mut log = String::from(
        "#Software: Microsoft HTTP API 2.0\n#Version: 1.0\n#Date: 2024-01-02 05:00:00\n\
         #Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid \
         sc-status s-siteid s-reason s-queuename\n",
    );
    let good =
        "2024-01-02 05:00:01 192.0.2.30 50123 10.0.0.1 80 - - - - - - Timer_ConnectionIdle -\n";
    for _ in 0..15_000 {
        log.push_str(good);
    }
    let damaged = format!(
        "2024-01-02 0{} {}5:00:02 192.0.2.31 50124 10.0.0.1 80 - - - - - - Timer_ConnectionIdle -\n",
        "\0".repeat(20),
        "\0".repeat(30)
    );
    log.push_str(&damaged);
    log.push_str(good);
    assert!(
        log.len() > 1 << 20,
        "the damaged line is past the first block"
    );
    let r = bytes(log.as_bytes(), &Options::default());
    assert!(r.connections.is_none(), "{:?}", r.connections);
    assert_eq!(r.malformed, 1);
    assert_eq!(r.httperr.as_ref().map(|h| h.entries), Some(15_001));
    assert_eq!(r.lines, 4 + 15_001 + 1);
}

#[test]
fn nlb_tls_lines_are_connections_not_http() {
    let r = report("nlb.log");
    only_format(&r, Format::Nlb);
    assert_eq!(r.records, 0);
    assert!(r.codes.is_empty());
    let c = r.connections.as_ref().map(|c| {
        (
            c.entries,
            c.rows
                .iter()
                .map(|x| (x.value.clone(), x.count))
                .collect::<BTreeMap<_, _>>(),
        )
    });
    assert_eq!(
        c,
        Some((
            4,
            BTreeMap::from([
                ("tlsv12".to_string(), 2),
                ("tlsv13".to_string(), 1),
                ("TLS handshake not completed".to_string(), 1),
            ])
        ))
    );
    assert!(r
        .connections
        .as_ref()
        .is_some_and(|c| c.note.contains("no HTTP request")));
    assert_eq!(r.counted(), 4);
}

#[test]
fn cloudfront_tab_separated_with_spaces_in_values() {
    let r = report("cloudfront.log");
    only_format(&r, Format::CloudFront);
    assert_eq!(
        codes(&r),
        map(&[
            ("200", 2),
            ("304", 1),
            ("404", 1),
            ("502", 1),
            ("504", 1),
            ("403", 1),
            ("000", 1),
        ])
    );
    assert_eq!(
        causes(&r),
        BTreeMap::from([
            (cause("000", "cloudfront-result", "ClientHungUpRequest"), 1),
            (cause("403", "cloudfront-result", "ClientGeoBlocked"), 1),
            (cause("404", "cloudfront-result", "Error"), 1),
            (cause("502", "cloudfront-result", "OriginConnectError"), 1),
            (cause("504", "cloudfront-result", "OriginReadError"), 1),
        ])
    );
    assert!(explanation(&r, "504", "OriginReadError").contains("origin response timeout"));
}

#[test]
fn s3_server_access_logs() {
    let r = report("s3.log");
    only_format(&r, Format::S3);
    assert_eq!(
        codes(&r),
        map(&[
            ("200", 2),
            ("404", 1),
            ("403", 1),
            ("503", 1),
            ("206", 1),
            ("304", 1)
        ])
    );
    assert_eq!(
        causes(&r),
        BTreeMap::from([
            (cause("403", "s3-error", "AccessDenied"), 1),
            (cause("404", "s3-error", "NoSuchKey"), 1),
            (cause("503", "s3-error", "SlowDown"), 1),
        ])
    );
    let top = r
        .codes
        .iter()
        .find(|c| c.code == "403")
        .map(|c| c.top_paths[0].value.clone());
    assert_eq!(top.as_deref(), Some("/example-bucket/private/x.pdf"));
}

#[test]
fn haproxy_with_and_without_syslog_prefix() {
    let r = report("haproxy.log");
    only_format(&r, Format::Haproxy);
    assert_eq!(
        codes(&r),
        map(&[
            ("200", 3),
            ("504", 1),
            ("408", 1),
            ("503", 1),
            ("502", 1),
            ("403", 1)
        ])
    );
    assert_eq!(
        causes(&r),
        BTreeMap::from([
            (cause("403", "haproxy-termination", "PR"), 1),
            (cause("408", "haproxy-termination", "cR"), 1),
            (cause("502", "haproxy-termination", "PH"), 1),
            (cause("503", "haproxy-termination", "SC"), 1),
            (cause("504", "haproxy-termination", "sH"), 1),
        ])
    );
    // Both letters explained; case matters (`s` is a server timeout, `S` a server abort).
    let x = explanation(&r, "504", "sH");
    assert!(
        x.starts_with("s: The server-side timeout") && x.contains("H: "),
        "{x}"
    );
    assert!(explanation(&r, "503", "SC").starts_with("S: The server aborted"));
}

#[test]
fn envoy_default_format() {
    let r = report("envoy.log");
    only_format(&r, Format::Envoy);
    assert_eq!(
        codes(&r),
        map(&[
            ("204", 1),
            ("200", 1),
            ("503", 2),
            ("504", 1),
            ("000", 1),
            ("429", 1),
            ("404", 1),
        ])
    );
    assert_eq!(
        causes(&r),
        BTreeMap::from([
            (cause("000", "envoy-flags", "DC"), 1),
            (cause("404", "envoy-flags", "NR"), 1),
            (cause("429", "envoy-flags", "RL"), 1),
            (cause("503", "envoy-flags", "UF,URX"), 1),
            (cause("503", "envoy-flags", "UH"), 1),
            (cause("504", "envoy-flags", "UT"), 1),
        ])
    );
    let x = explanation(&r, "503", "UF,URX");
    assert!(x.contains("UF: ") && x.contains("URX: "), "{x}");
}

#[test]
fn ingress_nginx_upstream_status_lists() {
    let r = report("ingress_nginx.log");
    only_format(&r, Format::IngressNginx);
    assert_eq!(
        codes(&r),
        map(&[("200", 2), ("502", 2), ("504", 1), ("503", 1), ("404", 1)])
    );
    assert_eq!(
        causes(&r),
        BTreeMap::from([
            // A success after a retry is shown too: a failure the client never saw.
            (cause("200", "upstream-status", "502, 200"), 1),
            (cause("404", "upstream-status", "404"), 1),
            (cause("502", "upstream-status", "502"), 1),
            (cause("502", "upstream-status", "502, 502"), 1),
            (cause("503", "upstream-status", "-"), 1),
            (cause("504", "upstream-status", "504"), 1),
        ])
    );
    assert!(explanation(&r, "502", "502, 502").contains("more than one upstream"));
    assert!(explanation(&r, "503", "-").contains("nginx answered by itself"));
    assert!(explanation(&r, "504", "504").contains("upstream itself"));
}

#[test]
fn varnishncsa_is_ncsa() {
    let r = report("varnish.log");
    only_format(&r, Format::Ncsa);
    assert_eq!(codes(&r), map(&[("200", 3), ("304", 1), ("503", 1)]));
}

#[test]
fn json_flavours_without_flags() {
    // Traefik: DownstreamStatus, OriginStatus as the cause.
    let r = report("traefik.json");
    only_format(&r, Format::Json);
    assert_eq!(
        codes(&r),
        map(&[("200", 2), ("404", 1), ("502", 1), ("504", 1), ("500", 1)])
    );
    assert_eq!(
        causes(&r).get(&cause("502", "origin-status", "000")),
        Some(&1)
    );
    assert!(explanation(&r, "502", "000").contains("No answer from the origin"));
    assert!(explanation(&r, "500", "500").contains("origin itself"));
    let top = r
        .codes
        .iter()
        .find(|c| c.code == "404")
        .map(|c| c.top_clients[0].value.clone());
    assert_eq!(top.as_deref(), Some("192.0.2.132"));

    // Google Cloud load balancer: httpRequest.status, path of httpRequest.requestUrl.
    let r = report("gclb.json");
    only_format(&r, Format::Json);
    assert_eq!(codes(&r), map(&[("200", 2), ("404", 1), ("502", 1)]));
    let p = r
        .codes
        .iter()
        .find(|c| c.code == "502")
        .map(|c| c.top_paths[0].value.clone());
    assert_eq!(p.as_deref(), Some("/api"));
    assert_eq!(r.first_time.as_deref(), Some("2024-03-01T21:00:01Z"));
    // statusDetails is the cause of a failure (successes carry one too, and are not grouped).
    assert_eq!(
        causes(&r),
        BTreeMap::from([
            (
                cause("404", "gclb-status-details", "response_sent_by_backend"),
                1
            ),
            (
                cause("502", "gclb-status-details", "failed_to_connect_to_backend"),
                1
            ),
        ])
    );
    assert!(explanation(&r, "502", "failed_to_connect_to_backend").contains("could not connect"));
    assert!(explanation(&r, "404", "response_sent_by_backend").contains("backend produced"));

    // Azure Front Door (status as a string) and Application Gateway (serverStatus as the cause).
    let r = report("azure_frontdoor.json");
    only_format(&r, Format::Json);
    assert_eq!(
        codes(&r),
        map(&[("200", 1), ("304", 1), ("404", 1), ("503", 1)])
    );
    // errorInfo is the cause: the 503 is Front Door's own, the 404 the origin's.
    assert_eq!(
        causes(&r),
        BTreeMap::from([
            (cause("404", "azure-error-info", "NoError"), 1),
            (cause("503", "azure-error-info", "OriginConnectionError"), 1),
        ])
    );
    assert!(explanation(&r, "503", "OriginConnectionError").contains("could not open a connection"));
    let r = report("azure_appgw.json");
    only_format(&r, Format::Json);
    assert_eq!(
        codes(&r),
        map(&[("200", 1), ("502", 1), ("504", 1), ("404", 1)])
    );
    assert_eq!(
        causes(&r).get(&cause("502", "origin-status", "502")),
        Some(&1)
    );

    // Cloudflare Logpush: edge status counted, origin status the cause; nanosecond times.
    let r = report("cloudflare.json");
    only_format(&r, Format::Json);
    assert_eq!(
        codes(&r),
        map(&[("200", 2), ("522", 1), ("404", 1), ("502", 1), ("520", 1)])
    );
    assert_eq!(
        causes(&r).get(&cause("522", "origin-status", "000")),
        Some(&1)
    );
    let id = r.codes.iter().find(|c| c.code == "522").and_then(|c| c.id);
    assert_eq!(id, Some("cloudflare:522"));
    assert_eq!(r.untimed, 0);
}

#[test]
fn caddy_behind_a_compose_prefix() {
    let r = report("caddy_compose.log");
    assert_eq!(r.inputs[0].format, Some(Format::Json));
    assert_eq!(codes(&r), map(&[("200", 2), ("404", 1), ("502", 1)]));
    // The startup line has no status.
    assert_eq!(r.malformed, 1);
    assert_eq!(r.malformed_examples[0].line, 1);
}

#[test]
fn w3c_without_fields_read_by_shape_and_said_so() {
    let r = report("iis_nofields.log");
    assert_eq!(r.inputs[0].format, Some(Format::W3c));
    assert_eq!(r.malformed, 0, "{:?}", r.malformed_examples);
    assert_eq!(
        codes(&r),
        map(&[("200.0", 3), ("404.0", 1), ("500.19", 1), ("401.2", 1)])
    );
    let note = r.notes.iter().find(|n| n.id == "w3c-without-fields");
    assert!(
        note.is_some_and(|n| n.text.starts_with("6 W3C lines")),
        "{:?}",
        r.notes
    );
    // `+` in an IIS path is shown as logged.
    let p = r
        .codes
        .iter()
        .find(|c| c.code == "404.0")
        .map(|c| c.top_paths[0].value.clone());
    assert_eq!(p.as_deref(), Some("/docs/my+file.txt"));
    let w = r
        .codes
        .iter()
        .find(|c| c.code == "500.19")
        .map(|c| c.win32[0].code);
    assert_eq!(w, Some(5));
}

#[test]
fn iis5_ftp_is_ftp_never_http() {
    let r = report("iis5_ftp.log");
    assert_eq!(r.records, 0);
    assert!(r.codes.is_empty(), "{:?}", codes(&r));
    let ftp = r.ftp.as_ref().map(|f| {
        (
            f.entries,
            f.rows
                .iter()
                .map(|x| (x.value.clone(), x.count))
                .collect::<BTreeMap<_, _>>(),
            f.commands
                .iter()
                .map(|c| c.value.clone())
                .collect::<Vec<_>>(),
        )
    });
    let (entries, rows, commands) = ftp.unwrap_or_default();
    assert_eq!(entries, 6);
    assert_eq!(
        rows,
        BTreeMap::from([
            ("226".to_string(), 2),
            ("230".to_string(), 1),
            ("331".to_string(), 2),
            ("530".to_string(), 1),
        ])
    );
    assert!(commands.contains(&"USER".to_string()), "{commands:?}");
    let text = serde_json::to_string(&r).unwrap_or_default();
    assert!(!text.contains("IM Used"));
}

#[test]
fn format_always_forces() {
    let forced = |f: Format| Options {
        format: Some(f),
        ..Options::default()
    };
    // Apache lines read as JSON: nothing, and the report says json, truly.
    let r = run(&["varnish.log"], &forced(Format::Json), Lang::En);
    assert_eq!((r.records, r.malformed), (0, 5));
    assert_eq!(r.inputs[0].format, Some(Format::Json));
    assert!(r.formats.is_empty());
    let hint = r.inputs[0].hint.clone().unwrap_or_default();
    assert!(hint.contains("as JSON lines (--format json)"), "{hint}");
    // The right format forced reads the same as detection.
    let r = run(&["haproxy.log"], &forced(Format::Haproxy), Lang::En);
    assert_eq!(r.records, 8);
    // ALB lines forced as ELB: every line malformed.
    let r = run(&["alb.log"], &forced(Format::Elb), Lang::En);
    assert_eq!((r.records, r.malformed), (0, 13));
}

#[test]
fn byte_order_marks_and_utf16() {
    let plain = std::fs::read(data("iis_w3c.log")).unwrap_or_default();
    let expected = bytes(&plain, &Options::default());
    assert!(expected.records > 0);
    let mut utf8 = vec![0xef, 0xbb, 0xbf];
    utf8.extend_from_slice(&plain);
    let text = String::from_utf8_lossy(&plain);
    let mut le = vec![0xff, 0xfe];
    let mut be = vec![0xfe, 0xff];
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    for (what, input) in [("utf-8 bom", utf8), ("utf-16le", le), ("utf-16be", be)] {
        let r = bytes(&input, &Options::default());
        assert_eq!(codes(&r), codes(&expected), "{what}");
        assert_eq!(r.malformed, expected.malformed, "{what}");
        assert_eq!(r.inputs[0].format, Some(Format::W3c), "{what}");
    }
}

#[test]
fn plain_and_iis_zero_substatus_are_one_row_in_mixed_runs() {
    let r = run(
        &["varnish.log", "iis_nofields.log"],
        &Options::default(),
        Lang::En,
    );
    let rows: Vec<&str> = r
        .codes
        .iter()
        .filter(|c| c.status == 200)
        .map(|c| c.code.as_str())
        .collect();
    assert_eq!(rows, vec!["200"]);
    assert_eq!(codes(&r).get("200"), Some(&6));
    // The error rows merge their details too.
    let r = run(
        &["ingress_nginx.log", "iis_nofields.log"],
        &Options::default(),
        Lang::En,
    );
    let row = r.codes.iter().find(|c| c.status == 404);
    let paths: Vec<&str> = row
        .map(|c| c.top_paths.iter().map(|p| p.value.as_str()).collect())
        .unwrap_or_default();
    assert_eq!(row.map(|c| (c.code.as_str(), c.count)), Some(("404", 2)));
    assert_eq!(paths.len(), 2, "{paths:?}");
}

#[test]
fn unreadable_input_says_what_was_tried() {
    let r = bytes(
        b"2024-03-01 app started on port 8080\n2024-03-01 GET / took 3ms\n",
        &Options::default(),
    );
    assert_eq!(r.counted(), 0);
    let hint = r.inputs[0].hint.clone().unwrap_or_default();
    for want in [
        "no line could be read",
        "w3c, iis-native, alb",
        "`2024-03-01 app started on port 8080`",
        "--format",
        "--json-status-field",
    ] {
        assert!(hint.contains(want), "{want}: {hint}");
    }
    // JSON without a known status key: the keys are named.
    let r = bytes(b"{\"code\":200,\"route\":\"/\"}\n", &Options::default());
    let hint = r.inputs[0].hint.clone().unwrap_or_default();
    assert!(hint.contains("the keys are: code, route"), "{hint}");
    // An ALB-shaped line with too few fields.
    let r = bytes(
        b"https 2024-03-01T10:00:01.100000Z app/my-alb/1 192.0.2.1:1 - 0 0 0 200 200\n",
        &Options::default(),
    );
    let hint = r.inputs[0].hint.clone().unwrap_or_default();
    assert!(hint.contains("looks like an AWS ALB log"), "{hint}");
    // A readable input has no hint.
    assert!(report("alb.log").inputs[0].hint.is_none());
}
