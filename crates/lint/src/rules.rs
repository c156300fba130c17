//! The rules: id, name, default level, texts in English and Thai, and the specification each one
//! rests on. The checks themselves are in `check.rs`.

use httpstatus_codes::{Lang, Text};
use serde::Serialize;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; a hint.
    Info,
    /// Likely wrong, or a client will miss something.
    Warning,
    /// Wrong by the specification: clients will misbehave.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub const fn token(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning` (or `warn`) and `info`.
    pub fn from_token(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" | "note" => Some(Severity::Info),
            _ => None,
        }
    }

    /// The level's name in a language.
    pub const fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Info, Lang::En) => "info",
            (Severity::Error, Lang::Th) => "ข้อผิดพลาด",
            (Severity::Warning, Lang::Th) => "คำเตือน",
            (Severity::Info, Lang::Th) => "ข้อแนะนำ",
        }
    }
}

/// One rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable id: `HS001`.
    pub id: &'static str,
    /// Stable kebab-case name: `unassigned-code`.
    pub name: &'static str,
    /// Default level.
    pub level: Severity,
    /// Short title.
    pub title: Text,
    /// The finding's message; `{code}`, `{header}` and `{method}` are filled in.
    pub message: Text,
    /// One paragraph: why, and what to do.
    pub explanation: Text,
    /// The specification, such as `RFC 9110 §15.3.5`.
    pub reference: &'static str,
    /// Where to read it.
    pub url: &'static str,
}

impl Rule {
    /// The message in `lang`; each `{name}` in it is replaced by that argument's text in `lang`.
    pub fn render(&self, lang: Lang, args: &[(&str, Arg)]) -> String {
        let mut out = self.message.get(lang).to_owned();
        for (name, value) in args {
            let text = match value {
                Arg::Same(s) => s.as_str(),
                Arg::Both(en, th) => match lang {
                    Lang::En => en.as_str(),
                    Lang::Th => th.as_str(),
                },
            };
            out = out.replace(&format!("{{{name}}}"), text);
        }
        out
    }
}

/// A value for a message's placeholder.
#[derive(Clone, Debug)]
pub enum Arg {
    /// The same text in every language (a code, a header name).
    Same(String),
    /// English and Thai.
    Both(String, String),
}

const fn t(en: &'static str, th: &'static str) -> Text {
    Text { en, th }
}

const RFC9110: &str = "https://www.rfc-editor.org/rfc/rfc9110";

macro_rules! rfc9110 {
    ($s:literal) => {
        concat!("https://www.rfc-editor.org/rfc/rfc9110#section-", $s)
    };
}

/// Every rule, in id order.
pub static RULES: &[Rule] = &[
    Rule {
        id: "HS001",
        name: "invalid-status-key",
        level: Severity::Error,
        title: t("Response key is not a status code", "key ของ response ไม่ใช่ status code"),
        message: t(
            "`{code}` is not a status code: use three digits from 100 to 599, a range such as `4XX`, or `default`",
            "`{code}` ไม่ใช่ status code ให้ใช้เลขสามหลักตั้งแต่ 100 ถึง 599 ช่วงแบบ `4XX` หรือ `default`",
        ),
        explanation: t(
            "RFC 9110 §15 defines status codes as three-digit integers from 100 to 599, and OpenAPI accepts only such codes, the five range keys `1XX` to `5XX` (upper-case X) and `default` as keys of a Responses Object. Anything else (`600`, `2xx`, `20`, `ok`) is either rejected by tools or silently ignored by code generators, so the response you meant to describe is lost. Write the exact code, or the upper-case range key.",
            "RFC 9110 §15 กำหนดให้ status code เป็นเลขจำนวนเต็มสามหลักตั้งแต่ 100 ถึง 599 และ OpenAPI ยอมรับเป็น key ของ Responses Object ได้เฉพาะ code แบบนั้น key แบบช่วงห้าตัวตั้งแต่ `1XX` ถึง `5XX` (X ตัวใหญ่) และ `default` เท่านั้น key อื่น เช่น `600` `2xx` `20` หรือ `ok` จะถูกเครื่องมือปฏิเสธ หรือถูกตัวสร้างโค้ดข้ามไปเงียบ ๆ ทำให้ response ที่คุณตั้งใจอธิบายหายไป ให้เขียน code ให้ตรง หรือใช้ key แบบช่วงด้วยตัวพิมพ์ใหญ่",
        ),
        reference: "RFC 9110 §15",
        url: rfc9110!("15"),
    },
    Rule {
        id: "HS002",
        name: "unassigned-code",
        level: Severity::Error,
        title: t("Unassigned status code", "status code ที่ยังไม่มีการกำหนด"),
        message: t(
            "{code} is not assigned in the IANA registry: clients will treat it as {class}00",
            "{code} ยังไม่มีการกำหนดในทะเบียนของ IANA ไคลเอนต์จะถือว่าเป็น {class}00",
        ),
        explanation: t(
            "A code inside 100–599 that IANA has not registered has no meaning a client can rely on. RFC 9110 §15 tells a client that does not recognise a code to treat it as the first code of its class (x00), so an API that answers 432 is really answering 400 to every generic client, proxy and cache. Pick the registered code that says what you mean, and put the detail in the body, for example in an `application/problem+json` document (RFC 9457).",
            "code ในช่วง 100–599 ที่ IANA ยังไม่ได้ลงทะเบียนไม่มีความหมายที่ไคลเอนต์จะพึ่งได้ RFC 9110 §15 กำหนดว่าไคลเอนต์ที่ไม่รู้จัก code ให้ถือว่าเป็น code แรกของกลุ่มนั้น (x00) ดังนั้น API ที่ตอบ 432 ก็คือตอบ 400 ในมุมของไคลเอนต์ทั่วไป proxy และ cache ให้เลือก code ที่ลงทะเบียนแล้วซึ่งตรงกับความหมายที่ต้องการ แล้วใส่รายละเอียดไว้ใน body เช่น เอกสาร `application/problem+json` (RFC 9457)",
        ),
        reference: "RFC 9110 §15",
        url: rfc9110!("15"),
    },
    Rule {
        id: "HS003",
        name: "non-iana-code",
        level: Severity::Warning,
        title: t("Vendor status code declared by an API", "API ประกาศ status code ของผู้ผลิตรายหนึ่ง"),
        message: t(
            "{code} is not an IANA code: it is {vendor}'s own, and other clients read it as {class}00",
            "{code} ไม่ใช่ code ของ IANA แต่เป็น code เฉพาะของ {vendor} ไคลเอนต์อื่นจะอ่านเป็น {class}00",
        ),
        explanation: t(
            "Codes such as nginx 499, Cloudflare 520–530 or AWS 460 belong to one product. Most describe something that product logs or sends on its own (the client left, the origin did not answer); an API does not answer them itself, and a generic client reads them as the class's x00 code (RFC 9110 §15). If the API really sends the code, document it in prose as the proxy's behaviour; otherwise use the registered code with the same meaning (400, 502, 504 ...).",
            "code อย่าง nginx 499 Cloudflare 520–530 หรือ AWS 460 เป็นของผลิตภัณฑ์ใดผลิตภัณฑ์หนึ่ง ส่วนใหญ่ใช้บอกเหตุการณ์ที่ผลิตภัณฑ์นั้นบันทึกหรือส่งเอง (ไคลเอนต์ตัดการเชื่อมต่อไปก่อน origin ไม่ตอบ) API ไม่ได้ตอบ code เหล่านี้เอง และไคลเอนต์ทั่วไปจะอ่านเป็น code x00 ของกลุ่มนั้น (RFC 9110 §15) ถ้า API ส่ง code นี้จริง ให้อธิบายเป็นพฤติกรรมของ proxy ในเอกสาร ถ้าไม่ใช่ ให้ใช้ code ที่ลงทะเบียนแล้วซึ่งมีความหมายเดียวกัน (400 502 504 ...)",
        ),
        reference: "RFC 9110 §15",
        url: rfc9110!("15"),
    },
    Rule {
        id: "HS004",
        name: "informational-declared",
        level: Severity::Warning,
        title: t("1xx response declared", "ประกาศ response แบบ 1xx"),
        message: t(
            "{code} is an interim response: it is not the answer to an operation and cannot carry content",
            "{code} เป็น response ชั่วคราวระหว่างทาง ไม่ใช่คำตอบของ operation และมีเนื้อหาไม่ได้",
        ),
        explanation: t(
            "A 1xx response is interim (RFC 9110 §15.2): the final response to the same request always follows it, and the HTTP stack of client and server handles it (100 Continue, 101 Switching Protocols, 103 Early Hints) before application code sees anything. Declaring one as an operation's response misleads code generators into treating it as a result. Describe the final responses instead, and mention `Expect: 100-continue` or Early Hints in the operation's description if they matter.",
            "response แบบ 1xx เป็น response ชั่วคราว (RFC 9110 §15.2) จะมี response สุดท้ายของคำขอเดียวกันตามมาเสมอ และ HTTP stack ของไคลเอนต์กับเซิร์ฟเวอร์เป็นผู้จัดการ (100 Continue 101 Switching Protocols 103 Early Hints) ก่อนที่โค้ดของแอปพลิเคชันจะเห็นอะไร การประกาศเป็น response ของ operation ทำให้ตัวสร้างโค้ดเข้าใจผิดว่าเป็นผลลัพธ์ ให้อธิบาย response สุดท้ายแทน และถ้าจำเป็นให้เขียนถึง `Expect: 100-continue` หรือ Early Hints ไว้ในคำอธิบายของ operation",
        ),
        reference: "RFC 9110 §15.2",
        url: rfc9110!("15.2"),
    },
    Rule {
        id: "HS005",
        name: "content-forbidden",
        level: Severity::Error,
        title: t("Content declared on a response that has none", "ประกาศเนื้อหาให้ response ที่ต้องไม่มีเนื้อหา"),
        message: t(
            "{code} responses never have content, but this one declares `content`",
            "response {code} ไม่มีเนื้อหาได้เลย แต่ตรงนี้ประกาศ `content` ไว้",
        ),
        explanation: t(
            "204 No Content and 205 Reset Content end at the header section (RFC 9110 §15.3.5, §15.3.6), and so does 304 Not Modified (§15.4.5): a client reads no body after them, whatever `Content-Length` says. A schema under `content` makes generated clients wait for, or try to parse, a body that never comes. Remove `content`, or answer 200 if the operation really returns something.",
            "204 No Content และ 205 Reset Content จบที่ส่วน header (RFC 9110 §15.3.5 §15.3.6) เช่นเดียวกับ 304 Not Modified (§15.4.5) ไคลเอนต์จะไม่อ่าน body หลังจากนั้นไม่ว่า `Content-Length` จะบอกว่าอะไร schema ที่อยู่ใต้ `content` ทำให้ไคลเอนต์ที่สร้างจากเอกสารรอหรือพยายาม parse body ที่ไม่มีวันมาถึง ให้ลบ `content` ออก หรือตอบ 200 ถ้า operation ส่งข้อมูลกลับจริง",
        ),
        reference: "RFC 9110 §15.3.5",
        url: rfc9110!("15.3.5"),
    },
    Rule {
        id: "HS006",
        name: "content-on-head",
        level: Severity::Error,
        title: t("Content declared on a HEAD response", "ประกาศเนื้อหาให้ response ของ HEAD"),
        message: t(
            "HEAD responses have no content, but {code} declares `content`",
            "response ของ HEAD ไม่มีเนื้อหา แต่ {code} ประกาศ `content` ไว้",
        ),
        explanation: t(
            "A server answers HEAD exactly as it would answer GET but without the content (RFC 9110 §9.3.2): the headers describe the representation a GET would return, and no body follows. Describe the headers (`Content-Length`, `ETag`, `Last-Modified`) on the HEAD operation and leave `content` out.",
            "เซิร์ฟเวอร์ตอบ HEAD เหมือนตอบ GET ทุกอย่างแต่ไม่มีเนื้อหา (RFC 9110 §9.3.2) header จะบอกรายละเอียดของ representation ที่ GET จะส่งกลับ และไม่มี body ตามมา ให้อธิบาย header (`Content-Length` `ETag` `Last-Modified`) ใน operation HEAD และไม่ต้องใส่ `content`",
        ),
        reference: "RFC 9110 §9.3.2",
        url: rfc9110!("9.3.2"),
    },
    Rule {
        id: "HS007",
        name: "redirect-without-location",
        level: Severity::Error,
        title: t("Redirect without Location", "redirect ที่ไม่มี Location"),
        message: t(
            "{code} redirects, but the response does not declare the `Location` header",
            "{code} เป็นการ redirect แต่ response ไม่ได้ประกาศ header `Location`",
        ),
        explanation: t(
            "The redirect codes 301, 302, 303, 307 and 308 send the client to the URI in the `Location` header (RFC 9110 §15.4, §10.2.2); without it the client has nowhere to go and stops at the 3xx. Declare `Location` under the response's `headers` so client generators and readers know to follow it.",
            "code สำหรับ redirect คือ 301 302 303 307 และ 308 จะพาไคลเอนต์ไปยัง URI ใน header `Location` (RFC 9110 §15.4 §10.2.2) ถ้าไม่มี header นี้ไคลเอนต์ก็ไม่รู้ว่าจะไปที่ไหนและหยุดอยู่ที่ 3xx ให้ประกาศ `Location` ไว้ใต้ `headers` ของ response เพื่อให้ตัวสร้างไคลเอนต์และผู้อ่านรู้ว่าต้องตามไป",
        ),
        reference: "RFC 9110 §15.4",
        url: rfc9110!("15.4"),
    },
    Rule {
        id: "HS008",
        name: "created-without-location",
        level: Severity::Warning,
        title: t("201 without Location", "201 ที่ไม่มี Location"),
        message: t(
            "201 Created should tell where the new resource is: declare the `Location` header",
            "201 Created ควรบอกว่า resource ใหม่อยู่ที่ไหน ให้ประกาศ header `Location`",
        ),
        explanation: t(
            "A 201 response says a new resource was created; RFC 9110 §15.3.2 identifies it by the `Location` header, or by the request URI when there is none. Clients that follow the standard read `Location` to find what was created instead of guessing from the body. Declare it on every 201 that creates a resource at a new URI.",
            "response 201 บอกว่ามีการสร้าง resource ใหม่ RFC 9110 §15.3.2 ระบุ resource นั้นด้วย header `Location` หรือใช้ URI ของคำขอถ้าไม่มี header นี้ ไคลเอนต์ที่ทำตามมาตรฐานจะอ่าน `Location` เพื่อหาสิ่งที่ถูกสร้างแทนการเดาจาก body ให้ประกาศ header นี้ใน 201 ทุกตัวที่สร้าง resource ที่ URI ใหม่",
        ),
        reference: "RFC 9110 §15.3.2",
        url: rfc9110!("15.3.2"),
    },
    Rule {
        id: "HS009",
        name: "unauthorized-without-challenge",
        level: Severity::Error,
        title: t("401 without WWW-Authenticate", "401 ที่ไม่มี WWW-Authenticate"),
        message: t(
            "401 must carry a `WWW-Authenticate` challenge, and this response does not declare it",
            "401 ต้องมี challenge ใน `WWW-Authenticate` แต่ response นี้ไม่ได้ประกาศไว้",
        ),
        explanation: t(
            "A server that answers 401 Unauthorized must send a `WWW-Authenticate` header with at least one challenge (RFC 9110 §15.5.2, §11.6.1): it is how the client learns which scheme (Bearer, Basic ...) and realm to use. Declare the header on the response; if the client is signed in but not allowed, the right code is 403, which needs no challenge.",
            "เซิร์ฟเวอร์ที่ตอบ 401 Unauthorized ต้องส่ง header `WWW-Authenticate` ที่มี challenge อย่างน้อยหนึ่งรายการ (RFC 9110 §15.5.2 §11.6.1) เพราะเป็นช่องทางที่ไคลเอนต์ใช้รู้ว่าต้องใช้ scheme ไหน (Bearer Basic ...) และ realm อะไร ให้ประกาศ header นี้ใน response ถ้าไคลเอนต์ยืนยันตัวตนแล้วแต่ไม่มีสิทธิ์ code ที่ถูกคือ 403 ซึ่งไม่ต้องมี challenge",
        ),
        reference: "RFC 9110 §15.5.2",
        url: rfc9110!("15.5.2"),
    },
    Rule {
        id: "HS010",
        name: "method-not-allowed-without-allow",
        level: Severity::Error,
        title: t("405 without Allow", "405 ที่ไม่มี Allow"),
        message: t(
            "405 must list the supported methods in `Allow`, and this response does not declare it",
            "405 ต้องระบุ method ที่รองรับไว้ใน `Allow` แต่ response นี้ไม่ได้ประกาศไว้",
        ),
        explanation: t(
            "RFC 9110 §15.5.6 requires a 405 Method Not Allowed response to carry an `Allow` header listing the methods the resource does support (§10.2.1). Without it the client cannot tell which method would work. Declare `Allow` on the response.",
            "RFC 9110 §15.5.6 กำหนดให้ response 405 Method Not Allowed ต้องมี header `Allow` ที่ระบุ method ที่ resource รองรับ (§10.2.1) ถ้าไม่มีไคลเอนต์จะไม่รู้ว่า method ไหนใช้ได้ ให้ประกาศ `Allow` ใน response",
        ),
        reference: "RFC 9110 §15.5.6",
        url: rfc9110!("15.5.6"),
    },
    Rule {
        id: "HS011",
        name: "proxy-auth-without-challenge",
        level: Severity::Error,
        title: t("407 without Proxy-Authenticate", "407 ที่ไม่มี Proxy-Authenticate"),
        message: t(
            "407 must carry a `Proxy-Authenticate` challenge, and this response does not declare it",
            "407 ต้องมี challenge ใน `Proxy-Authenticate` แต่ response นี้ไม่ได้ประกาศไว้",
        ),
        explanation: t(
            "407 Proxy Authentication Required comes with a `Proxy-Authenticate` header holding at least one challenge (RFC 9110 §15.5.8, §11.7.1), the proxy's counterpart of `WWW-Authenticate`. An API rarely sends 407 itself: if the code is there because a proxy may answer it, declare the header; if the API means the user must sign in, use 401.",
            "407 Proxy Authentication Required ต้องมาพร้อม header `Proxy-Authenticate` ที่มี challenge อย่างน้อยหนึ่งรายการ (RFC 9110 §15.5.8 §11.7.1) ซึ่งเป็นคู่ของ `WWW-Authenticate` ฝั่ง proxy โดยปกติ API ไม่ได้ส่ง 407 เอง ถ้าใส่ code นี้ไว้เพราะ proxy อาจตอบ ให้ประกาศ header ด้วย แต่ถ้าหมายถึงผู้ใช้ต้องยืนยันตัวตน ให้ใช้ 401",
        ),
        reference: "RFC 9110 §15.5.8",
        url: rfc9110!("15.5.8"),
    },
    Rule {
        id: "HS012",
        name: "range-without-content-range",
        level: Severity::Warning,
        title: t("206 or 416 without Content-Range", "206 หรือ 416 ที่ไม่มี Content-Range"),
        message: t(
            "{code} should declare `Content-Range`, which says which part (or which length) the response is about",
            "{code} ควรประกาศ `Content-Range` เพื่อบอกว่า response นี้เป็นส่วนไหน (หรือความยาวทั้งหมดเท่าไร)",
        ),
        explanation: t(
            "A single-part 206 Partial Content must carry `Content-Range` saying which bytes it holds (RFC 9110 §15.3.7), and a 416 Range Not Satisfiable should carry `Content-Range: bytes */LENGTH` so the client learns the current length (§15.5.17). Multipart 206 responses put it in each part instead; if yours are multipart, say so and silence this rule for the response.",
            "206 Partial Content แบบส่วนเดียวต้องมี `Content-Range` ที่บอกว่ามีข้อมูลช่วงไหน (RFC 9110 §15.3.7) ส่วน 416 Range Not Satisfiable ควรมี `Content-Range: bytes */LENGTH` เพื่อให้ไคลเอนต์รู้ความยาวปัจจุบัน (§15.5.17) สำหรับ 206 แบบ multipart จะใส่ header นี้ไว้ในแต่ละ part แทน ถ้า response ของคุณเป็น multipart ให้เขียนไว้และปิด rule นี้สำหรับ response นั้น",
        ),
        reference: "RFC 9110 §15.3.7",
        url: rfc9110!("15.3.7"),
    },
    Rule {
        id: "HS013",
        name: "retry-after-missing",
        level: Severity::Info,
        title: t("429 or 503 without Retry-After", "429 หรือ 503 ที่ไม่มี Retry-After"),
        message: t(
            "{code} can tell clients when to come back: consider declaring `Retry-After`",
            "{code} บอกไคลเอนต์ได้ว่าควรกลับมาเมื่อไร ลองประกาศ `Retry-After`",
        ),
        explanation: t(
            "429 Too Many Requests (RFC 6585 §4) and 503 Service Unavailable (RFC 9110 §15.6.4) are temporary, and `Retry-After` (RFC 9110 §10.2.3) tells the client how many seconds to wait, or until which date. Clients that see it back off exactly as long as needed instead of guessing, which spares both sides a burst of retries.",
            "429 Too Many Requests (RFC 6585 §4) และ 503 Service Unavailable (RFC 9110 §15.6.4) เป็นสภาพชั่วคราว และ `Retry-After` (RFC 9110 §10.2.3) บอกไคลเอนต์ว่าต้องรอกี่วินาทีหรือรอถึงวันเวลาไหน ไคลเอนต์ที่เห็น header นี้จะรอเท่าที่จำเป็นแทนการเดา ทั้งสองฝั่งจึงไม่ต้องเจอคำขอซ้ำจำนวนมากพร้อมกัน",
        ),
        reference: "RFC 9110 §10.2.3",
        url: rfc9110!("10.2.3"),
    },
    Rule {
        id: "HS014",
        name: "unused-306",
        level: Severity::Error,
        title: t("306 declared", "ประกาศ 306"),
        message: t(
            "306 is reserved and unused since HTTP/1.1: no client knows what to do with it",
            "306 ถูกสงวนไว้และไม่ได้ใช้มาตั้งแต่ HTTP/1.1 ไม่มีไคลเอนต์ไหนรู้ว่าต้องทำอะไรกับ code นี้",
        ),
        explanation: t(
            "306 (once \"Switch Proxy\") was used in a draft of HTTP/1.1 and dropped; RFC 9110 §15.4.7 keeps it reserved and unused. A client treats it as a 300 without choices. For a redirect use 307 or 308 (method kept) or 303 (follow with GET).",
            "306 (เดิมชื่อ \"Switch Proxy\") เคยอยู่ใน draft ของ HTTP/1.1 แล้วถูกตัดออก RFC 9110 §15.4.7 สงวน code นี้ไว้และไม่ใช้ ไคลเอนต์จะถือว่าเป็น 300 ที่ไม่มีตัวเลือก ถ้าต้องการ redirect ให้ใช้ 307 หรือ 308 (คง method เดิม) หรือ 303 (ตามไปด้วย GET)",
        ),
        reference: "RFC 9110 §15.4.7",
        url: rfc9110!("15.4.7"),
    },
    Rule {
        id: "HS015",
        name: "no-client-error",
        level: Severity::Warning,
        title: t("Input but no 4xx", "รับข้อมูลเข้าแต่ไม่มี 4xx"),
        message: t(
            "{method} takes parameters or a body but declares no 4xx response: what does a client get for bad input?",
            "{method} รับ parameter หรือ body แต่ไม่ได้ประกาศ response แบบ 4xx เมื่อข้อมูลเข้าผิด ไคลเอนต์จะได้อะไร",
        ),
        explanation: t(
            "An operation that reads parameters or a request body can be called with bad input, and RFC 9110 §15.5 gives the 4xx class for exactly that: the client's mistake, to fix before trying again. Without a declared 4xx (a code, `4XX` or `default`), readers and generated clients do not know the shape of the error. Declare at least 400 or 422, and 404 where a path parameter names a resource.",
            "operation ที่อ่าน parameter หรือ request body อาจถูกเรียกด้วยข้อมูลที่ผิด และ RFC 9110 §15.5 กำหนดกลุ่ม 4xx ไว้สำหรับกรณีนี้โดยตรง คือความผิดพลาดของไคลเอนต์ที่ต้องแก้ก่อนลองใหม่ ถ้าไม่ได้ประกาศ 4xx ไว้ (เป็น code `4XX` หรือ `default`) ผู้อ่านและไคลเอนต์ที่สร้างจากเอกสารจะไม่รู้รูปแบบของ error ให้ประกาศอย่างน้อย 400 หรือ 422 และ 404 ในกรณีที่ path parameter ระบุ resource",
        ),
        reference: "RFC 9110 §15.5",
        url: rfc9110!("15.5"),
    },
    Rule {
        id: "HS016",
        name: "no-server-error",
        level: Severity::Info,
        title: t("No 5xx or default anywhere", "ไม่มี 5xx หรือ default เลยทั้งเอกสาร"),
        message: t(
            "no operation declares a 5xx response or `default`: every server can fail",
            "ไม่มี operation ไหนประกาศ response แบบ 5xx หรือ `default` ทั้งที่เซิร์ฟเวอร์ทุกตัวทำงานผิดพลาดได้",
        ),
        explanation: t(
            "Every API can answer 500, and the gateways in front of it 502, 503 or 504 (RFC 9110 §15.6). Describing at least one server error (a `5XX` range or a `default` response with your error schema) tells clients what the body looks like when it happens and that retrying may help.",
            "API ทุกตัวตอบ 500 ได้ และ gateway ที่อยู่ด้านหน้าก็ตอบ 502 503 หรือ 504 ได้ (RFC 9110 §15.6) การอธิบาย server error ไว้อย่างน้อยหนึ่งแบบ (key ช่วง `5XX` หรือ response `default` ที่ใช้ schema ของ error) บอกไคลเอนต์ว่า body จะมีหน้าตาอย่างไรเมื่อเกิดขึ้น และบอกว่าการลองใหม่อาจช่วยได้",
        ),
        reference: "RFC 9110 §15.6",
        url: rfc9110!("15.6"),
    },
    Rule {
        id: "HS017",
        name: "inconsistent-validation-code",
        level: Severity::Warning,
        title: t("400 and 422 used for the same purpose", "ใช้ 400 และ 422 ในจุดประสงค์เดียวกัน"),
        message: t(
            "operations with a request body answer invalid input with 422 in {n422} places and only 400 in {n400}: pick one",
            "operation ที่มี request body ตอบข้อมูลไม่ถูกต้องด้วย 422 อยู่ {n422} แห่ง และด้วย 400 อย่างเดียว {n400} แห่ง ให้เลือกใช้แบบเดียว",
        ),
        explanation: t(
            "400 Bad Request (RFC 9110 §15.5.1) covers a request the server cannot read; 422 Unprocessable Content (§15.5.21) covers one it reads but whose content fails validation. Either can be the API's choice for validation errors, but mixing them (some operations with a body answer 422, others only 400) forces every client to handle both for the same mistake. Use one convention across the API, or declare both where both happen.",
            "400 Bad Request (RFC 9110 §15.5.1) ใช้กับคำขอที่เซิร์ฟเวอร์อ่านไม่ได้ ส่วน 422 Unprocessable Content (§15.5.21) ใช้กับคำขอที่อ่านได้แต่เนื้อหาไม่ผ่านการตรวจสอบ API จะเลือกแบบใดสำหรับ validation error ก็ได้ แต่ถ้าปนกัน (บาง operation ที่มี body ตอบ 422 บางตัวตอบแค่ 400) ไคลเอนต์ทุกตัวต้องรองรับทั้งสองแบบสำหรับความผิดพลาดเดียวกัน ให้ใช้แบบเดียวทั้ง API หรือประกาศทั้งคู่ในจุดที่เกิดได้ทั้งสองกรณี",
        ),
        reference: "RFC 9110 §15.5.1",
        url: rfc9110!("15.5.1"),
    },
    Rule {
        id: "HS018",
        name: "create-answers-200",
        level: Severity::Info,
        title: t("Creating POST answers only 200", "POST ที่สร้าง resource แต่ตอบแค่ 200"),
        message: t(
            "this POST looks like it creates a resource but answers only 200: 201 Created with `Location` says more",
            "POST นี้ดูเหมือนสร้าง resource แต่ตอบแค่ 200 ถ้าใช้ 201 Created พร้อม `Location` จะสื่อความหมายได้มากกว่า",
        ),
        explanation: t(
            "When a POST creates a resource, 201 Created (RFC 9110 §15.3.2) tells the client exactly that, and its `Location` header says where the new resource lives. A 200 only says the request succeeded, so clients must guess from the body whether something new exists. The rule reads the operation's id, summary and path to decide that it creates; silence it where that guess is wrong.",
            "เมื่อ POST สร้าง resource ใหม่ 201 Created (RFC 9110 §15.3.2) บอกไคลเอนต์ตรง ๆ ว่าเกิดอะไรขึ้น และ header `Location` บอกว่า resource ใหม่อยู่ที่ไหน ส่วน 200 บอกแค่ว่าคำขอสำเร็จ ไคลเอนต์ต้องเดาจาก body เองว่ามีอะไรถูกสร้างหรือไม่ rule นี้ดูจาก operationId summary และ path ว่า operation นี้สร้าง resource ถ้าเดาผิดให้ปิด rule นี้ในจุดนั้น",
        ),
        reference: "RFC 9110 §15.3.2",
        url: rfc9110!("15.3.2"),
    },
    Rule {
        id: "HS019",
        name: "delete-200-without-content",
        level: Severity::Info,
        title: t("DELETE answers 200 with no content", "DELETE ตอบ 200 โดยไม่มีเนื้อหา"),
        message: t(
            "DELETE answers 200 without content: 204 No Content says the same thing exactly",
            "DELETE ตอบ 200 โดยไม่มีเนื้อหา ใช้ 204 No Content จะตรงความหมายกว่า",
        ),
        explanation: t(
            "RFC 9110 §9.3.5 lists the usual answers to a successful DELETE: 202 if it will happen later, 204 if it is done and there is nothing more to say, 200 if the response describes the outcome. A 200 with no content is a 204 in disguise: clients may still try to read a body. Answer 204, or describe what the 200 returns.",
            "RFC 9110 §9.3.5 ระบุคำตอบที่ใช้กันสำหรับ DELETE ที่สำเร็จ คือ 202 ถ้าจะลบภายหลัง 204 ถ้าลบแล้วและไม่มีอะไรต้องบอกเพิ่ม และ 200 ถ้า response อธิบายผลลัพธ์ 200 ที่ไม่มีเนื้อหาจึงเป็น 204 ที่แฝงตัวมา ไคลเอนต์อาจยังพยายามอ่าน body ให้ตอบ 204 หรืออธิบายว่า 200 ส่งอะไรกลับมา",
        ),
        reference: "RFC 9110 §9.3.5",
        url: rfc9110!("9.3.5"),
    },
    Rule {
        id: "HS020",
        name: "no-success-response",
        level: Severity::Warning,
        title: t("No success response", "ไม่มี response ที่สำเร็จ"),
        message: t(
            "{method} declares no 2xx or 3xx response (nor `2XX`, `3XX` or `default`): what does success look like?",
            "{method} ไม่ได้ประกาศ response แบบ 2xx หรือ 3xx (รวมถึง `2XX` `3XX` และ `default`) แล้วเมื่อสำเร็จจะได้อะไร",
        ),
        explanation: t(
            "OpenAPI asks every operation to describe at least one response and recommends the successful one; a success is a 2xx (RFC 9110 §15.3), or a 3xx when the operation redirects. An operation that lists only errors leaves clients without the shape of its result. Add the success response, or a `default` if the result really varies.",
            "OpenAPI ต้องการให้ทุก operation อธิบาย response อย่างน้อยหนึ่งตัว และแนะนำให้เป็น response ที่สำเร็จ ซึ่งคือ 2xx (RFC 9110 §15.3) หรือ 3xx ถ้า operation นั้น redirect ถ้า operation มีแต่ error ไคลเอนต์จะไม่รู้รูปแบบของผลลัพธ์ ให้เพิ่ม response ที่สำเร็จ หรือใช้ `default` ถ้าผลลัพธ์เปลี่ยนไปได้จริง ๆ",
        ),
        reference: "RFC 9110 §15.3",
        url: rfc9110!("15.3"),
    },
    Rule {
        id: "HS021",
        name: "deprecated-code",
        level: Severity::Warning,
        title: t("Deprecated, reserved or obsolete code", "code ที่เลิกใช้ สงวนไว้ หรือล้าสมัย"),
        message: t(
            "{code} is {status} in the IANA registry: {advice}",
            "{code} มีสถานะ {status} ในทะเบียนของ IANA {advice}",
        ),
        explanation: t(
            "Some registered codes should not appear in a new API: 305 Use Proxy is deprecated and clients ignore it for security reasons (RFC 9110 §15.4.6), 418 is reserved and was never meant for real use (§15.5.19), and 510 Not Extended is obsoleted with the experiment that defined it (RFC 2774, moved to Historic). Use the registered code that fits: a 3xx with `Location`, 400 or 403, 400.",
            "code ที่ลงทะเบียนแล้วบางตัวไม่ควรใช้ใน API ใหม่ 305 Use Proxy เลิกใช้แล้วและไคลเอนต์ไม่ทำตามด้วยเหตุผลด้านความปลอดภัย (RFC 9110 §15.4.6) 418 ถูกสงวนไว้และไม่เคยตั้งใจให้ใช้จริง (§15.5.19) ส่วน 510 Not Extended ล้าสมัยไปพร้อมกับการทดลองที่กำหนดมันขึ้นมา (RFC 2774 ซึ่งถูกย้ายไปเป็น Historic) ให้ใช้ code ที่ลงทะเบียนและเหมาะกว่า เช่น 3xx พร้อม `Location` 400 หรือ 403",
        ),
        reference: "RFC 9110 §15.4.6",
        url: rfc9110!("15.4.6"),
    },
    Rule {
        id: "HS022",
        name: "not-modified-on-unsafe-method",
        level: Severity::Warning,
        title: t("304 on a method other than GET or HEAD", "304 ใน method ที่ไม่ใช่ GET หรือ HEAD"),
        message: t(
            "304 answers only conditional GET and HEAD; a failed condition on {method} is 412",
            "304 ใช้ตอบ GET และ HEAD แบบมีเงื่อนไขเท่านั้น ถ้าเงื่อนไขของ {method} ไม่ผ่านให้ตอบ 412",
        ),
        explanation: t(
            "A 304 Not Modified tells a cache to reuse what it stored (RFC 9110 §15.4.5), which makes sense only for GET and HEAD. For other methods a failed `If-None-Match` or `If-Match` gets 412 Precondition Failed (RFC 9110 §13.2.2, §15.5.13), so a 304 on POST, PUT, PATCH or DELETE is never sent by a server that follows the standard.",
            "304 Not Modified บอก cache ให้ใช้สิ่งที่เก็บไว้ซ้ำ (RFC 9110 §15.4.5) ซึ่งมีความหมายเฉพาะกับ GET และ HEAD สำหรับ method อื่น ถ้า `If-None-Match` หรือ `If-Match` ไม่ผ่านจะได้ 412 Precondition Failed (RFC 9110 §13.2.2 §15.5.13) เซิร์ฟเวอร์ที่ทำตามมาตรฐานจึงไม่ส่ง 304 ให้ POST PUT PATCH หรือ DELETE",
        ),
        reference: "RFC 9110 §13.2.2",
        url: rfc9110!("13.2.2"),
    },
    Rule {
        id: "HS023",
        name: "unresolved-ref",
        level: Severity::Error,
        title: t("Reference that cannot be followed", "อ้างอิงที่ตามไปไม่ได้"),
        message: t(
            "`$ref` {code} cannot be resolved, so this response was not checked",
            "`$ref` {code} ตามไปไม่ได้ จึงไม่ได้ตรวจ response นี้",
        ),
        explanation: t(
            "A `$ref` must point to an object in this document (`#/components/responses/NotFound`) or in a file beside it (`common.yaml#/components/headers/RetryAfter`), as JSON Reference and OpenAPI define it. One that leads nowhere hides the response it stands for from readers, generators and this linter alike; the status code rules of RFC 9110 §15 cannot be checked on it. Fix the path or the pointer. Remote (`https://`) references are not fetched.",
            "`$ref` ต้องชี้ไปยัง object ในเอกสารนี้ (`#/components/responses/NotFound`) หรือในไฟล์ที่อยู่ข้างกัน (`common.yaml#/components/headers/RetryAfter`) ตามที่ JSON Reference และ OpenAPI กำหนด ถ้าชี้ไปไม่ถึงที่ไหนเลย response ที่มันแทนจะหายไปจากผู้อ่าน ตัวสร้างโค้ด และ linter นี้ ทำให้ตรวจตามกฎ status code ของ RFC 9110 §15 ไม่ได้ ให้แก้ path หรือ pointer ให้ถูก ส่วนอ้างอิงระยะไกล (`https://`) จะไม่ถูกดึงมาตรวจ",
        ),
        reference: "RFC 9110 §15",
        url: RFC9110,
    },
];

/// The rule with this id (`HS005`) or name (`content-forbidden`), case-insensitively.
pub fn rule(key: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_in_order_and_unique() {
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.id, format!("HS{:03}", i + 1));
            assert!(r.url.starts_with("https://"));
            // The explanation cites the section it is filed under, in both languages.
            for text in [r.explanation.en, r.explanation.th] {
                assert!(
                    text.contains(r.reference),
                    "{}: does not cite {}",
                    r.id,
                    r.reference
                );
            }
        }
        let mut names: Vec<_> = RULES.iter().map(|r| r.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
    }

    #[test]
    fn thai_follows_the_house_rules() {
        for r in RULES {
            for text in [r.title.th, r.message.th, r.explanation.th] {
                for (i, _) in text.match_indices('ๆ') {
                    assert!(text[..i].ends_with(' '), "{}: no space before ๆ", r.id);
                    assert!(
                        text[i..].starts_with("ๆ ") || text[i..] == *"ๆ",
                        "{}: no space after ๆ",
                        r.id
                    );
                }
                assert!(
                    !text.contains("เรา"),
                    "{}: addresses the reader as เรา",
                    r.id
                );
                assert!(!text.contains("โค้ดนี้") && !text.contains("รหัสนี้"), "{}", r.id);
                assert!(!text.contains(','), "{}: comma in Thai", r.id);
                assert!(
                    !text.trim_end().ends_with('.'),
                    "{}: Thai ends with a period",
                    r.id
                );
            }
        }
    }
}
