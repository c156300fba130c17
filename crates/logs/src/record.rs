//! One parsed log line, borrowed from the line's bytes. Every format's parser produces this.

/// What kind of log a record comes from. HTTPERR and FTP lines carry codes that are not HTTP
/// statuses of a served request, so they are counted apart and never explained from the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// An HTTP request served (access logs).
    Http,
    /// An IIS HTTPERR (http.sys) entry: a connection or request the kernel driver rejected.
    HttpErr,
    /// An IIS FTP log entry: an FTP command and its reply code.
    Ftp,
    /// A connection logged by a TCP or TLS listener (AWS NLB TLS logs, Classic ELB TCP
    /// listeners): no HTTP request, no HTTP status.
    Connection,
}

/// Which log field a cause comes from; each has its explanations in the registry
/// (`httpstatus_codes::log_cause`) under [`CauseKind::token`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum CauseKind {
    /// AWS ALB `error_reason`.
    AlbErrorReason,
    /// AWS ALB / Classic ELB target (backend) status.
    AlbTarget,
    /// CloudFront `x-edge-detailed-result-type`.
    CloudFrontResult,
    /// HAProxy termination state, first two letters.
    Haproxy,
    /// Envoy response flags (comma-separated).
    EnvoyFlags,
    /// nginx / ingress-nginx `$upstream_status` list.
    UpstreamStatus,
    /// Cloudflare `OriginResponseStatus`, Traefik `OriginStatus`.
    OriginStatus,
    /// S3 `error_code`.
    S3Error,
    /// Azure Front Door `properties.errorInfo`.
    AzureErrorInfo,
    /// Google Cloud load balancer `jsonPayload.statusDetails`.
    GclbStatusDetails,
}

impl CauseKind {
    /// The field's name in reports.
    pub(crate) const fn token(self) -> &'static str {
        match self {
            CauseKind::AlbErrorReason => "alb-error-reason",
            CauseKind::AlbTarget => "alb-target",
            CauseKind::CloudFrontResult => "cloudfront-result",
            CauseKind::Haproxy => "haproxy-termination",
            CauseKind::EnvoyFlags => "envoy-flags",
            CauseKind::UpstreamStatus => "upstream-status",
            CauseKind::OriginStatus => "origin-status",
            CauseKind::S3Error => "s3-error",
            CauseKind::AzureErrorInfo => "azure-error-info",
            CauseKind::GclbStatusDetails => "gclb-status-details",
        }
    }

    /// The kind a report token names (the inverse of [`CauseKind::token`]).
    pub(crate) fn from_token(token: &str) -> Option<CauseKind> {
        [
            CauseKind::AlbErrorReason,
            CauseKind::AlbTarget,
            CauseKind::CloudFrontResult,
            CauseKind::Haproxy,
            CauseKind::EnvoyFlags,
            CauseKind::UpstreamStatus,
            CauseKind::OriginStatus,
            CauseKind::S3Error,
            CauseKind::AzureErrorInfo,
            CauseKind::GclbStatusDetails,
        ]
        .into_iter()
        .find(|k| k.token() == token)
    }
}

/// A cause the log gives for a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cause<'a> {
    pub kind: CauseKind,
    pub value: &'a [u8],
}

/// One log line's facts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Record<'a> {
    pub kind: Option<Kind>,
    /// The status (HTTP status, or the FTP reply code); 0 when the line has none (`-`).
    pub status: u16,
    /// IIS sub-status.
    pub sub: Option<u16>,
    /// IIS `sc-win32-status`: a Windows error code (DWORD, may exceed `i32::MAX`).
    pub win32: Option<u32>,
    /// Path of the request, without the query string.
    pub path: Option<&'a [u8]>,
    /// Client address.
    pub client: Option<&'a [u8]>,
    /// Unix seconds (UTC when the log says so).
    pub time: Option<i64>,
    /// HTTPERR `s-reason`, or the FTP command.
    pub reason: Option<&'a [u8]>,
    /// The request line looked like a TLS handshake sent to a plain-HTTP port.
    pub tls: bool,
    /// `+` stands for a space in `path` (W3C).
    pub plus: bool,
    /// Why: a cause the log gives next to the status (ALB `error_reason`, Envoy flags ...).
    /// JSON logs give it for errors only, the lines causes are counted for.
    pub cause: Option<Cause<'a>>,
}

impl Record<'_> {
    pub(crate) fn kind(&self) -> Kind {
        self.kind.unwrap_or(Kind::Http)
    }
}

/// Why a line could not be read. Static text: it is counted, and shown with the first examples.
pub(crate) type Malformed = &'static str;

/// Exactly three ASCII digits.
#[inline]
pub(crate) fn status3(b: &[u8]) -> Option<u16> {
    match b {
        [a, b, c] => {
            let (a, b, c) = (
                a.wrapping_sub(b'0'),
                b.wrapping_sub(b'0'),
                c.wrapping_sub(b'0'),
            );
            (a <= 9 && b <= 9 && c <= 9)
                .then(|| u16::from(a) * 100 + u16::from(b) * 10 + u16::from(c))
        }
        _ => None,
    }
}

/// A decimal `u32` (no sign); `None` on overflow or anything else.
#[inline]
pub(crate) fn decimal_u32(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 10 {
        return None;
    }
    let mut n: u64 = 0;
    for &c in b {
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        n = n * 10 + u64::from(d);
    }
    u32::try_from(n).ok()
}

/// The path part of a request target: up to `?` or `#`. An absolute-form target
/// (`http://host/path`) keeps its host: it tells which site was asked for.
#[inline]
pub(crate) fn strip_query(target: &[u8]) -> &[u8] {
    match memchr::memchr2(b'?', b'#', target) {
        Some(i) => &target[..i],
        None => target,
    }
}

/// The first `needle` in `hay`, for a needle expected within the first few words (the `[` of an
/// NCSA line, after the client and two dashes; the end of a short field): the first 64 bytes are
/// searched in place (a call to a vector search costs more than the search on such short
/// distances), 16 bytes at a time with SSE2 compares on x86-64 when `hay` has 16 bytes (through
/// `safe_arch`: no `unsafe` here), else eight at a time in a `u64`; the rest with `memchr`.
#[inline]
pub(crate) fn find_near(hay: &[u8], needle: u8) -> Option<usize> {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    if hay.len() >= 16 {
        return find_near_sse2(hay, needle);
    }
    find_near_swar(hay, needle)
}

/// [`find_near`] for a `hay` of 16 bytes or more: 16-byte chunks of the first 64 bytes, the
/// last one read from the end of `hay` (the bytes already searched masked off) when `hay` is
/// shorter than that.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
fn find_near_sse2(hay: &[u8], needle: u8) -> Option<usize> {
    use safe_arch::{
        cmp_eq_mask_i8_m128i, load_unaligned_m128i, move_mask_i8_m128i, set_splat_i8_m128i,
    };
    let splat = set_splat_i8_m128i(i8::from_ne_bytes([needle]));
    // The positions of `needle` in the 16 bytes from `at`, as the low 16 bits.
    let found = |at: usize| -> i32 {
        let chunk: &[u8; 16] = match hay[at..].first_chunk() {
            Some(c) => c,
            None => return 0,
        };
        move_mask_i8_m128i(cmp_eq_mask_i8_m128i(load_unaligned_m128i(chunk), splat))
    };
    let len = hay.len();
    let near = len.min(64);
    let mut at = 0;
    while at + 16 <= near {
        let m = found(at);
        if m != 0 {
            return Some(at + m.trailing_zeros() as usize);
        }
        at += 16;
    }
    if len > 64 {
        return memchr::memchr(needle, &hay[at..]).map(|i| at + i);
    }
    if at == len {
        return None;
    }
    // The last `len - at` bytes, as the top of the chunk that ends with `hay`.
    let m = found(len - 16) >> (16 - (len - at));
    (m != 0).then(|| at + m.trailing_zeros() as usize)
}

/// [`find_near`] eight bytes at a time.
#[inline]
fn find_near_swar(hay: &[u8], needle: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let near = hay.len().min(64) & !7;
    let mut at = 0;
    while at < near {
        let w = u64::from_le_bytes(hay[at..at + 8].try_into().unwrap_or([0; 8]))
            ^ (ONES * u64::from(needle));
        // The high bit of each zero byte, exactly (no carry crosses bytes).
        let zero = !(((w & LOW7).wrapping_add(LOW7)) | w | LOW7);
        if zero != 0 {
            return Some(at + (zero.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    memchr::memchr(needle, &hay[at..]).map(|i| at + i)
}

/// The first `out.len()` words of `s`, separated by spaces (runs of spaces count as one), as
/// `s.split(|c| *c == b' ').filter(|w| !w.is_empty())` gives them; the number found.
#[inline]
pub(crate) fn words<'a>(s: &'a [u8], out: &mut [&'a [u8]]) -> usize {
    let mut n = 0;
    each_word(s, out.len(), |start, end| {
        out[n] = &s[start..end];
        n += 1;
    });
    n
}

/// [`words`] as spans of `s` (start, end).
#[inline]
pub(crate) fn word_spans(s: &[u8], out: &mut [(usize, usize)]) -> usize {
    let mut n = 0;
    each_word(s, out.len(), |start, end| {
        out[n] = (start, end);
        n += 1;
    });
    n
}

/// Calls `emit` with the span of each of the first `max` words of `s`. For the short words of
/// the proxy formats: one mask of the spaces in the first 64 bytes (SSE2 on x86-64), then each
/// word's ends are two bit counts; whatever is past those 64 bytes, or the words of a shorter
/// `s`, are split byte by byte.
#[inline(always)]
fn each_word(s: &[u8], max: usize, mut emit: impl FnMut(usize, usize)) {
    let mut n = 0;
    let mut at = 0;
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    if let Some(window) = s.first_chunk::<64>() {
        let spaces = space_mask(window);
        // Each word that starts and ends inside the window; the first that does not is left to
        // the loop below, from where it starts.
        while n < max && at < 64 {
            let start = at + (!(spaces >> at)).trailing_zeros() as usize;
            if start >= 64 {
                at = 64;
                break;
            }
            let end = start + (spaces >> start).trailing_zeros() as usize;
            if end >= 64 {
                at = start;
                break;
            }
            emit(start, end);
            n += 1;
            at = end;
        }
    }
    while n < max {
        while at < s.len() && s[at] == b' ' {
            at += 1;
        }
        if at == s.len() {
            break;
        }
        let start = at;
        while at < s.len() && s[at] != b' ' {
            at += 1;
        }
        emit(start, at);
        n += 1;
    }
}

/// Bit `i` set when `window[i]` is a space.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
pub(crate) fn space_mask(window: &[u8; 64]) -> u64 {
    use safe_arch::{
        cmp_eq_mask_i8_m128i, load_unaligned_m128i, move_mask_i8_m128i, set_splat_i8_m128i,
    };
    let space = set_splat_i8_m128i(0x20);
    let mut mask = 0u64;
    for (k, chunk) in window.chunks_exact(16).enumerate() {
        let chunk: &[u8; 16] = chunk.try_into().unwrap_or(&[0; 16]);
        let m = move_mask_i8_m128i(cmp_eq_mask_i8_m128i(load_unaligned_m128i(chunk), space));
        mask |= u64::from(u32::from_ne_bytes(m.to_ne_bytes())) << (16 * k);
    }
    mask
}

/// `Some(field)` unless it is the W3C/NCSA empty marker `-` (or empty).
#[inline]
pub(crate) fn present(b: &[u8]) -> Option<&[u8]> {
    (!b.is_empty() && b != b"-").then_some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(status3(b"404"), Some(404));
        assert_eq!(status3(b"000"), Some(0));
        assert_eq!(status3(b"40"), None);
        assert_eq!(status3(b"4x4"), None);
        assert_eq!(decimal_u32(b"2148074254"), Some(2_148_074_254));
        assert_eq!(decimal_u32(b"4294967295"), Some(u32::MAX));
        assert_eq!(decimal_u32(b"4294967296"), None);
        assert_eq!(decimal_u32(b"-1"), None);
        assert_eq!(strip_query(b"/a/b?x=1"), b"/a/b");
        assert_eq!(present(b"-"), None);
    }

    proptest::proptest! {
        /// Any hay up to 200 bytes, the needle anywhere (or nowhere), bytes one bit off it around.
        #[test]
        fn find_near_finds_the_first_needle(
            hay in proptest::collection::vec(
                proptest::sample::select(vec![b'[', b'[' ^ 1, b'[' | 0x80, b' ', b'a', 0x00, 0xff]),
                0..200,
            )
        ) {
            let want = hay.iter().position(|c| *c == b'[');
            proptest::prop_assert_eq!(find_near(&hay, b'['), want);
            proptest::prop_assert_eq!(find_near_swar(&hay, b'['), want);
        }

        /// Any text up to 160 bytes of spaces (runs of them too) and other bytes (one bit off a
        /// space among them), split into up to 10 words: the words and the count of
        /// `split`-and-`filter`, wherever the words fall against the 64-byte window.
        #[test]
        fn words_split_as_split_and_filter(
            s in proptest::collection::vec(
                proptest::sample::select(vec![b' ', b' ', b'a', b'/', b' ' ^ 1, b' ' | 0x80, b'\t']),
                0..160,
            ),
            max in 0usize..10,
        ) {
            let want: Vec<&[u8]> =
                s.split(|c| *c == b' ').filter(|w| !w.is_empty()).take(max).collect();
            let mut out = vec![&b""[..]; max];
            let n = words(&s, &mut out);
            proptest::prop_assert_eq!(n, want.len());
            proptest::prop_assert_eq!(&out[..n], &want[..]);
            let mut spans = vec![(0, 0); max];
            proptest::prop_assert_eq!(word_spans(&s, &mut spans), n);
            let by_span: Vec<&[u8]> = spans[..n].iter().map(|(a, b)| &s[*a..*b]).collect();
            proptest::prop_assert_eq!(&by_span[..], &want[..]);
        }
    }

    #[test]
    fn find_near_agrees_with_memchr() {
        let mut hay: Vec<u8> = (0..150u8).map(|i| i.wrapping_mul(37) | 0x80).collect();
        for len in [0, 1, 7, 8, 9, 63, 64, 65, 100, 150] {
            assert_eq!(find_near(&hay[..len], b'['), None, "{len}");
        }
        for at in 0..150 {
            let keep = hay[at];
            hay[at] = b'[';
            for len in [at + 1, at + 9, 150] {
                let len = len.min(150);
                assert_eq!(find_near(&hay[..len], b'['), Some(at), "{at} {len}");
            }
            // A byte one off the needle, or the needle with its high bit set, is not it.
            hay[at] = b'[' ^ 1;
            assert_eq!(find_near(&hay, b'['), None);
            hay[at] = b'[' | 0x80;
            assert_eq!(find_near(&hay, b'['), None);
            hay[at] = keep;
        }
    }
}
