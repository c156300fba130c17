//! Texts the registry does not hold because they are not HTTP status codes: Windows (Win32)
//! error codes from IIS's `sc-win32-status`, http.sys HTTPERR reasons and FTP reply codes. Each
//! has an English and a Thai line.

use httpstatus_codes::Text;

const fn t(en: &'static str, th: &'static str) -> Text {
    Text { en, th }
}

/// The Win32 codes IIS logs most, with their constant names. Sorted by code.
const WIN32: &[(u32, &str, Text)] = &[
    (0, "ERROR_SUCCESS", t("No Windows error.", "ไม่มีข้อผิดพลาดของ Windows")),
    (1, "ERROR_INVALID_FUNCTION", t("Invalid function: often a handler or module refused the request.", "ฟังก์ชันไม่ถูกต้อง มักเป็น handler หรือ module ที่ปฏิเสธคำขอ")),
    (2, "ERROR_FILE_NOT_FOUND", t("The file was not found on disk.", "ไม่พบไฟล์บนดิสก์")),
    (3, "ERROR_PATH_NOT_FOUND", t("The folder in the path does not exist.", "ไม่พบโฟลเดอร์ตาม path")),
    (5, "ERROR_ACCESS_DENIED", t("Access denied: check NTFS permissions for the app pool identity.", "ไม่มีสิทธิ์เข้าถึง ตรวจสิทธิ์ NTFS ของ identity ของ app pool")),
    (13, "ERROR_INVALID_DATA", t("Invalid data: often a corrupt configuration or compressed file.", "ข้อมูลไม่ถูกต้อง มักเป็นไฟล์ config หรือไฟล์บีบอัดที่เสีย")),
    (32, "ERROR_SHARING_VIOLATION", t("The file is in use by another process.", "ไฟล์ถูก process อื่นใช้อยู่")),
    (50, "ERROR_NOT_SUPPORTED", t("The request is not supported.", "ไม่รองรับคำขอนี้")),
    (53, "ERROR_BAD_NETPATH", t("The network path was not found (UNC content share).", "ไม่พบ network path (แชร์ UNC ของ content)")),
    (64, "ERROR_NETNAME_DELETED", t("The client closed the connection before the response was sent.", "ไคลเอนต์ปิดการเชื่อมต่อก่อนส่ง response เสร็จ")),
    (87, "ERROR_INVALID_PARAMETER", t("An invalid parameter, often a malformed request.", "พารามิเตอร์ไม่ถูกต้อง มักเป็นคำขอที่ผิดรูปแบบ")),
    (121, "ERROR_SEM_TIMEOUT", t("A time-out: the client or network was too slow.", "หมดเวลา ไคลเอนต์หรือเครือข่ายช้าเกินไป")),
    (123, "ERROR_INVALID_NAME", t("The file name or path syntax is invalid.", "ชื่อไฟล์หรือ path ไม่ถูกต้อง")),
    (995, "ERROR_OPERATION_ABORTED", t("The I/O was aborted: the client went away or the app pool recycled.", "I/O ถูกยกเลิก ไคลเอนต์หายไปหรือ app pool ถูก recycle")),
    (1236, "ERROR_CONNECTION_ABORTED", t("The connection was aborted by this host.", "การเชื่อมต่อถูกยกเลิกโดยเครื่องนี้")),
    (1326, "ERROR_LOGON_FAILURE", t("Logon failed: wrong user name or password.", "ล็อกออนไม่สำเร็จ ชื่อผู้ใช้หรือรหัสผ่านผิด")),
    (10053, "WSAECONNABORTED", t("The connection was aborted (software on this host).", "การเชื่อมต่อถูกยกเลิกโดยซอฟต์แวร์บนเครื่องนี้")),
    (10054, "WSAECONNRESET", t("The client reset the connection.", "ไคลเอนต์รีเซ็ตการเชื่อมต่อ")),
    (2_147_942_402, "HRESULT 0x80070002", t("File not found (as an HRESULT).", "ไม่พบไฟล์ (ในรูป HRESULT)")),
    (2_147_942_405, "HRESULT 0x80070005", t("Access denied (as an HRESULT).", "ไม่มีสิทธิ์เข้าถึง (ในรูป HRESULT)")),
    (2_148_074_248, "SEC_E_UNSUPPORTED_FUNCTION", t("TLS/SSPI: the function is not supported.", "TLS/SSPI ไม่รองรับฟังก์ชันนี้")),
    (2_148_074_252, "SEC_E_LOGON_DENIED", t("Windows authentication denied the logon.", "Windows authentication ปฏิเสธการล็อกออน")),
    (2_148_074_254, "SEC_E_INVALID_TOKEN", t("Windows authentication: the token was invalid (first NTLM/Kerberos leg, usually normal).", "Windows authentication: token ไม่ถูกต้อง (ขั้นแรกของ NTLM/Kerberos ปกติ)")),
];

/// The name and text of a Win32 code, when it is one IIS logs often.
pub(crate) fn win32(code: u32) -> Option<(&'static str, Text)> {
    WIN32
        .binary_search_by_key(&code, |(c, _, _)| *c)
        .ok()
        .map(|i| (WIN32[i].1, WIN32[i].2))
}

/// http.sys HTTPERR `s-reason` values. Sorted by name.
const HTTPERR: &[(&str, Text)] = &[
    (
        "AppOffline",
        t(
            "The application pool is stopped or disabled (rapid-fail protection).",
            "application pool หยุดหรือถูกปิด (rapid-fail protection)",
        ),
    ),
    (
        "AppPoolTimer",
        t(
            "The app pool was too busy to take the request in time.",
            "app pool ยุ่งจนรับคำขอไม่ทัน",
        ),
    ),
    (
        "AppShutdown",
        t(
            "The app pool shut down while the request was queued.",
            "app pool ปิดตัวขณะคำขอรออยู่ในคิว",
        ),
    ),
    (
        "BadRequest",
        t("A parse error in the request.", "คำขอ parse ไม่ได้"),
    ),
    (
        "Client_Reset",
        t(
            "The client reset the connection before the worker process took the request.",
            "ไคลเอนต์รีเซ็ตการเชื่อมต่อก่อน worker process รับคำขอ",
        ),
    ),
    (
        "ConnLimit",
        t(
            "The site's connection limit was reached.",
            "ถึงขีดจำกัดจำนวนการเชื่อมต่อของไซต์",
        ),
    ),
    (
        "Connection_Abandoned_By_AppPool",
        t(
            "The worker process ended (crash or recycle) with requests pending.",
            "worker process จบการทำงาน (crash หรือ recycle) ขณะมีคำขอค้าง",
        ),
    ),
    (
        "Connection_Abandoned_By_ReqQueue",
        t(
            "The worker process ended with requests still in its queue.",
            "worker process จบการทำงานขณะคำขอยังอยู่ในคิว",
        ),
    ),
    (
        "Connection_Dropped",
        t(
            "The client dropped the connection before the response was sent.",
            "ไคลเอนต์ตัดการเชื่อมต่อก่อนส่ง response",
        ),
    ),
    (
        "Connection_Dropped_List_Full",
        t(
            "Too many dropped connections to log each one.",
            "การเชื่อมต่อที่ถูกตัดมากเกินกว่าจะบันทึกทีละรายการ",
        ),
    ),
    (
        "Disabled",
        t(
            "The site or app pool is disabled.",
            "ไซต์หรือ app pool ถูกปิดใช้งาน",
        ),
    ),
    (
        "EntityTooLarge",
        t(
            "The request body exceeded the allowed size.",
            "body ของคำขอใหญ่เกินที่อนุญาต",
        ),
    ),
    (
        "FieldLength",
        t(
            "A header field exceeded its length limit.",
            "header field ยาวเกินขีดจำกัด",
        ),
    ),
    (
        "Forbidden",
        t(
            "A forbidden element or sequence in the request.",
            "คำขอมีส่วนประกอบหรือลำดับที่ต้องห้าม",
        ),
    ),
    ("Header", t("A header error.", "header ผิดพลาด")),
    (
        "Hostname",
        t(
            "A host name error (unknown or invalid Host header).",
            "host name ผิดพลาด (Host header ไม่รู้จักหรือไม่ถูกต้อง)",
        ),
    ),
    (
        "Internal",
        t("An internal http.sys error.", "ข้อผิดพลาดภายในของ http.sys"),
    ),
    (
        "Invalid_CR/LF",
        t(
            "An illegal carriage return or line feed.",
            "มี CR หรือ LF ผิดที่",
        ),
    ),
    (
        "LengthRequired",
        t(
            "A required Content-Length was missing.",
            "ไม่มี Content-Length ที่จำเป็น",
        ),
    ),
    (
        "N/A",
        t(
            "A service-unavailable error (503).",
            "บริการไม่พร้อมใช้งาน (503)",
        ),
    ),
    (
        "N/I",
        t(
            "An unknown transfer encoding (501).",
            "transfer encoding ที่ไม่รู้จัก (501)",
        ),
    ),
    ("Number", t("A number parsing error.", "parse ตัวเลขไม่ได้")),
    (
        "Precondition",
        t(
            "A required precondition was missing.",
            "ไม่มี precondition ที่จำเป็น",
        ),
    ),
    (
        "QueueFull",
        t(
            "The app pool's request queue was full (503).",
            "คิวคำขอของ app pool เต็ม (503)",
        ),
    ),
    (
        "RequestLength",
        t("The request was too long.", "คำขอยาวเกินไป"),
    ),
    (
        "Timer_AppPool",
        t(
            "The request waited too long in the app pool queue.",
            "คำขอรอในคิวของ app pool นานเกินไป",
        ),
    ),
    (
        "Timer_ConnectionIdle",
        t(
            "An idle keep-alive connection timed out: normal housekeeping.",
            "การเชื่อมต่อ keep-alive ว่างจนหมดเวลา เป็นเรื่องปกติ",
        ),
    ),
    (
        "Timer_EntityBody",
        t(
            "The request body did not arrive in time.",
            "body ของคำขอมาไม่ทันเวลา",
        ),
    ),
    (
        "Timer_HeaderWait",
        t(
            "The request headers did not arrive in time (slow client or slowloris).",
            "header ของคำขอมาไม่ทันเวลา (ไคลเอนต์ช้าหรือ slowloris)",
        ),
    ),
    (
        "Timer_MinBytesPerSecond",
        t(
            "The client read the response too slowly.",
            "ไคลเอนต์อ่าน response ช้าเกินไป",
        ),
    ),
    (
        "Timer_ReqQueue",
        t(
            "The request waited too long in the queue.",
            "คำขอรอในคิวนานเกินไป",
        ),
    ),
    (
        "Timer_Response",
        t("The response was not sent in time.", "ส่ง response ไม่ทันเวลา"),
    ),
    (
        "Timer_SslRenegotiation",
        t(
            "TLS renegotiation timed out.",
            "การ renegotiate TLS หมดเวลา",
        ),
    ),
    ("URL", t("An invalid URL.", "URL ไม่ถูกต้อง")),
    (
        "URL_Length",
        t("The URL exceeded its length limit.", "URL ยาวเกินขีดจำกัด"),
    ),
    ("Verb", t("An invalid verb (method).", "method ไม่ถูกต้อง")),
    (
        "Version_N/S",
        t("An unsupported HTTP version.", "ไม่รองรับ HTTP version นี้"),
    ),
];

/// The text of an HTTPERR reason.
pub(crate) fn httperr(reason: &str) -> Option<Text> {
    HTTPERR
        .iter()
        .find(|(r, _)| r.eq_ignore_ascii_case(reason))
        .map(|(_, t)| *t)
}

/// FTP reply codes (RFC 959) that IIS FTP logs show most. Sorted by code.
const FTP: &[(u16, Text)] = &[
    (
        150,
        t("Opening the data connection.", "กำลังเปิด data connection"),
    ),
    (200, t("Command OK.", "คำสั่งสำเร็จ")),
    (213, t("File status.", "สถานะไฟล์")),
    (220, t("Service ready for a new user.", "บริการพร้อมรับผู้ใช้ใหม่")),
    (
        221,
        t(
            "Closing the control connection (goodbye).",
            "กำลังปิด control connection",
        ),
    ),
    (
        226,
        t(
            "Transfer complete; closing the data connection.",
            "ส่งข้อมูลเสร็จและปิด data connection",
        ),
    ),
    (227, t("Entering passive mode.", "เข้าสู่ passive mode")),
    (230, t("User logged in.", "ผู้ใช้ล็อกอินแล้ว")),
    (250, t("File action completed.", "ดำเนินการกับไฟล์เสร็จ")),
    (257, t("Path created or reported.", "สร้างหรือแจ้ง path แล้ว")),
    (
        331,
        t("User name OK; password needed.", "ชื่อผู้ใช้ถูกต้อง ต้องการรหัสผ่าน"),
    ),
    (
        421,
        t(
            "Service not available; closing the connection.",
            "บริการไม่พร้อม กำลังปิดการเชื่อมต่อ",
        ),
    ),
    (
        425,
        t(
            "Cannot open the data connection (firewall or passive ports).",
            "เปิด data connection ไม่ได้ (firewall หรือ passive port)",
        ),
    ),
    (
        426,
        t(
            "Connection closed; transfer aborted.",
            "การเชื่อมต่อถูกปิด การส่งข้อมูลถูกยกเลิก",
        ),
    ),
    (
        450,
        t("File unavailable (busy).", "ไฟล์ไม่พร้อมใช้งาน (ถูกใช้อยู่)"),
    ),
    (
        451,
        t(
            "Action aborted: local error.",
            "ยกเลิกการทำงานเพราะข้อผิดพลาดภายใน",
        ),
    ),
    (
        500,
        t("Syntax error: command unrecognised.", "คำสั่งผิดรูปแบบหรือไม่รู้จัก"),
    ),
    (501, t("Syntax error in parameters.", "พารามิเตอร์ผิดรูปแบบ")),
    (502, t("Command not implemented.", "ไม่รองรับคำสั่งนี้")),
    (
        530,
        t(
            "Not logged in: bad credentials or anonymous access refused.",
            "ยังไม่ได้ล็อกอิน: ข้อมูลยืนยันตัวตนผิดหรือไม่อนุญาตผู้ใช้นิรนาม",
        ),
    ),
    (
        550,
        t(
            "File unavailable: not found or no access.",
            "ไฟล์ไม่พร้อมใช้งาน: ไม่พบหรือไม่มีสิทธิ์",
        ),
    ),
    (553, t("File name not allowed.", "ชื่อไฟล์ไม่ได้รับอนุญาต")),
];

/// The text of an FTP reply code.
pub(crate) fn ftp(code: u16) -> Option<Text> {
    FTP.binary_search_by_key(&code, |(c, _)| *c)
        .ok()
        .map(|i| FTP[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_complete() {
        assert!(WIN32.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(FTP.windows(2).all(|w| w[0].0 < w[1].0));
        let mut names: Vec<&str> = HTTPERR.iter().map(|(n, _)| *n).collect();
        names.dedup();
        assert_eq!(names.len(), HTTPERR.len());
        for (_, _, text) in WIN32 {
            assert!(!text.en.is_empty() && !text.th.is_empty());
        }
        assert_eq!(win32(64).map(|w| w.0), Some("ERROR_NETNAME_DELETED"));
        assert_eq!(
            win32(2_148_074_254).map(|w| w.0),
            Some("SEC_E_INVALID_TOKEN")
        );
        assert!(win32(7).is_none());
        assert!(httperr("timer_connectionidle").is_some());
        assert_eq!(
            ftp(530).map(|t| t.en.starts_with("Not logged in")),
            Some(true)
        );
    }
}
