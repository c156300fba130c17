//! Causes and fixes by stack (`data/troubleshooting.toml`): the codes people debug have them, in
//! both languages, with real setting names, and the Thai follows the project's vocabulary.
#![allow(clippy::unwrap_used, reason = "tests report failure by panicking")]

use httpstatus_codes::{entries, lookup, Stack};

const DEBUGGED: [u16; 19] = [
    400, 401, 403, 404, 405, 406, 408, 409, 411, 413, 414, 415, 422, 429, 431, 500, 502, 503, 504,
];

#[test]
fn the_codes_people_debug_have_tips_in_both_languages() {
    for code in DEBUGGED {
        let tips = lookup(code).unwrap().troubleshooting();
        assert!(tips.len() >= 2, "{code} has {} tips", tips.len());
        for tip in tips {
            assert!(!tip.stacks.is_empty(), "{code}");
            for text in [tip.cause, tip.fix] {
                assert!(text.en.len() > 20 && text.th.len() > 20, "{code}: {text:?}");
                assert!(
                    text.th
                        .chars()
                        .any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)),
                    "{code}: the Thai text is not Thai: {}",
                    text.th
                );
            }
        }
    }
    // Only entries that are listed get tips; IIS sub-statuses keep their own causes and fixes.
    assert!(lookup(200).unwrap().troubleshooting().is_empty());
    assert!(httpstatus_codes::lookup_sub(404, 13)
        .unwrap()
        .troubleshooting()
        .is_empty());
}

#[test]
fn tips_name_the_real_settings_for_the_stacks_they_tag() {
    let has = |code: u16, stack: Stack, needle: &str| {
        lookup(code).unwrap().troubleshooting().iter().any(|t| {
            t.stacks.contains(&stack) && (t.cause.en.contains(needle) || t.fix.en.contains(needle))
        })
    };
    assert!(has(413, Stack::Nginx, "client_max_body_size"));
    assert!(has(413, Stack::Apache, "LimitRequestBody"));
    assert!(has(413, Stack::Iis, "maxAllowedContentLength"));
    assert!(has(
        413,
        Stack::Spring,
        "spring.servlet.multipart.max-file-size"
    ));
    assert!(has(413, Stack::Django, "DATA_UPLOAD_MAX_MEMORY_SIZE"));
    assert!(has(413, Stack::Go, "http.MaxBytesReader"));
    assert!(has(504, Stack::Nginx, "proxy_read_timeout"));
    assert!(has(504, Stack::AwsAlb, "idle_timeout.timeout_seconds"));
    assert!(has(502, Stack::Express, "keepAliveTimeout"));
    assert!(has(429, Stack::Nginx, "limit_req_status"));
    assert!(has(404, Stack::Go, "http.ServeMux"));
    // Every stack the enum knows is used somewhere, and parses back from its token.
    for stack in Stack::ALL {
        assert_eq!(Stack::from_token(stack.token()), Some(stack));
        assert!(
            entries().iter().any(|e| e
                .troubleshooting()
                .iter()
                .any(|t| t.stacks.contains(&stack))),
            "{stack:?} is never used"
        );
    }
}

/// The Thai prose of a text: what is inside backticks (code) or double quotes (a message as a
/// program prints it) is left out, since it stays in English.
fn prose(th: &str) -> String {
    let mut out = String::new();
    let (mut code, mut quote) = (false, false);
    for c in th.chars() {
        match c {
            '`' if !quote => code = !code,
            '"' if !code => quote = !quote,
            _ if code || quote => {}
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn prose_leaves_out_code_and_quoted_messages() {
    assert_eq!(prose("ตั้ง `a, b` แล้ว \"request sent\" จบ"), "ตั้ง  แล้ว  จบ");
}

#[test]
fn thai_tips_follow_the_vocabulary() {
    let forbidden = [
        "โค้ดนี้",
        "รหัสนี้",
        "ใบรับรอง",
        "ทราฟฟิก",
        "back end",
        "เรา",
        "seed",
        "หน้า detailed error",
    ];
    for e in entries() {
        for tip in e.troubleshooting() {
            for th in [tip.cause.th, tip.fix.th] {
                for word in forbidden {
                    assert!(!th.contains(word), "{}: {word:?} in {th}", e.id);
                }
                // ๆ stands apart: a space before it, and a space or the end after it.
                for (i, _) in th.match_indices('ๆ') {
                    assert!(th[..i].ends_with(' '), "{}: glued ๆ in {th}", e.id);
                    let after = &th[i + 'ๆ'.len_utf8()..];
                    assert!(
                        after.is_empty() || after.starts_with([' ', '"', ')']),
                        "{}: glued ๆ in {th}",
                        e.id
                    );
                }
                // No comma right after Thai script (commas inside numbers and code are fine),
                // and no full stop at the end.
                let th = prose(th);
                let th = th.as_str();
                let chars: Vec<char> = th.chars().collect();
                for w in chars.windows(2) {
                    let thai = ('\u{0E00}'..='\u{0E7F}').contains(&w[0]);
                    assert!(
                        !(thai && w[1] == ','),
                        "{}: comma in Thai prose: {th}",
                        e.id
                    );
                }
                assert!(
                    !th.ends_with('.'),
                    "{}: Thai ends with a full stop: {th}",
                    e.id
                );
                // "request" alone is คำขอ; the English word only in compounds.
                for (i, _) in th.match_indices("request") {
                    let after = &th[i + "request".len()..];
                    let before = &th[..i];
                    let compound = [
                        " line",
                        " body",
                        " header",
                        " filtering",
                        " log",
                        " id",
                        "s",
                    ]
                    .iter()
                    .any(|c| after.starts_with(c))
                        || before.ends_with('.');
                    assert!(compound, "{}: bare \"request\" in {th}", e.id);
                }
            }
        }
    }
}
