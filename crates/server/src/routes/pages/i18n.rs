//! The web reference's own words, in English and Thai: headings, labels, notes and the home
//! page's introduction. Registry texts (titles, summaries, descriptions) come from
//! `httpstatus_codes`; everything a page says besides them lives here, so both languages are
//! reviewed side by side. Placeholders such as `{n}` are filled with [`fill`].

use httpstatus_codes::{Lang, Level, RegistryStatus};

/// Every interface string of the site in one language.
#[derive(Debug)]
pub(super) struct Ui {
    pub skip: &'static str,
    pub home_link: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_button: &'static str,
    pub search_none_instant: &'static str,
    pub search_all: &'static str,
    pub search_count: &'static str,
    pub search_count_one: &'static str,
    pub lang_nav: &'static str,
    pub sections_nav: &'static str,
    pub breadcrumb: &'static str,
    pub nav_iis: &'static str,
    pub nav_vendors: &'static str,
    pub nav_endpoints: &'static str,
    pub footer_about: &'static str,
    pub footer_api: &'static str,
    pub footer_openapi: &'static str,
    pub footer_read_more: &'static str,

    pub home_title: &'static str,
    pub home_description: &'static str,
    pub intro: [&'static str; 2],
    pub intro_heading: &'static str,
    pub toc: &'static str,
    pub codes_count: &'static str,
    pub iis_heading: &'static str,
    pub iis_lead: &'static str,
    pub iis_own: &'static str,
    pub vendors_heading: &'static str,
    pub vendors_lead: &'static str,

    pub class_standard: &'static str,
    pub class_iis: &'static str,
    pub class_vendors: &'static str,
    pub class_fallback: &'static str,
    pub class_spec: &'static str,

    pub unassigned: &'static str,
    pub not_on_wire: &'static str,
    pub log_only_tag: &'static str,

    pub description: &'static str,
    pub semantics: &'static str,
    pub cacheable: &'static str,
    pub cacheable_yes: &'static str,
    pub cacheable_no: &'static str,
    pub body: &'static str,
    pub body_allowed: &'static str,
    pub body_forbidden: &'static str,
    pub retry: &'static str,
    pub redirect: &'static str,
    pub headers: &'static str,
    pub headers_none: &'static str,
    pub wire: &'static str,
    pub wire_sent: &'static str,
    pub wire_sent_as: &'static str,
    pub wire_log_only: &'static str,
    pub example: &'static str,
    pub example_interim: &'static str,
    pub example_sub: &'static str,
    pub example_log_only: &'static str,
    pub example_vendor: &'static str,
    pub try_it: &'static str,
    pub try_note: &'static str,
    pub try_note_1xx: &'static str,
    pub try_note_sub: &'static str,
    pub try_note_log_only: &'static str,
    pub try_note_range: &'static str,
    pub range_heading: &'static str,
    pub range_note: &'static str,
    pub causes: &'static str,
    pub fixes: &'static str,
    pub seed: &'static str,
    pub seed_said: &'static str,
    pub meanings: &'static str,
    pub parent: &'static str,
    pub subs: &'static str,
    pub related: &'static str,
    pub aliases: &'static str,
    pub not_applicable: &'static str,
    pub scrolls: &'static str,
    pub by_stack: &'static str,
    pub fix: &'static str,
    pub in_code: &'static str,
    pub in_code_framework: &'static str,
    pub in_code_name: &'static str,
    pub in_code_older: &'static str,
    pub subs_all: &'static str,
    pub reference: &'static str,
    pub iis_versions: &'static str,
    pub facts: &'static str,
    pub json_twin: &'static str,
    pub prev: &'static str,
    pub next: &'static str,
    pub pager: &'static str,

    pub search_title: &'static str,
    pub search_results: &'static str,
    pub search_results_one: &'static str,
    pub search_shown: &'static str,
    pub search_nothing: &'static str,
    pub search_empty: &'static str,
    pub search_tips: &'static str,
    pub search_too_long: &'static str,

    pub endpoints_title: &'static str,
    pub endpoints_lead: &'static str,
    pub endpoints_route: &'static str,
    pub endpoints_what: &'static str,
    pub endpoints_example: &'static str,
    pub endpoints_answers: &'static str,
    pub endpoints_peer: &'static str,
    pub endpoints_ours: &'static str,

    pub not_found_title: &'static str,
    pub not_found_code: &'static str,
    pub not_found_number: &'static str,
    pub not_found_unassigned: &'static str,
    pub suggestions: &'static str,
    pub bad_request_title: &'static str,
    pub bad_request_lead: &'static str,
    pub no_class: &'static str,
}

/// The strings for `lang`.
pub(super) fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::En => &EN,
        Lang::Th => &TH,
    }
}

/// Replaces each `{key}` in `template` with its value. Values are inserted as given: escape
/// them first when the result is HTML.
pub(super) fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (key, value) in pairs {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

/// A registry status worth a badge, in `lang`; `None` for ordinary assigned or vendor codes.
pub(super) fn status_tag(status: RegistryStatus, lang: Lang) -> Option<&'static str> {
    let (en, th) = match status {
        RegistryStatus::Temporary => ("Temporary registration", "ลงทะเบียนชั่วคราว"),
        RegistryStatus::Deprecated => ("Deprecated", "เลิกใช้แล้ว"),
        RegistryStatus::Reserved => ("Reserved", "สงวนไว้"),
        RegistryStatus::Obsoleted => ("Obsoleted", "ยกเลิกแล้ว"),
        RegistryStatus::Unassigned => ("Unassigned", "ยังไม่ได้กำหนด"),
        RegistryStatus::Unofficial => ("Unofficial", "ไม่เป็นทางการ"),
        _ => return None,
    };
    Some(match lang {
        Lang::En => en,
        Lang::Th => th,
    })
}

/// How strongly a header is expected, in `lang`.
pub(super) fn level(level: Level, lang: Lang) -> &'static str {
    match (level, lang) {
        (Level::Must, Lang::En) => "must",
        (Level::Should, Lang::En) => "should",
        (Level::May, Lang::En) => "may",
        (Level::Must, Lang::Th) => "ต้องมี",
        (Level::Should, Lang::Th) => "ควรมี",
        (Level::May, Lang::Th) => "มีได้",
    }
}

static EN: Ui = Ui {
    skip: "Skip to main content",
    home_link: "httpstatus home",
    search_label: "Search status codes",
    search_placeholder: "404, 403.14, too many, ไม่พบ …",
    search_button: "Search",
    search_none_instant: "No quick match.",
    search_all: "Search all texts for “{q}”",
    search_count: "{n} matches",
    search_count_one: "1 match",
    lang_nav: "Language",
    sections_nav: "Sections",
    breadcrumb: "Breadcrumb",
    nav_iis: "IIS sub-status",
    nav_vendors: "Vendor codes",
    nav_endpoints: "Test endpoints",
    footer_about: "httpstatus: every IANA status code, IIS sub-status and vendor code, in English and Thai. Works offline, no tracking.",
    footer_api: "JSON API",
    footer_openapi: "OpenAPI",
    footer_read_more: "Read more: RFC 9110 §15",

    home_title: "HTTP response status codes",
    home_description: "Every HTTP status code, IIS sub-status code and vendor code, with what it means, the headers it needs and what a client should do, in English and Thai.",
    intro: [
        "Every HTTP response opens with a three-digit status code. Before a client reads a byte of the body, the code tells it whether the request worked, whether it must take another step, or whether it failed, and on which side. Browsers, HTTP libraries, proxies, caches and monitoring all act on that number, so choosing the right code, with the headers it needs, is part of an API's contract.",
        "This reference lists every code IANA registers, the IIS sub-status codes that fill Windows server logs, and the codes that vendors such as nginx, Cloudflare and AWS use, each with what it means, what to send with it and what a client should do about it.",
    ],
    intro_heading: "Why status codes matter",
    toc: "On this page",
    codes_count: "{n} codes",
    iis_heading: "IIS sub-status codes",
    iis_lead: "IIS explains many errors with a sub-status: 403.14, 500.19, 502.3. It never reaches the client, which sees only the three-digit code; look for it in the IIS log (the sc-substatus field) and on the detailed error page.",
    iis_own: "IIS's own codes",
    vendors_heading: "Vendor and unofficial codes",
    vendors_lead: "Some products use numbers that IANA never assigned, or gave another meaning. Each vendor's meaning lives in its own namespace, so nginx's 499 and Esri's 499 never get mixed up with each other or with the standard.",

    class_standard: "Standard codes (IANA)",
    class_iis: "IIS sub-status codes in this class",
    class_vendors: "Vendor codes in this class",
    class_fallback: "A client that does not recognise a {class} code treats it as {fallback} (RFC 9110 §15).",
    class_spec: "Specification",

    unassigned: "Unassigned",
    not_on_wire: "Never sent to the client",
    log_only_tag: "Logs only",

    description: "Description",
    semantics: "Semantics",
    cacheable: "Cacheable by default",
    cacheable_yes: "yes: caches may store it without explicit freshness information",
    cacheable_no: "no: only with explicit Cache-Control or Expires",
    body: "Body",
    body_allowed: "content may follow",
    body_forbidden: "none: no content may follow the headers",
    retry: "Retry",
    redirect: "Redirect",
    headers: "Headers to send",
    headers_none: "none required",
    wire: "On the wire",
    wire_sent: "sent as the status line",
    wire_sent_as: "the client receives {code}; this code appears only in logs and error pages",
    wire_log_only: "nothing with this code reaches the client; it appears only in the server's logs",
    example: "Example response",
    example_interim: "An interim response comes first; the final response follows on the same connection.",
    example_sub: "IIS sends only {code} on the status line. The sub-status is written to the IIS log (sc-status {code}, sc-substatus {sub}) and named on the detailed error page.",
    example_log_only: "Nothing is sent: the connection closes, or the client has already gone, before a status line. The code shows up only in the access log.",
    example_vendor: "As {vendor} sends it.",
    try_it: "Try it against this server",
    try_note: "The test endpoint answers with this status, its reason phrase and the headers it needs.",
    // The test endpoints own this explanation; the English page quotes it.
    try_note_1xx: crate::wire::ONE_XX_NOTE,
    try_note_sub: "Sub-status codes never reach the wire, so the test endpoint answers {code}, exactly what a client of IIS receives.",
    try_note_log_only: "The real product sends nothing with this code; the test endpoint sends it anyway so you can see how your client copes.",
    try_note_range: "The test endpoint sends {code} as is; a client should treat it as {fallback}.",
    range_heading: "How a client reads it",
    range_note: "These numbers are unassigned. A client that receives one must treat it as {fallback}, the generic code of its class (RFC 9110 §15).",
    causes: "Likely causes",
    fixes: "How to fix it",
    seed: "What the source page got wrong",
    seed_said: "The source page says",
    meanings: "Other meanings of {code}",
    parent: "Parent code",
    subs: "IIS sub-status codes under {code}",
    related: "Related codes",
    aliases: "Also known as",
    not_applicable: "not applicable: nothing reaches the client",
    scrolls: "scrolls sideways",
    by_stack: "Causes and fixes by stack",
    fix: "Fix",
    in_code: "In code",
    in_code_framework: "Language / framework",
    in_code_name: "Name",
    in_code_older: "older name",
    subs_all: "All of them with their names",
    reference: "Reference",
    iis_versions: "IIS versions",
    facts: "Notes",
    json_twin: "This entry as JSON",
    prev: "Previous",
    next: "Next",
    pager: "More codes",

    search_title: "Search",
    search_results: "{n} results for “{q}”",
    search_results_one: "1 result for “{q}”",
    search_shown: "The best {n} are listed; refine the words to see others.",
    search_nothing: "Nothing matches “{q}”.",
    search_empty: "Type a code, a phrase or a few words, in English or Thai.",
    search_tips: "Try a code (404), an IIS sub-status (403.14), a vendor code (nginx:499), a class (5xx), a phrase (too many requests) or Thai words (ไม่พบ).",
    search_too_long: "The search text is longer than {n} bytes. Use a few words.",

    endpoints_title: "Test endpoints",
    endpoints_lead: "This server also answers for real, so you can test an HTTP client against every status code: the headers each code needs, no body where the code forbids one, delays, redirects, auth challenges, caching with real 304s and ranges with real 206 and 416. The routes follow httpbin, go-httpbin and httpstat.us, so existing tests keep working.",
    endpoints_route: "Route",
    endpoints_what: "What it does",
    endpoints_example: "Example",
    endpoints_answers: "Answers",
    endpoints_peer: "Compatible with",
    endpoints_ours: "ours alone",

    not_found_title: "No such code",
    not_found_code: "There is no entry “{id}” in the registry.",
    not_found_number: "{id} is not a standard code. These entries use the number:",
    not_found_unassigned: "{id} is unassigned. A client treats it as {fallback}.",
    suggestions: "Suggestions",
    bad_request_title: "That is not a code",
    bad_request_lead: "The address does not name a code",
    no_class: "There is no class “{id}”: the classes are 1xx to 5xx.",
};

static TH: Ui = Ui {
    skip: "ข้ามไปยังเนื้อหาหลัก",
    home_link: "หน้าแรกของ httpstatus",
    search_label: "ค้นหา status code",
    search_placeholder: "404, 403.14, too many, ไม่พบ …",
    search_button: "ค้นหา",
    search_none_instant: "ยังไม่พบรายการที่ตรงกัน",
    search_all: "ค้นหา “{q}” ในข้อความทั้งหมด",
    search_count: "พบ {n} รายการ",
    search_count_one: "พบ 1 รายการ",
    lang_nav: "ภาษา",
    sections_nav: "หมวดหมู่",
    breadcrumb: "ตำแหน่งของหน้านี้",
    nav_iis: "IIS sub-status",
    nav_vendors: "code ของ vendor",
    nav_endpoints: "endpoint ทดสอบ",
    footer_about: "httpstatus รวม status code ของ IANA กับ IIS sub-status และ code ของ vendor ครบทุกตัว ทั้งภาษาไทยและอังกฤษ ใช้งานได้แบบ offline และไม่มีการติดตามผู้ใช้",
    footer_api: "JSON API",
    footer_openapi: "OpenAPI",
    footer_read_more: "อ่านเพิ่มเติม: RFC 9110 §15",

    home_title: "HTTP status code ทุกตัว",
    home_description: "status code ของ HTTP และ IIS sub-status และ code ของ vendor ทุกตัว พร้อมความหมาย header ที่ต้องส่ง และสิ่งที่ไคลเอนต์ควรทำ ทั้งภาษาไทยและอังกฤษ",
    intro: [
        "ทุก response ของ HTTP ขึ้นต้นด้วย status code สามหลัก ซึ่งบอกไคลเอนต์ตั้งแต่ก่อนอ่าน body ว่าคำขอสำเร็จไหม ต้องทำอะไรต่ออีกขั้นหรือเปล่า หรือผิดพลาดแล้วเป็นความผิดของฝั่งไหน ทั้งเบราว์เซอร์ HTTP library proxy cache และระบบ monitoring ต่างตัดสินใจจากตัวเลขนี้ การเลือก code ให้ถูกพร้อม header ที่ต้องส่งไปด้วยจึงเป็นส่วนหนึ่งของสัญญาที่ API ให้ไว้กับผู้ใช้",
        "หน้านี้รวบรวม code ทุกตัวที่ลงทะเบียนไว้กับ IANA กับ IIS sub-status code ที่เห็นเต็ม log ของเซิร์ฟเวอร์ Windows และ code ที่ vendor อย่าง nginx Cloudflare และ AWS ใช้เอง แต่ละตัวบอกความหมาย สิ่งที่ต้องส่งไปด้วย และสิ่งที่ไคลเอนต์ควรทำเมื่อได้รับ",
    ],
    intro_heading: "ทำไม status code จึงสำคัญ",
    toc: "ในหน้านี้",
    codes_count: "{n} รายการ",
    iis_heading: "IIS sub-status code",
    iis_lead: "IIS อธิบายสาเหตุของ error หลายแบบด้วย sub-status เช่น 403.14 500.19 และ 502.3 ซึ่งไม่เคยถูกส่งถึงไคลเอนต์ ไคลเอนต์เห็นแค่ code สามหลัก ให้ดู sub-status ได้จาก log ของ IIS (ช่อง sc-substatus) และจากหน้า error แบบละเอียด",
    iis_own: "code ของ IIS เอง",
    vendors_heading: "code ของ vendor และ code ที่ไม่เป็นทางการ",
    vendors_lead: "บางผลิตภัณฑ์ใช้ตัวเลขที่ IANA ไม่เคยกำหนด หรือใช้ในความหมายอื่น ความหมายของแต่ละ vendor จึงแยกเก็บไว้คนละ namespace เพื่อไม่ให้ 499 ของ nginx ปนกับ 499 ของ Esri หรือกับความหมายมาตรฐาน",

    class_standard: "code มาตรฐาน (IANA)",
    class_iis: "IIS sub-status code ในกลุ่มนี้",
    class_vendors: "code ของ vendor ในกลุ่มนี้",
    class_fallback: "ไคลเอนต์ที่ไม่รู้จัก code ในกลุ่ม {class} จะถือว่าเป็น {fallback} (RFC 9110 §15)",
    class_spec: "สเปกอ้างอิง",

    unassigned: "ยังไม่ได้กำหนด",
    not_on_wire: "ไม่ถูกส่งถึงไคลเอนต์",
    log_only_tag: "มีแค่ใน log",

    description: "คำอธิบาย",
    semantics: "คุณสมบัติของ code",
    cacheable: "cache ได้โดยปริยาย",
    cacheable_yes: "ได้ cache เก็บไว้ได้แม้ไม่มีข้อมูลอายุของ response ระบุไว้",
    cacheable_no: "ไม่ได้ ยกเว้นมี Cache-Control หรือ Expires ระบุไว้ชัดเจน",
    body: "body",
    body_allowed: "มีเนื้อหาตามมาได้",
    body_forbidden: "ห้ามมี ต้องไม่มีเนื้อหาต่อจาก header",
    retry: "การ retry",
    redirect: "การ redirect",
    headers: "header ที่ต้องส่ง",
    headers_none: "ไม่มีที่บังคับ",
    wire: "สิ่งที่ไคลเอนต์ได้รับ",
    wire_sent: "ส่งเป็น status line ตามปกติ",
    wire_sent_as: "ไคลเอนต์ได้รับ {code} ส่วน code นี้เห็นได้เฉพาะใน log และหน้า error",
    wire_log_only: "ไม่มีอะไรที่ใช้ code นี้ถูกส่งถึงไคลเอนต์ เห็นได้เฉพาะใน log ของเซิร์ฟเวอร์",
    example: "ตัวอย่าง response",
    example_interim: "response ชั่วคราวมาก่อน แล้ว response จริงตามมาบนการเชื่อมต่อเดียวกัน",
    example_sub: "IIS ส่งแค่ {code} ใน status line ส่วน sub-status จะถูกเขียนลง log ของ IIS (sc-status {code}, sc-substatus {sub}) และแสดงในหน้า error แบบละเอียด",
    example_log_only: "ไม่มีการส่งอะไรเลย การเชื่อมต่อถูกปิด หรือไคลเอนต์ตัดการเชื่อมต่อไปก่อนแล้ว ก่อนจะมี status line และ code นี้ปรากฏเฉพาะใน access log",
    example_vendor: "ตามที่ {vendor} ส่ง",
    try_it: "ลองกับเซิร์ฟเวอร์นี้",
    try_note: "endpoint ทดสอบจะตอบด้วย status นี้ พร้อม reason phrase และ header ที่จำเป็น",
    try_note_1xx: "code กลุ่ม 1xx เป็น response ชั่วคราว ไม่มีทางเป็น response สุดท้าย endpoint ทดสอบจะส่ง 100 Continue จริงเมื่อคำขอมี Expect: 100-continue และ upgrade จริงด้วย 101 Switching Protocols เมื่อคำขอขอ upgrade (Connection: Upgrade, Upgrade: echo) ผ่าน HTTP/1.1 ส่วน 102 103 (พร้อม Link สำหรับ preload และตั้ง header อื่นได้ด้วย header=) และ code 1xx ตัวอื่นจะถูกส่งจริงทั้งผ่าน HTTP/1.1 และ HTTP/2 ตามด้วย response สุดท้าย (200 หรือ code ที่ระบุด้วย final=) ไคลเอนต์ HTTP/1.0 ต้องไม่ได้รับ response ชั่วคราว จึงได้ response สุดท้ายที่มี header ของ response ชั่วคราวนั้นแทน และ header Httpstatus-Interim บอกว่าไม่ได้ส่งอะไร",
    try_note_sub: "sub-status ไม่เคยถูกส่งออกไป endpoint ทดสอบจึงตอบ {code} ซึ่งตรงกับสิ่งที่ไคลเอนต์ของ IIS ได้รับจริง",
    try_note_log_only: "ผลิตภัณฑ์จริงไม่ส่งอะไรที่ใช้ code นี้ แต่ endpoint ทดสอบส่งให้ เพื่อดูว่าไคลเอนต์ของคุณรับมืออย่างไร",
    try_note_range: "endpoint ทดสอบส่ง {code} ออกไปตรง ๆ ไคลเอนต์ควรถือว่าเป็น {fallback}",
    range_heading: "ไคลเอนต์ตีความอย่างไร",
    range_note: "ตัวเลขในช่วงนี้ยังไม่ได้กำหนด ไคลเอนต์ที่ได้รับต้องถือว่าเป็น {fallback} ซึ่งเป็น code ทั่วไปของกลุ่มนั้น (RFC 9110 §15)",
    causes: "สาเหตุที่พบบ่อย",
    fixes: "วิธีแก้",
    seed: "สิ่งที่หน้าต้นฉบับเขียนไม่ถูก",
    seed_said: "หน้าต้นฉบับเขียนว่า",
    meanings: "ความหมายอื่นของ {code}",
    parent: "code หลัก",
    subs: "IIS sub-status ภายใต้ {code}",
    related: "code ที่เกี่ยวข้อง",
    aliases: "ชื่ออื่นที่พบ",
    not_applicable: "ไม่เกี่ยวข้อง เพราะไม่มีอะไรถูกส่งถึงไคลเอนต์",
    scrolls: "เลื่อนดูด้านข้างได้",
    by_stack: "สาเหตุและวิธีแก้แยกตาม stack",
    fix: "วิธีแก้",
    in_code: "ชื่อในภาษาและ framework",
    in_code_framework: "ภาษาหรือ framework",
    in_code_name: "ชื่อ",
    in_code_older: "ชื่อเดิม",
    subs_all: "ดูทั้งหมดพร้อมชื่อ",
    reference: "เอกสารอ้างอิง",
    iis_versions: "เวอร์ชันของ IIS",
    facts: "หมายเหตุ",
    json_twin: "ข้อมูลของ code นี้แบบ JSON",
    prev: "ก่อนหน้า",
    next: "ถัดไป",
    pager: "code อื่น ๆ",

    search_title: "ค้นหา",
    search_results: "พบ {n} รายการสำหรับ “{q}”",
    search_results_one: "พบ 1 รายการสำหรับ “{q}”",
    search_shown: "แสดง {n} รายการที่ตรงที่สุด ลองเพิ่มคำค้นให้ชัดขึ้นเพื่อดูรายการอื่น",
    search_nothing: "ไม่พบรายการที่ตรงกับ “{q}”",
    search_empty: "พิมพ์ code หรือ phrase หรือคำค้นสองสามคำ เป็นภาษาไทยหรืออังกฤษก็ได้",
    search_tips: "ลองพิมพ์ code (404) IIS sub-status (403.14) code ของ vendor (nginx:499) กลุ่ม (5xx) phrase (too many requests) หรือคำภาษาไทย (ไม่พบ)",
    search_too_long: "ข้อความค้นหายาวเกิน {n} ไบต์ ใช้คำค้นแค่ไม่กี่คำ",

    endpoints_title: "endpoint สำหรับทดสอบ",
    endpoints_lead: "เซิร์ฟเวอร์นี้ตอบกลับได้จริงด้วย จึงใช้ทดสอบ HTTP client กับ status code ได้ทุกตัว ทั้ง header ที่แต่ละ code ต้องมี การไม่ส่ง body เมื่อ code ห้ามไว้ การหน่วงเวลา redirect auth challenge cache ที่ได้ 304 จริง และ range ที่ได้ 206 และ 416 จริง เส้นทางต่าง ๆ ตั้งตาม httpbin go-httpbin และ httpstat.us ชุดทดสอบเดิมจึงใช้ต่อได้ทันที",
    endpoints_route: "เส้นทาง",
    endpoints_what: "ทำอะไร",
    endpoints_example: "ตัวอย่าง",
    endpoints_answers: "ตอบด้วย",
    endpoints_peer: "ใช้แทนกันได้กับ",
    endpoints_ours: "มีเฉพาะที่นี่",

    not_found_title: "ไม่มี code นี้",
    not_found_code: "ในทะเบียนไม่มีรายการ “{id}”",
    not_found_number: "{id} ไม่ใช่ code มาตรฐาน รายการเหล่านี้ใช้ตัวเลขนี้",
    not_found_unassigned: "{id} ยังไม่ได้กำหนด ไคลเอนต์จะถือว่าเป็น {fallback}",
    suggestions: "รายการที่ใกล้เคียง",
    bad_request_title: "ไม่ใช่ code",
    bad_request_lead: "ที่อยู่นี้ไม่ได้ระบุ code ที่ถูกต้อง",
    no_class: "ไม่มีกลุ่ม “{id}” กลุ่มที่มีคือ 1xx ถึง 5xx",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill("{n} of {m}, {n}", &[("n", "1"), ("m", "2")]),
            "1 of 2, 1"
        );
    }

    #[test]
    fn thai_strings_are_thai() {
        // Every Thai sentence-like string carries Thai script; a copy-paste of the English
        // table would not.
        for s in [
            TH.intro[0],
            TH.intro[1],
            TH.iis_lead,
            TH.vendors_lead,
            TH.endpoints_lead,
            TH.skip,
        ] {
            assert!(
                s.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)),
                "{s}"
            );
        }
    }
}
