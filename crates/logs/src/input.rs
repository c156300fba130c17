//! Inputs: command-line arguments turned into sources (files, glob matches, stdin), and each
//! source opened with its compression found from its first bytes (gzip, zstd, or none).

use std::ffi::OsString;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::analyze::{InputError, Progress};

/// One input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    Path(PathBuf),
}

impl Source {
    /// The name shown in reports: the path as given, or `-` for stdin.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_string(),
            Source::Path(p) => p.display().to_string(),
        }
    }
}

/// The compression of an input, found from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Compression {
    /// Plain text.
    None,
    /// gzip, also several members one after the other (as `cat a.gz b.gz` makes).
    Gzip,
    /// Zstandard, also several frames.
    Zstd,
}

impl fmt::Display for Compression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Compression::None => "none",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        })
    }
}

fn is_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Turns arguments into sources: `-` is stdin; an existing path is a file; otherwise an argument
/// with `*`, `?` or `[` is a glob, whose matches are taken in sorted order (directories among them
/// skipped). What cannot be used is returned as an error, and the rest still runs.
pub fn expand(args: &[OsString]) -> (Vec<Source>, Vec<InputError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        let path = Path::new(arg);
        let name = path.display().to_string();
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => errors.push(InputError::new(
                &name,
                "is a directory; give the log files in it, or a glob such as DIR/*.log",
            )),
            Ok(_) => sources.push(Source::Path(path.to_path_buf())),
            Err(e) => match arg.to_str() {
                Some(pattern) if is_glob(pattern) => match glob::glob(pattern) {
                    Ok(paths) => {
                        let mut matched: Vec<PathBuf> = Vec::new();
                        for entry in paths {
                            match entry {
                                Ok(p) if p.is_dir() => {}
                                Ok(p) => matched.push(p),
                                Err(e) => errors.push(InputError::new(
                                    &e.path().display().to_string(),
                                    &e.error().to_string(),
                                )),
                            }
                        }
                        if matched.is_empty() {
                            errors.push(InputError::new(&name, "no file matches this pattern"));
                        }
                        matched.sort();
                        sources.extend(matched.into_iter().map(Source::Path));
                    }
                    Err(e) => {
                        errors.push(InputError::new(&name, &format!("bad glob pattern: {e}")))
                    }
                },
                _ => errors.push(InputError::new(&name, &io_message(&e))),
            },
        }
    }
    (sources, errors)
}

/// An I/O error as a short lower-case message, without the OS error number.
pub(crate) fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::UnexpectedEof => "unexpected end of data (truncated file?)".to_string(),
        io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput => format!("corrupt data: {e}"),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
            .to_lowercase()
        }
    }
}

/// Counts the bytes read from the underlying file (compressed bytes, for progress).
pub(crate) struct Counting<'p, R> {
    pub(crate) inner: R,
    pub(crate) progress: Option<&'p dyn Progress>,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(p) = self.progress {
            p.advance(n as u64);
        }
        Ok(n)
    }
}

/// Wraps a reader in the decoder its first bytes call for.
pub(crate) fn decode<'a, R: Read + Send + 'a>(
    reader: R,
) -> io::Result<(Box<dyn Read + Send + 'a>, Compression)> {
    let mut buf = BufReader::with_capacity(256 * 1024, reader);
    let head = buf.fill_buf()?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok((
            Box::new(flate2::bufread::MultiGzDecoder::new(buf)),
            Compression::Gzip,
        ))
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Ok((
            Box::new(zstd::stream::read::Decoder::with_buffer(buf)?),
            Compression::Zstd,
        ))
    } else if head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0]) {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "xz-compressed: not supported; decompress it first (xz -dc FILE | httpstatus logs -)",
        ))
    } else if head.starts_with(b"BZh") && head.get(3).is_some_and(|d| (b'1'..=b'9').contains(d)) {
        Err(io::Error::new(io::ErrorKind::Unsupported, "bzip2-compressed: not supported; decompress it first (bzip2 -dc FILE | httpstatus logs -)"))
    } else {
        Ok((Box::new(buf), Compression::None))
    }
}

/// Opens a file for reading, with a clear message for what cannot be read.
pub(crate) fn open(path: &Path) -> Result<(File, Option<u64>), String> {
    let file = File::open(path).map_err(|e| io_message(&e))?;
    let meta = file.metadata().map_err(|e| io_message(&e))?;
    if meta.is_dir() {
        return Err("is a directory".to_string());
    }
    Ok((file, meta.is_file().then_some(meta.len())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_by_magic() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"hello\n").ok();
        let gz = gz.finish().unwrap_or_default();
        let (mut r, c) = decode(&gz[..])
            .map_err(|e| e.to_string())
            .unwrap_or_else(|e| panic!("{e}"));
        let mut s = String::new();
        r.read_to_string(&mut s).ok();
        assert_eq!((c, s.as_str()), (Compression::Gzip, "hello\n"));
        let z = zstd::encode_all(&b"hi\n"[..], 1).unwrap_or_default();
        assert_eq!(decode(&z[..]).map(|(_, c)| c).ok(), Some(Compression::Zstd));
        assert_eq!(
            decode(&b"plain"[..]).map(|(_, c)| c).ok(),
            Some(Compression::None)
        );
        assert!(decode(&b"BZh91AY&SY"[..]).is_err());
    }

    #[test]
    fn expansion() {
        let (s, e) = expand(&[
            "-".into(),
            "/definitely/missing.log".into(),
            "/definitely/*.nomatch".into(),
            "/".into(),
        ]);
        assert_eq!(s, vec![Source::Stdin]);
        let msgs: Vec<String> = e.iter().map(|e| e.message.clone()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].contains("no such file"));
        assert!(msgs[1].contains("no file matches"));
        assert!(msgs[2].contains("directory"));
    }
}
