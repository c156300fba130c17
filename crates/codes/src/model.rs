//! The registry's vocabulary: entries, namespaces, classes, texts and the small enums that give
//! each code its machine-usable meaning. Everything here is `Copy` or `'static` data; the table
//! itself lives in [`crate::registry`].

use std::fmt;

/// Who defines a code. One number can carry a meaning in several namespaces (nginx's 499 and
/// Esri's 499), and no namespace's meaning overrides another's.
///
/// The order is the registry's sort order: the standard first, then IIS, then other vendors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Namespace {
    /// The IANA HTTP Status Code Registry (RFC 9110 and the RFCs it cites).
    Iana,
    /// Microsoft IIS, including its sub-status codes (ARR, URL Rewrite, ANCM, request filtering).
    Iis,
    /// Other Microsoft products (Exchange ActiveSync, WebDAV client, Windows).
    Microsoft,
    /// nginx's own codes.
    Nginx,
    /// Cloudflare's edge.
    Cloudflare,
    /// AWS Elastic Load Balancing.
    Aws,
    /// The Laravel PHP framework.
    Laravel,
    /// Spring Framework's `HttpStatus`.
    Spring,
    /// Twitter's early API.
    Twitter,
    /// Shopify.
    Shopify,
    /// Esri ArcGIS Server.
    Esri,
    /// cPanel hosting.
    Cpanel,
    /// Qualys SSL Labs.
    Qualys,
    /// Pantheon hosting.
    Pantheon,
    /// LinkedIn.
    Linkedin,
    /// Codes seen in the wild with no owner that documents them.
    Unofficial,
}

impl Namespace {
    /// Every namespace, in registry order.
    pub const ALL: [Namespace; 16] = [
        Namespace::Iana,
        Namespace::Iis,
        Namespace::Microsoft,
        Namespace::Nginx,
        Namespace::Cloudflare,
        Namespace::Aws,
        Namespace::Laravel,
        Namespace::Spring,
        Namespace::Twitter,
        Namespace::Shopify,
        Namespace::Esri,
        Namespace::Cpanel,
        Namespace::Qualys,
        Namespace::Pantheon,
        Namespace::Linkedin,
        Namespace::Unofficial,
    ];

    /// The lower-case token used in keys (`nginx:499`), URLs and JSON.
    pub const fn token(self) -> &'static str {
        match self {
            Namespace::Iana => "iana",
            Namespace::Iis => "iis",
            Namespace::Microsoft => "microsoft",
            Namespace::Nginx => "nginx",
            Namespace::Cloudflare => "cloudflare",
            Namespace::Aws => "aws",
            Namespace::Laravel => "laravel",
            Namespace::Spring => "spring",
            Namespace::Twitter => "twitter",
            Namespace::Shopify => "shopify",
            Namespace::Esri => "esri",
            Namespace::Cpanel => "cpanel",
            Namespace::Qualys => "qualys",
            Namespace::Pantheon => "pantheon",
            Namespace::Linkedin => "linkedin",
            Namespace::Unofficial => "unofficial",
        }
    }

    /// The name people know, for headings: `IANA`, `IIS`, `Cloudflare`, `AWS ELB`.
    pub const fn display_name(self) -> &'static str {
        match self {
            Namespace::Iana => "IANA",
            Namespace::Iis => "IIS",
            Namespace::Microsoft => "Microsoft",
            Namespace::Nginx => "nginx",
            Namespace::Cloudflare => "Cloudflare",
            Namespace::Aws => "AWS ELB",
            Namespace::Laravel => "Laravel",
            Namespace::Spring => "Spring",
            Namespace::Twitter => "Twitter",
            Namespace::Shopify => "Shopify",
            Namespace::Esri => "Esri ArcGIS",
            Namespace::Cpanel => "cPanel",
            Namespace::Qualys => "Qualys",
            Namespace::Pantheon => "Pantheon",
            Namespace::Linkedin => "LinkedIn",
            Namespace::Unofficial => "Unofficial",
        }
    }

    /// Parses a token, case-insensitively.
    pub fn from_token(token: &str) -> Option<Namespace> {
        Namespace::ALL
            .into_iter()
            .find(|ns| ns.token().eq_ignore_ascii_case(token))
    }
}

impl fmt::Display for Namespace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.token())
    }
}

/// Where an entry stands with its owner: the `status` column of the reference registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum RegistryStatus {
    /// Permanent IANA registration.
    Assigned,
    /// Provisional IANA registration with an expiry date (104).
    Temporary,
    /// Deprecated by IANA (305) or retired by its vendor.
    Deprecated,
    /// Reserved and not to be assigned (306, 418; nginx 498).
    Reserved,
    /// Obsoleted (510).
    Obsoleted,
    /// A range IANA has not assigned.
    Unassigned,
    /// Documented by the vendor itself.
    Vendor,
    /// Seen only in secondary lists.
    Unofficial,
}

impl RegistryStatus {
    /// The token used in JSON and in the reference TSV.
    pub const fn token(self) -> &'static str {
        match self {
            RegistryStatus::Assigned => "assigned",
            RegistryStatus::Temporary => "temporary",
            RegistryStatus::Deprecated => "deprecated",
            RegistryStatus::Reserved => "reserved",
            RegistryStatus::Obsoleted => "obsoleted",
            RegistryStatus::Unassigned => "unassigned",
            RegistryStatus::Vendor => "vendor",
            RegistryStatus::Unofficial => "unofficial",
        }
    }
}

/// The class of a status code, from its first digit (RFC 9110 §15).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// 1xx: interim response; the final one follows.
    Informational,
    /// 2xx: the request was received, understood and accepted.
    Success,
    /// 3xx: further action is needed, usually following a redirect.
    Redirection,
    /// 4xx: the request was wrong; fix it before sending it again.
    ClientError,
    /// 5xx: the server failed on a request that may well be valid.
    ServerError,
    /// Outside 100–599 (000, 600–999): not an HTTP status code by RFC 9110.
    NonStandard,
}

impl Class {
    /// The five standard classes, in order.
    pub const STANDARD: [Class; 5] = [
        Class::Informational,
        Class::Success,
        Class::Redirection,
        Class::ClientError,
        Class::ServerError,
    ];

    /// The class a code belongs to.
    pub const fn of(code: u16) -> Class {
        match code {
            100..=199 => Class::Informational,
            200..=299 => Class::Success,
            300..=399 => Class::Redirection,
            400..=499 => Class::ClientError,
            500..=599 => Class::ServerError,
            _ => Class::NonStandard,
        }
    }

    /// `1xx` .. `5xx`, or `non-standard`.
    pub const fn token(self) -> &'static str {
        match self {
            Class::Informational => "1xx",
            Class::Success => "2xx",
            Class::Redirection => "3xx",
            Class::ClientError => "4xx",
            Class::ServerError => "5xx",
            Class::NonStandard => "non-standard",
        }
    }

    /// The first digit (1–5), or `None` for non-standard codes.
    pub const fn digit(self) -> Option<u16> {
        match self {
            Class::Informational => Some(1),
            Class::Success => Some(2),
            Class::Redirection => Some(3),
            Class::ClientError => Some(4),
            Class::ServerError => Some(5),
            Class::NonStandard => None,
        }
    }

    /// The class's generic code (x00), which RFC 9110 §15 says a client uses for an unrecognised
    /// code of the class.
    pub const fn fallback_code(self) -> Option<u16> {
        match self.digit() {
            Some(d) => Some(d * 100),
            None => None,
        }
    }

    /// The class's name in a language.
    pub const fn name(self) -> Text {
        match self {
            Class::Informational => Text {
                en: "Informational",
                th: "ข้อมูลระหว่างทาง",
            },
            Class::Success => Text {
                en: "Success",
                th: "สำเร็จ",
            },
            Class::Redirection => Text {
                en: "Redirection",
                th: "เปลี่ยนเส้นทาง",
            },
            Class::ClientError => Text {
                en: "Client Error",
                th: "ข้อผิดพลาดฝั่งไคลเอนต์",
            },
            Class::ServerError => Text {
                en: "Server Error",
                th: "ข้อผิดพลาดฝั่งเซิร์ฟเวอร์",
            },
            Class::NonStandard => Text {
                en: "Non-standard",
                th: "นอกมาตรฐาน",
            },
        }
    }

    /// One sentence on what the class means.
    pub const fn summary(self) -> Text {
        match self {
            Class::Informational => Text {
                en: "Interim responses: the server has the request and the final response is still to come.",
                th: "response ชั่วคราวระหว่างทาง เซิร์ฟเวอร์ได้รับคำขอแล้วและจะส่ง response จริงตามมา",
            },
            Class::Success => Text {
                en: "The request was received, understood and carried out.",
                th: "เซิร์ฟเวอร์ได้รับคำขอ เข้าใจ และทำตามที่ขอเรียบร้อยแล้ว",
            },
            Class::Redirection => Text {
                en: "The client must take another step, usually follow the Location header, to finish the request.",
                th: "ไคลเอนต์ต้องทำขั้นต่อไปให้ครบ ส่วนใหญ่คือตาม header Location ไปยังปลายทางใหม่",
            },
            Class::ClientError => Text {
                en: "The request is at fault: fix it before sending it again.",
                th: "ปัญหาอยู่ที่คำขอที่ส่งมา ต้องแก้คำขอก่อนส่งใหม่",
            },
            Class::ServerError => Text {
                en: "The server failed to handle a request that may well be valid.",
                th: "เซิร์ฟเวอร์ทำงานผิดพลาดทั้งที่คำขออาจถูกต้องดีแล้ว",
            },
            Class::NonStandard => Text {
                en: "Outside 100–599: not an HTTP status code under RFC 9110, though some products log or send it.",
                th: "อยู่นอกช่วง 100–599 จึงไม่ใช่ status code ตาม RFC 9110 แม้บางผลิตภัณฑ์จะเขียนลง log หรือส่งออกมา",
            },
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.token())
    }
}

/// A display language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Thai.
    Th,
}

impl Lang {
    /// `en` or `th`.
    pub const fn token(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Th => "th",
        }
    }

    /// Parses `en`/`th`, also a locale such as `th_TH.UTF-8` or `th-TH`.
    pub fn from_locale(s: &str) -> Option<Lang> {
        let lower = s.trim().to_ascii_lowercase();
        let primary = lower.split(['_', '-', '.', '@']).next().unwrap_or("");
        match primary {
            "th" => Some(Lang::Th),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text in English and Thai.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// Thai.
    pub th: &'static str,
}

impl Text {
    /// The text in `lang`.
    pub const fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Th => self.th,
        }
    }
}

/// A specification or vendor document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reference {
    /// Short citation, such as `RFC 9110 §15.5.5`.
    pub label: &'static str,
    /// Where to read it; RFC sections link to the exact section.
    pub url: &'static str,
}

/// What the seed study page says for this code where it differs from the standard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SeedNote {
    /// The seed's wording.
    pub phrase: &'static str,
    /// What is wrong with it and what is right.
    pub note: Text,
}

/// Whether a body may follow the status line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Body {
    /// Content is allowed.
    Allowed,
    /// No content: 1xx, 204, 205 and 304 (RFC 9110 §6.4.1, §15.3.6).
    Forbidden,
}

/// What a client should do about repeating the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Retry {
    /// Not an error; nothing to retry.
    NotApplicable,
    /// Repeating the same request gives the same answer.
    Never,
    /// Retry only after changing the request (credentials, size, headers, method ...).
    AfterChange,
    /// Transient: idempotent requests may be retried with exponential backoff.
    Backoff,
    /// Wait for `Retry-After` if present, else back off, then retry.
    RetryAfter,
    /// The request may be repeated unchanged, on a new connection (408, 421, and 425 without
    /// early data).
    NewConnection,
    /// A server-side fault (configuration, deployment, start-up) that no retry cures: repeat the
    /// request only after the operator has fixed the server.
    AfterServerFix,
}

impl Retry {
    /// Every retry value, in declaration order.
    pub const ALL: [Retry; 7] = [
        Retry::NotApplicable,
        Retry::Never,
        Retry::AfterChange,
        Retry::Backoff,
        Retry::RetryAfter,
        Retry::NewConnection,
        Retry::AfterServerFix,
    ];

    /// A stable token for JSON.
    pub const fn token(self) -> &'static str {
        match self {
            Retry::NotApplicable => "not-applicable",
            Retry::Never => "never",
            Retry::AfterChange => "after-change",
            Retry::Backoff => "backoff",
            Retry::RetryAfter => "retry-after",
            Retry::NewConnection => "new-connection",
            Retry::AfterServerFix => "after-server-fix",
        }
    }

    /// Parses a token.
    pub fn from_token(token: &str) -> Option<Retry> {
        Retry::ALL.into_iter().find(|r| r.token() == token)
    }

    /// Advice in a language.
    pub const fn advice(self) -> Text {
        match self {
            Retry::NotApplicable => Text {
                en: "not an error: nothing to retry",
                th: "ไม่ใช่ข้อผิดพลาด ไม่ต้อง retry",
            },
            Retry::Never => Text {
                en: "do not retry unchanged: the same request gets the same answer",
                th: "ไม่ควร retry ด้วยคำขอเดิม เพราะจะได้ผลเหมือนเดิม",
            },
            Retry::AfterChange => Text {
                en: "retry only after fixing the request (credentials, size, headers or method)",
                th: "retry ได้หลังแก้คำขอแล้วเท่านั้น เช่น credentials ขนาด header หรือ method",
            },
            Retry::Backoff => Text {
                en: "temporary: retry idempotent requests later, with exponential backoff",
                th: "เป็นปัญหาชั่วคราว retry คำขอที่ idempotent ได้ภายหลังโดยเว้นระยะแบบ exponential backoff",
            },
            Retry::RetryAfter => Text {
                en: "wait as long as Retry-After says (or back off if it is absent), then retry",
                th: "รอตามเวลาใน Retry-After (ถ้าไม่มีให้เว้นระยะเอง) แล้วค่อย retry",
            },
            Retry::NewConnection => Text {
                en: "the request may be repeated as it is, on a new connection",
                th: "ส่งคำขอเดิมซ้ำได้ทันทีโดยไม่ต้องแก้ แต่ให้ส่งผ่านการเชื่อมต่อใหม่",
            },
            Retry::AfterServerFix => Text {
                en: "retrying does not help: the server's configuration or deployment must be fixed first",
                th: "retry ไม่ช่วย ต้องแก้ configuration หรือการ deploy ฝั่งเซิร์ฟเวอร์ก่อน",
            },
        }
    }
}

/// How a redirect treats the request method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Redirect {
    /// 300: several representations; the client or user picks one.
    MultipleChoices,
    /// 301: permanent; clients may turn POST into GET.
    PermanentMayChangeMethod,
    /// 302: temporary; clients may turn POST into GET.
    TemporaryMayChangeMethod,
    /// 303: follow with GET or HEAD (RFC 9110 §15.4.4).
    SeeOther,
    /// 307: temporary; method and body kept.
    TemporaryKeepMethod,
    /// 308: permanent; method and body kept.
    PermanentKeepMethod,
    /// 305: deprecated "use this proxy".
    UseProxy,
}

impl Redirect {
    /// A stable token for JSON.
    pub const fn token(self) -> &'static str {
        match self {
            Redirect::MultipleChoices => "multiple-choices",
            Redirect::PermanentMayChangeMethod => "permanent-may-change-method",
            Redirect::TemporaryMayChangeMethod => "temporary-may-change-method",
            Redirect::SeeOther => "see-other",
            Redirect::TemporaryKeepMethod => "temporary-keep-method",
            Redirect::PermanentKeepMethod => "permanent-keep-method",
            Redirect::UseProxy => "use-proxy",
        }
    }

    /// Whether the new location is permanent (clients and caches may remember it).
    pub const fn is_permanent(self) -> bool {
        matches!(
            self,
            Redirect::PermanentMayChangeMethod | Redirect::PermanentKeepMethod
        )
    }

    /// Whether the method (and body) is kept when following.
    pub const fn keeps_method(self) -> bool {
        matches!(
            self,
            Redirect::TemporaryKeepMethod | Redirect::PermanentKeepMethod
        )
    }

    /// What following it does, in a language.
    pub const fn explain(self) -> Text {
        match self {
            Redirect::MultipleChoices => Text {
                en: "several choices; Location, if sent, names the server's preference",
                th: "มีหลายตัวเลือก ถ้ามี Location จะเป็นตัวเลือกที่เซิร์ฟเวอร์แนะนำ",
            },
            Redirect::PermanentMayChangeMethod => Text {
                en: "permanent; clients may change POST to GET when following (use 308 to keep it)",
                th: "ย้ายถาวร ไคลเอนต์อาจเปลี่ยน POST เป็น GET ตอนตามไป (ใช้ 308 ถ้าต้องคง method)",
            },
            Redirect::TemporaryMayChangeMethod => Text {
                en: "temporary; clients may change POST to GET when following (use 307 to keep it)",
                th: "ย้ายชั่วคราว ไคลเอนต์อาจเปลี่ยน POST เป็น GET ตอนตามไป (ใช้ 307 ถ้าต้องคง method)",
            },
            Redirect::SeeOther => Text {
                en: "follow with GET or HEAD, whatever the original method",
                th: "ตามไปด้วย GET หรือ HEAD ไม่ว่า method เดิมจะเป็นอะไร",
            },
            Redirect::TemporaryKeepMethod => Text {
                en: "temporary; method and body are kept",
                th: "ย้ายชั่วคราว คง method และ body เดิมไว้",
            },
            Redirect::PermanentKeepMethod => Text {
                en: "permanent; method and body are kept",
                th: "ย้ายถาวร คง method และ body เดิมไว้",
            },
            Redirect::UseProxy => Text {
                en: "deprecated: clients ignore it for security reasons",
                th: "เลิกใช้แล้ว ไคลเอนต์ไม่ทำตามด้วยเหตุผลด้านความปลอดภัย",
            },
        }
    }
}

/// How strongly a header is expected with a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// The specification requires it.
    Must,
    /// The specification recommends it.
    Should,
    /// Optional but useful.
    May,
}

impl Level {
    /// `must`, `should` or `may`.
    pub const fn token(self) -> &'static str {
        match self {
            Level::Must => "must",
            Level::Should => "should",
            Level::May => "may",
        }
    }
}

/// When a header requirement applies, where it does not apply to every response with the code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Condition {
    /// Only when a 200 response to the same request would have carried the header (206, 304).
    IfIn200,
    /// Only when the condition is temporary (413's `Retry-After`).
    IfTemporary,
    /// Only for a single-part 206; a multipart one carries `Content-Range` in each part.
    SinglePart,
    /// Only for a multipart 206 (`multipart/byteranges`).
    MultiplePart,
    /// Only when the server has a preferred choice (300's `Location`).
    IfPreferred,
    /// Only in answer to a byte-range request (416's `Content-Range`).
    RangeRequest,
    /// Only when the request was a PATCH with a patch format the server does not take.
    PatchFormat,
    /// Only when the request's content coding was the problem (415's `Accept-Encoding`).
    UnsupportedCoding,
    /// Only when the server closes the connection (408's `Connection: close`).
    Closing,
}

impl Condition {
    /// Every condition, in declaration order.
    pub const ALL: [Condition; 9] = [
        Condition::IfIn200,
        Condition::IfTemporary,
        Condition::SinglePart,
        Condition::MultiplePart,
        Condition::IfPreferred,
        Condition::RangeRequest,
        Condition::PatchFormat,
        Condition::UnsupportedCoding,
        Condition::Closing,
    ];

    /// A stable token for the data files and JSON.
    pub const fn token(self) -> &'static str {
        match self {
            Condition::IfIn200 => "if-in-200",
            Condition::IfTemporary => "if-temporary",
            Condition::SinglePart => "single-part",
            Condition::MultiplePart => "multipart",
            Condition::IfPreferred => "if-preferred",
            Condition::RangeRequest => "range-request",
            Condition::PatchFormat => "patch-format",
            Condition::UnsupportedCoding => "unsupported-coding",
            Condition::Closing => "closing",
        }
    }

    /// Parses a token.
    pub fn from_token(token: &str) -> Option<Condition> {
        Condition::ALL.into_iter().find(|c| c.token() == token)
    }

    /// When it applies, in a language (follows the header name and level).
    pub const fn explain(self) -> Text {
        match self {
            Condition::IfIn200 => Text {
                en: "when a 200 to the same request would carry it",
                th: "เมื่อ response 200 ของคำขอเดียวกันจะมี header นี้",
            },
            Condition::IfTemporary => Text {
                en: "when the condition is temporary",
                th: "เมื่อเป็นเหตุชั่วคราว",
            },
            Condition::SinglePart => Text {
                en: "single part only; each part of a multipart response has its own",
                th: "เฉพาะ response ส่วนเดียว ถ้าเป็น multipart แต่ละส่วนจะมีของตัวเอง",
            },
            Condition::MultiplePart => Text {
                en: "multipart/byteranges, for several ranges",
                th: "เป็น multipart/byteranges เมื่อส่งหลายช่วง",
            },
            Condition::IfPreferred => Text {
                en: "when the server has a preferred choice",
                th: "เมื่อเซิร์ฟเวอร์มีตัวเลือกที่แนะนำ",
            },
            Condition::RangeRequest => Text {
                en: "in answer to a byte-range request",
                th: "เมื่อตอบคำขอแบบ byte range",
            },
            Condition::PatchFormat => Text {
                en: "when a PATCH document's format is not supported",
                th: "เมื่อไม่รองรับรูปแบบเอกสารของ PATCH",
            },
            Condition::UnsupportedCoding => Text {
                en: "when the content coding was the problem",
                th: "เมื่อปัญหาอยู่ที่ content coding",
            },
            Condition::Closing => Text {
                en: "with the close option, as the server closes the connection",
                th: "ใส่ค่า close เพราะเซิร์ฟเวอร์จะปิดการเชื่อมต่อ",
            },
        }
    }
}

/// A response header that goes with a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HeaderHint {
    /// Header name, such as `Retry-After`.
    pub name: &'static str,
    /// How strongly it is expected.
    pub level: Level,
    /// When the requirement applies, if not always.
    pub when: Option<Condition>,
    /// The specification section that states the requirement, where one does.
    pub source: Option<Reference>,
}

/// Whether a code is ever seen by a client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Wire {
    /// Sent as the status line.
    Sent,
    /// Only recorded in logs or error pages; the client receives this code instead (IIS
    /// sub-status codes, nginx 494–497).
    SentAs(u16),
    /// Nothing with this code reaches the client: the connection closed or the client left
    /// (nginx 444 and 499, AWS 000 and 460).
    LogOnly,
}

impl Wire {
    /// A stable token for JSON: `sent`, `sent-as`, `log-only`.
    pub const fn token(self) -> &'static str {
        match self {
            Wire::Sent => "sent",
            Wire::SentAs(_) => "sent-as",
            Wire::LogOnly => "log-only",
        }
    }
}

/// What a code means to a program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Semantics {
    /// Heuristically cacheable by default (RFC 9110 §15.1; RFC 7725 for 451).
    pub cacheable: bool,
    /// Whether content may follow.
    pub body: Body,
    /// Retry advice.
    pub retry: Retry,
    /// The specification section the retry advice rests on, where one states it.
    pub retry_source: Option<Reference>,
    /// Redirect behaviour, for 3xx codes that redirect.
    pub redirect: Option<Redirect>,
    /// Headers that go with it.
    pub headers: &'static [HeaderHint],
    /// Whether it reaches the client.
    pub wire: Wire,
}

/// One meaning of one code in one namespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Entry {
    /// Unique id, also the canonical key: `404`, `403.14`, `nginx:499`, `105-199`.
    pub id: &'static str,
    /// The status code (for a range, its first code).
    pub code: u16,
    /// For an unassigned range, its last code.
    pub code_end: Option<u16>,
    /// IIS sub-status, an integer: 500.1 and 500.100 differ.
    pub sub: Option<u16>,
    /// Who defines it.
    pub namespace: Namespace,
    /// The official reason phrase (the English one that goes on the wire).
    pub phrase: &'static str,
    /// Registry status.
    pub status: RegistryStatus,
    /// Former names and other known wordings.
    pub aliases: &'static [&'static str],
    /// IIS versions it applies to, where known.
    pub iis_versions: Option<&'static str>,
    /// Specification or vendor document.
    pub reference: Reference,
    /// Short factual note from the reference registry (sources, caveats).
    pub facts: Option<&'static str>,
    /// Display title.
    pub title: Text,
    /// One-line summary.
    pub summary: Text,
    /// A paragraph or two: meaning, when it is sent, what to do.
    pub description: Text,
    /// Likely causes (IIS and vendor codes).
    pub causes: &'static [Text],
    /// How to fix it (IIS and vendor codes).
    pub fixes: &'static [Text],
    /// Where the seed study page says something else.
    pub seed: Option<SeedNote>,
    /// Ids of related entries.
    pub related: &'static [&'static str],
    /// Machine-usable semantics.
    pub semantics: Semantics,
}

impl Entry {
    /// The class of the code.
    pub const fn class(&self) -> Class {
        Class::of(self.code)
    }

    /// Whether this entry is an unassigned IANA range.
    pub const fn is_unassigned(&self) -> bool {
        matches!(self.status, RegistryStatus::Unassigned)
    }

    /// The code that goes on the status line, or `None` when nothing is sent.
    pub const fn wire_code(&self) -> Option<u16> {
        match self.semantics.wire {
            Wire::Sent => Some(self.code),
            Wire::SentAs(code) => Some(code),
            Wire::LogOnly => None,
        }
    }

    /// Whether `code` falls in this entry (its code, or inside its range).
    pub const fn covers(&self, code: u16) -> bool {
        match self.code_end {
            Some(end) => self.code <= code && code <= end,
            None => self.code == code,
        }
    }

    /// The related entries, resolved.
    pub fn related_entries(&self) -> impl Iterator<Item = &'static Entry> {
        self.related
            .iter()
            .filter_map(|id| crate::registry::by_id(id))
    }

    /// The code as people write it: `404`, `403.14`, `105-199`, without namespace.
    pub fn number(&self) -> String {
        match (self.code_end, self.sub) {
            (Some(end), _) => format!("{}-{}", self.code, end),
            (None, Some(sub)) => format!("{:03}.{}", self.code, sub),
            (None, None) => format!("{:03}", self.code),
        }
    }
}

impl fmt::Display for Entry {
    /// `404 Not Found`, `403.14 Directory listing denied`, `nginx 499 Client Closed Request`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.namespace {
            Namespace::Iana | Namespace::Iis => write!(f, "{} {}", self.number(), self.phrase),
            ns => write!(f, "{} {} {}", ns.display_name(), self.number(), self.phrase),
        }
    }
}

/// Lower-cased search text of an entry, made at build time.
#[derive(Debug)]
pub(crate) struct SearchText {
    /// Id, phrase, aliases and titles, one per line.
    pub primary: &'static str,
    /// All Thai text, title first.
    pub thai: &'static str,
    /// Byte length of the Thai title at the start of `thai`.
    pub thai_title_len: usize,
}
