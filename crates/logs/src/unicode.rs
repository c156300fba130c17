//! Text encodings of inputs: a UTF-8 byte-order mark is dropped, and UTF-16 (little or big
//! endian, found from its byte-order mark, as Windows PowerShell 5.1 writes with `>`) is turned
//! into UTF-8 as it is read, so every parser sees UTF-8.

use std::io::{self, BufRead, BufReader, Read};

/// Wraps a reader so that it yields UTF-8 without a byte-order mark.
pub(crate) fn decode<'a>(
    reader: Box<dyn Read + Send + 'a>,
) -> io::Result<Box<dyn Read + Send + 'a>> {
    let mut buf = BufReader::with_capacity(64 * 1024, reader);
    let head = buf.fill_buf()?;
    if head.starts_with(&[0xef, 0xbb, 0xbf]) {
        buf.consume(3);
        Ok(Box::new(buf))
    } else if head.starts_with(&[0xff, 0xfe]) {
        buf.consume(2);
        Ok(Box::new(Utf16::new(buf, false)))
    } else if head.starts_with(&[0xfe, 0xff]) {
        buf.consume(2);
        Ok(Box::new(Utf16::new(buf, true)))
    } else {
        Ok(Box::new(buf))
    }
}

/// UTF-16 in, UTF-8 out. Unpaired surrogates become U+FFFD.
struct Utf16<R> {
    inner: R,
    big_endian: bool,
    /// Encoded output not yet returned.
    out: Vec<u8>,
    pos: usize,
    /// A high surrogate waiting for its pair, and an odd byte waiting for its partner.
    high: Option<u16>,
    odd: Option<u8>,
    raw: Vec<u8>,
}

impl<R: Read> Utf16<R> {
    fn new(inner: R, big_endian: bool) -> Utf16<R> {
        Utf16 {
            inner,
            big_endian,
            out: Vec::new(),
            pos: 0,
            high: None,
            odd: None,
            raw: vec![0; 64 * 1024],
        }
    }

    fn push(&mut self, c: char) {
        let mut b = [0u8; 4];
        self.out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
    }

    fn unit(&mut self, u: u16) {
        match (self.high.take(), u) {
            (None, 0xd800..=0xdbff) => self.high = Some(u),
            (Some(h), 0xdc00..=0xdfff) => {
                let c = 0x10000 + ((u32::from(h) - 0xd800) << 10) + (u32::from(u) - 0xdc00);
                self.push(char::from_u32(c).unwrap_or('\u{fffd}'));
            }
            (Some(_), _) => {
                self.push('\u{fffd}');
                self.unit(u);
            }
            (None, _) => self.push(char::from_u32(u32::from(u)).unwrap_or('\u{fffd}')),
        }
    }

    /// Reads and converts more; false at the end.
    fn refill(&mut self) -> io::Result<bool> {
        self.out.clear();
        self.pos = 0;
        while self.out.is_empty() {
            let n = loop {
                match self.inner.read(&mut self.raw) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            };
            if n == 0 {
                if self.high.take().is_some() || self.odd.take().is_some() {
                    self.push('\u{fffd}');
                }
                return Ok(!self.out.is_empty());
            }
            let raw = std::mem::take(&mut self.raw);
            let mut bytes = raw[..n].iter().copied();
            let pair = |a: u8, b: u8, s: &mut Self| {
                let u = if s.big_endian {
                    u16::from_be_bytes([a, b])
                } else {
                    u16::from_le_bytes([a, b])
                };
                s.unit(u);
            };
            if let Some(a) = self.odd.take() {
                if let Some(b) = bytes.next() {
                    pair(a, b, self);
                }
            }
            loop {
                match (bytes.next(), bytes.next()) {
                    (Some(a), Some(b)) => pair(a, b, self),
                    (Some(a), None) => {
                        self.odd = Some(a);
                        break;
                    }
                    _ => break,
                }
            }
            self.raw = raw;
        }
        Ok(true)
    }
}

impl<R: Read> Read for Utf16<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.out.len() && !self.refill()? {
            return Ok(0);
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: Vec<u8>) -> String {
        let mut s = String::new();
        decode(Box::new(io::Cursor::new(bytes)))
            .and_then(|mut r| r.read_to_string(&mut s))
            .map_err(|e| e.to_string())
            .unwrap_or_else(|e| panic!("{e}"));
        s
    }

    #[test]
    fn boms() {
        let text = "#Fields: date time sc-status\n2024-01-01 00:00:00 200 ผ 😀\n";
        let mut le = vec![0xff, 0xfe];
        let mut be = vec![0xfe, 0xff];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(read_all(le), text);
        assert_eq!(read_all(be), text);
        let mut utf8 = vec![0xef, 0xbb, 0xbf];
        utf8.extend_from_slice(text.as_bytes());
        assert_eq!(read_all(utf8), text);
        assert_eq!(read_all(b"plain".to_vec()), "plain");
        // A lone surrogate and an odd final byte are replaced, not fatal.
        assert_eq!(
            read_all(vec![0xff, 0xfe, 0x00, 0xd8, b'a', 0, 7]),
            "\u{fffd}a\u{fffd}"
        );
    }
}
