//! Known patterns, named so that readers do not chase what is normal: the Windows authentication
//! handshake, clients that gave up (nginx 499), connections closed on purpose (nginx 444),
//! vulnerability scanners probing for well-known files, TLS spoken to a plain-HTTP port, and IIS
//! responses cut short by the client (Win32 64 / 1236 / 995 / 10054).
//!
//! The handshake is followed per client within each block of the input; a handshake that straddles
//! two blocks is missed, so its counts are a lower bound (documented in the report).

use crate::hash::FastMap;
use crate::record::Record;

/// At most this many clients are followed at once; the map is cleared when it is full.
const MAX_CLIENTS: usize = 4096;

/// Paths that only scanners ask for, matched case-insensitively anywhere in a 4xx request path.
const PROBES: [&[u8]; 18] = [
    b"/.env",
    b"/.git/",
    b"/wp-login.php",
    b"/wp-admin",
    b"/xmlrpc.php",
    b"/phpmyadmin",
    b"/pma/",
    b"/cgi-bin/",
    b"/boaform",
    b"/hnap1",
    b"/actuator/",
    b"/vendor/phpunit",
    b"/.aws/",
    b"/config.php",
    b"/shell.php",
    b"/solr/admin",
    b"/.ds_store",
    b"/server-status",
];

/// Counters of the named patterns.
#[derive(Debug, Clone, Default)]
pub(crate) struct Patterns {
    /// 401.2 responses (IIS: no credentials yet; the first leg of NTLM/Kerberos).
    pub auth_401_2: u64,
    /// 401.1 responses (IIS: logon failed; also the second leg of NTLM).
    pub auth_401_1: u64,
    /// 401.2 (→ 401.1) → 2xx/3xx from the same client: completed Windows handshakes.
    pub handshakes: u64,
    /// A 401 without IIS sub-status followed by success from the same client.
    pub challenges: u64,
    /// nginx 499.
    pub gave_up: u64,
    /// nginx 444.
    pub closed: u64,
    /// 4xx on a path only scanners ask for.
    pub probes: u64,
    /// A TLS handshake logged as a request (400 on a plain-HTTP port).
    pub tls: u64,
    /// IIS: the client went away during the response (Win32 64, 1236, 995 or 10054).
    pub disconnects: u64,
    /// Per client: 1 after a 401.2, 2 after a 401.1, 3 after another 401.
    state: FastMap<Box<[u8]>, u8>,
    /// A 4096-bit filter of the clients in `state`: most successes are from clients that never
    /// got a 401, and the filter answers for them without a map lookup.
    filter: [u128; 32],
}

/// The filter bit of a client, from its length and its first and last eight bytes (no loop: this
/// runs on every successful request while a 401 is pending).
#[inline]
fn bit(client: &[u8]) -> (usize, u128) {
    // The first eight bytes (fewer, zero-padded, for a short client), without the call to
    // `memcpy` that copying a slice of unknown length makes.
    let word = |b: &[u8]| match b.get(..8) {
        Some(head) => u64::from_le_bytes(head.try_into().unwrap_or([0; 8])),
        None => b
            .iter()
            .enumerate()
            .fold(0u64, |w, (i, c)| w | (u64::from(*c) << (8 * i))),
    };
    let tail = &client[client.len().saturating_sub(8)..];
    let h = (word(client) ^ word(tail).rotate_left(29) ^ client.len() as u64)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let v = h >> 52;
    ((v >> 7) as usize & 31, 1 << (v & 127))
}

impl Patterns {
    #[inline]
    pub(crate) fn observe(&mut self, r: &Record<'_>) {
        match r.status {
            401 => self.unauthorized(r),
            200..=399 if !self.state.is_empty() => {
                if let Some(c) = r.client.filter(|c| {
                    let (word, mask) = bit(c);
                    self.filter[word] & mask != 0
                }) {
                    match self.state.remove(c) {
                        Some(1 | 2) => self.handshakes += 1,
                        Some(_) => self.challenges += 1,
                        None => {}
                    }
                }
            }
            499 => self.gave_up += 1,
            444 => self.closed += 1,
            _ => {}
        }
        if r.tls {
            self.tls += 1;
        }
        if (400..500).contains(&r.status) && r.path.is_some_and(is_probe) {
            self.probes += 1;
        }
        if matches!(r.win32, Some(64 | 1236 | 995 | 10054)) {
            self.disconnects += 1;
        }
    }

    fn unauthorized(&mut self, r: &Record<'_>) {
        let next = match r.sub {
            Some(2) => {
                self.auth_401_2 += 1;
                1
            }
            Some(1) => {
                self.auth_401_1 += 1;
                2
            }
            _ => 3,
        };
        if let Some(c) = r.client {
            if self.state.len() >= MAX_CLIENTS {
                self.new_block();
            }
            let (word, mask) = bit(c);
            self.filter[word] |= mask;
            match self.state.get_mut(c) {
                // 401.2 → 401.1 stays a handshake in progress.
                Some(s) if *s == 1 && next == 2 => {}
                Some(s) => *s = next,
                None => {
                    self.state.insert(c.into(), next);
                }
            }
        }
    }

    /// Forgets the clients followed (a new block starts).
    pub(crate) fn new_block(&mut self) {
        if !self.state.is_empty() {
            self.state.clear();
            self.filter.fill(0);
        }
    }

    pub(crate) fn merge(&mut self, o: &Patterns) {
        self.auth_401_2 += o.auth_401_2;
        self.auth_401_1 += o.auth_401_1;
        self.handshakes += o.handshakes;
        self.challenges += o.challenges;
        self.gave_up += o.gave_up;
        self.closed += o.closed;
        self.probes += o.probes;
        self.tls += o.tls;
        self.disconnects += o.disconnects;
    }
}

/// Whether a path holds one of `PROBES`, case-insensitively: each needle starts with `/`, so only
/// the positions of `/` in the path are tried, and at each only the needles whose second byte
/// matches (they are in lower case) are compared whole.
fn is_probe(path: &[u8]) -> bool {
    memchr::memchr_iter(b'/', path).any(|i| {
        let rest = &path[i..];
        let Some(second) = rest.get(1).map(u8::to_ascii_lowercase) else {
            return false;
        };
        PROBES.iter().any(|n| {
            n[1] == second && rest.len() >= n.len() && rest[..n.len()].eq_ignore_ascii_case(n)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(status: u16, sub: Option<u16>, client: &str) -> Record<'_> {
        Record {
            status,
            sub,
            client: Some(client.as_bytes()),
            ..Record::default()
        }
    }

    #[test]
    fn windows_handshake() {
        let mut p = Patterns::default();
        for r in [
            rec(401, Some(2), "a"),
            rec(401, Some(1), "a"),
            rec(200, Some(0), "a"),
            rec(401, Some(2), "b"),
            rec(200, Some(0), "b"),
        ] {
            p.observe(&r);
        }
        assert_eq!(
            (p.auth_401_2, p.auth_401_1, p.handshakes, p.challenges),
            (2, 1, 2, 0)
        );
        // A logon that fails for good: no success follows.
        p.observe(&rec(401, Some(1), "c"));
        p.observe(&rec(404, Some(0), "c"));
        assert_eq!(p.handshakes, 2);
        // A plain challenge answered.
        p.observe(&rec(401, None, "d"));
        p.observe(&rec(302, None, "d"));
        assert_eq!(p.challenges, 1);
    }

    #[test]
    fn others() {
        let mut p = Patterns::default();
        p.observe(&Record {
            status: 404,
            path: Some(b"/WP-LOGIN.php"),
            ..Record::default()
        });
        p.observe(&Record {
            status: 404,
            path: Some(b"/index.html"),
            ..Record::default()
        });
        p.observe(&Record {
            status: 499,
            ..Record::default()
        });
        p.observe(&Record {
            status: 200,
            win32: Some(64),
            ..Record::default()
        });
        assert_eq!((p.probes, p.gave_up, p.disconnects), (1, 1, 1));
    }

    #[test]
    fn probes_anywhere_in_any_case() {
        for n in PROBES {
            let text = String::from_utf8_lossy(n).into_owned();
            for path in [
                text.clone(),
                text.to_ascii_uppercase(),
                format!("/a/b{text}x"),
                format!("/x{}", text.to_ascii_uppercase()),
            ] {
                assert!(is_probe(path.as_bytes()), "{path}");
            }
            // Cut short by one byte, or with its second byte changed: not a probe.
            assert!(
                !is_probe(&n[..n.len() - 1])
                    || PROBES.iter().any(|m| n[..n.len() - 1].starts_with(m))
            );
            let mut other = n.to_vec();
            other[1] = b'~';
            assert!(!is_probe(&other), "{}", String::from_utf8_lossy(&other));
        }
        assert!(!is_probe(b"/"));
        assert!(!is_probe(b""));
        assert!(!is_probe(b"/index.html/"));
    }
}
