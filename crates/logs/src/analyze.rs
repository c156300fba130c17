//! Reading inputs: blocks cut at line ends, parsed in parallel, merged into one [`Summary`].
//!
//! **Parallel reading:** each worker of the rayon pool takes the next block under a lock (reads it
//! and numbers it), then parses it outside the lock, so the block is parsed by the core that read
//! it while it is still in that core's cache, and no thread does nothing but copy.
//!
//! **Bounded memory:** one block per worker, each of [`BLOCK_SIZE`] bytes, grown for a long line
//! up to [`MAX_LINE`]; a longer line is counted as malformed and skipped, never buffered whole.
//!
//! **W3C directives across blocks:** whoever reads a block pre-scans it for lines starting with
//! `#` (a SIMD search for `#`, far faster than parsing) under the same lock, and the block gets
//! the directive state in force at its first byte, so a `#Fields` change is honoured exactly
//! wherever blocks are cut and however many threads run. On one thread there is no pre-scan: the
//! next block starts with the state the parse of the previous one ended with.

use std::io::{self, Read};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::filter::Filters;
use crate::format::{self, Detection, Format};
use crate::input::{self, Compression, Counting, Source};
use crate::record::{Malformed, Record};
use crate::summary::{Example, Summary, MAX_EXAMPLES};
use crate::time::TimeCache;
use crate::{hint, json, native, ncsa, unicode, w3c, w3c_shape, Options};

/// Inputs are read in blocks of about this many bytes, cut at line ends. Small enough that a block
/// read by one core is still in that core's cache when it parses it.
#[cfg(not(fuzzing))]
pub const BLOCK_SIZE: usize = 1 << 20;
/// Tiny blocks when fuzzing, so that short inputs cross block boundaries.
#[cfg(fuzzing)]
pub const BLOCK_SIZE: usize = 64;

/// The longest line read; a longer one is counted as malformed and skipped.
#[cfg(not(fuzzing))]
pub const MAX_LINE: usize = 4 << 20;
/// Short lines when fuzzing, so that short inputs reach the limit.
#[cfg(fuzzing)]
pub const MAX_LINE: usize = 256;

/// Progress of the reading, for a progress bar. Called by one reading thread at a time.
pub trait Progress: Sync {
    /// An input starts; `size` is its size on disk when known.
    fn start(&self, name: &str, size: Option<u64>);
    /// `bytes` more bytes were read from the current input (compressed bytes for compressed
    /// inputs, so that they add up to `size`).
    fn advance(&self, bytes: u64);
    /// The current input is done.
    fn finish(&self);
}

/// An input that could not be read, or not to the end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputError {
    /// The input as given.
    pub input: String,
    /// What went wrong, in lower case.
    pub message: String,
}

impl InputError {
    /// An error about an input.
    pub fn new(input: &str, message: &str) -> InputError {
        InputError {
            input: input.to_string(),
            message: message.to_string(),
        }
    }
}

/// What was read from one input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputSummary {
    /// The input as given (`-` for stdin).
    pub name: String,
    /// The format detected or forced; `null` when the content matched no format.
    pub format: Option<Format>,
    /// The compression found from the first bytes.
    pub compression: Compression,
    /// Lines read (all of them: blank, directives and malformed included).
    pub lines: u64,
    /// HTTP requests counted (after filters).
    pub records: u64,
    /// HTTPERR and FTP entries counted.
    pub other: u64,
    /// Lines that could not be read.
    pub malformed: u64,
    /// Why reading stopped early, if it did.
    pub error: Option<String>,
    /// When nothing could be read from it: the formats tried, what its first lines look like,
    /// and the flags that help.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// A malformed line, with its input and line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located {
    pub input: String,
    pub example: Example,
}

/// Everything the inputs gave, ready for [`crate::Report::build`].
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The merged counts.
    pub summary: Summary,
    /// Per input, in the order read.
    pub inputs: Vec<InputSummary>,
    /// Inputs that could not be read.
    pub errors: Vec<InputError>,
    /// The filters applied.
    pub filters: Filters,
    pub(crate) examples: Vec<Located>,
}

impl Analysis {
    /// HTTP requests, HTTPERR entries and FTP entries counted, together.
    pub fn counted(&self) -> u64 {
        self.summary.records() + self.summary.other_entries()
    }
}

/// Reads inputs one after the other, each in parallel blocks on the current rayon pool.
#[allow(missing_debug_implementations)] // holds a `dyn Progress`
pub struct Analyzer<'a> {
    options: &'a Options,
    progress: Option<&'a dyn Progress>,
    analysis: Analysis,
}

impl<'a> Analyzer<'a> {
    /// An analyzer with nothing read yet.
    pub fn new(options: &'a Options) -> Analyzer<'a> {
        Analyzer {
            options,
            progress: None,
            analysis: Analysis {
                filters: options.filters.clone(),
                ..Analysis::default()
            },
        }
    }

    /// Reports reading progress to `progress`.
    pub fn with_progress(mut self, progress: &'a dyn Progress) -> Analyzer<'a> {
        self.progress = Some(progress);
        self
    }

    /// Records an input that could not be used (from [`crate::expand`]).
    pub fn add_error(&mut self, error: InputError) {
        self.analysis.errors.push(error);
    }

    /// Reads a file or stdin. Errors are recorded, never returned: the other inputs still count.
    pub fn add_source(&mut self, source: &Source) {
        let name = source.name();
        match source {
            Source::Stdin => {
                // Not locked for the whole input: the reading moves between threads.
                self.add_counted(&name, io::stdin(), None);
            }
            Source::Path(path) => match input::open(path) {
                Ok((file, size)) => self.add_counted(&name, file, size),
                Err(message) => self.analysis.errors.push(InputError {
                    input: name,
                    message,
                }),
            },
        }
    }

    fn add_counted(&mut self, name: &str, reader: impl Read + Send, size: Option<u64>) {
        if let Some(p) = self.progress {
            p.start(name, size);
        }
        let progress = self.progress;
        self.add_reader(
            name,
            Counting {
                inner: reader,
                progress,
            },
        );
        if let Some(p) = self.progress {
            p.finish();
        }
    }

    /// Reads one input from any reader (plain, gzip or zstd).
    pub fn add_reader(&mut self, name: &str, reader: impl Read + Send) {
        let decoded = input::decode(reader).and_then(|(r, c)| Ok((unicode::decode(r)?, c)));
        let (mut reader, compression) = match decoded {
            Ok(r) => r,
            Err(e) => {
                self.analysis
                    .errors
                    .push(InputError::new(name, &input::io_message(&e)));
                return;
            }
        };
        let mut run = InputRun::new(self.options);
        let error = run.read(&mut *reader);
        let InputRun {
            summary,
            block_lines,
            format,
            examples,
            sample,
            ..
        } = run;
        let hint = (summary.records() + summary.other_entries() + summary.filtered == 0
            && summary.malformed() > 0)
            .then(|| hint::unreadable(&sample, self.options.format, &self.options.json));
        if let Some(message) = &error {
            self.analysis.errors.push(InputError::new(name, message));
        }
        // Line numbers of the examples: blocks before, plus the line within the block.
        let mut offsets = block_lines;
        offsets.sort_unstable();
        let mut before = 0;
        let mut starts = Vec::with_capacity(offsets.len());
        for (block, lines) in &offsets {
            starts.push((*block, before));
            before += lines;
        }
        for mut e in examples {
            if let Ok(i) = starts.binary_search_by_key(&e.block, |(b, _)| *b) {
                e.line += starts[i].1;
            }
            self.analysis.examples.push(Located {
                input: name.to_string(),
                example: e,
            });
        }
        self.analysis.inputs.push(InputSummary {
            name: name.to_string(),
            format,
            compression,
            lines: summary.lines(),
            records: summary.records(),
            other: summary.other_entries(),
            malformed: summary.malformed(),
            error,
            hint,
        });
        self.analysis.summary.merge(summary);
    }

    /// The result.
    pub fn finish(self) -> Analysis {
        self.analysis
    }
}

/// The next piece of an input.
enum Next {
    /// A block of whole lines (the last one may lack its line end), of this length.
    Data(usize),
    /// A line longer than a block: its first bytes.
    Long(Vec<u8>),
    End,
}

/// Cuts a reader into blocks of whole lines.
struct Blocks<'r> {
    reader: &'r mut (dyn Read + Send),
    carry: Vec<u8>,
    eof: bool,
    error: Option<io::Error>,
}

impl Blocks<'_> {
    fn fill(&mut self, buf: &mut [u8], mut filled: usize) -> usize {
        while filled < buf.len() && !self.eof {
            match self.reader.read(&mut buf[filled..]) {
                Ok(0) => self.eof = true,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.error = Some(e);
                    self.eof = true;
                }
            }
        }
        filled
    }

    /// Fills `buf` with whole lines: [`BLOCK_SIZE`] bytes, more when a line is longer.
    fn next(&mut self, buf: &mut Vec<u8>) -> Next {
        // A buffer grown for a long line goes back to the usual size (its memory is kept).
        buf.resize(BLOCK_SIZE, 0);
        let start = self.carry.len();
        if start > buf.len() {
            buf.resize(start, 0);
        }
        buf[..start].copy_from_slice(&self.carry);
        self.carry.clear();
        let mut searched = 0;
        loop {
            let filled = self.fill(buf, start.max(searched));
            if let Some(p) = memchr::memrchr(b'\n', &buf[searched..filled]) {
                let p = searched + p;
                if !self.eof {
                    self.carry.extend_from_slice(&buf[p + 1..filled]);
                    return Next::Data(p + 1);
                }
            }
            if self.eof {
                return if filled == 0 {
                    Next::End
                } else {
                    Next::Data(filled)
                };
            }
            if buf.len() >= MAX_LINE {
                break;
            }
            // No line end yet: a long line; grow the buffer and read on.
            searched = filled;
            buf.resize((buf.len() * 2).min(MAX_LINE), 0);
        }
        // No line end in MAX_LINE bytes: skip to the end of this line.
        let head = buf[..256].to_vec();
        loop {
            let n = self.fill(buf, 0);
            if n == 0 {
                break;
            }
            if let Some(p) = memchr::memchr(b'\n', &buf[..n]) {
                self.carry.extend_from_slice(&buf[p + 1..n]);
                break;
            }
            if self.eof {
                break;
            }
        }
        Next::Long(head)
    }
}

#[cfg(not(fuzzing))]
const LONG_LINE: &str = "line longer than 4 MiB";
#[cfg(fuzzing)]
const LONG_LINE: &str = "line longer than 256 bytes";

/// The reading of one input.
struct InputRun<'o> {
    options: &'o Options,
    summary: Summary,
    block_lines: Vec<(u64, u64)>,
    /// The earliest malformed lines (block, line within the block).
    examples: Vec<Example>,
    format: Option<Format>,
    /// The first bytes of the input, for the message when nothing can be read.
    sample: Vec<u8>,
}

/// A parsed block: its number, its line count and its first malformed lines.
type Done = (u64, u64, Vec<Example>);

impl<'o> InputRun<'o> {
    fn new(options: &'o Options) -> InputRun<'o> {
        InputRun {
            options,
            summary: Summary::default(),
            block_lines: Vec::new(),
            examples: Vec::new(),
            format: None,
            sample: Vec::new(),
        }
    }

    fn merge(&mut self, (block, lines, examples): Done) {
        self.block_lines.push((block, lines));
        if !examples.is_empty() {
            self.examples.extend(examples);
            self.examples.sort_by_key(|e| (e.block, e.line));
            self.examples.truncate(MAX_EXAMPLES);
        }
    }

    /// Reads to the end; returns why it stopped early, if it did.
    fn read(&mut self, reader: &mut (dyn Read + Send)) -> Option<String> {
        let mut blocks = Blocks {
            reader,
            carry: Vec::new(),
            eof: false,
            error: None,
        };
        let mut first = vec![0u8; BLOCK_SIZE];
        let next = blocks.next(&mut first);
        if let Next::Data(len) = &next {
            self.sample = first[..(*len).min(16 * 1024)].to_vec();
        }
        let detected = match (self.options.format, &next) {
            (Some(f), _) => Detection::Format(f),
            (None, Next::Data(len)) => format::detect(&first[..*len], &self.options.json),
            (None, _) => Detection::Unknown,
        };
        let primary = match detected {
            Detection::Format(f) => {
                self.format = Some(f);
                f
            }
            Detection::Binary => return Some("binary data, not a text log".to_string()),
            // Lines are still tried in every format, and counted as malformed if none fits.
            Detection::Unknown => Format::Ncsa,
        };
        let state = if primary == Format::W3c {
            w3c::State::iis_default()
        } else {
            w3c::State::default()
        };
        let threads = rayon::current_num_threads();
        let mut pipeline = Pipeline {
            primary,
            state,
            block: 0,
        };
        if threads <= 1 {
            self.sequential(&mut pipeline, &mut blocks, first, next);
        } else {
            self.parallel(&mut pipeline, &mut blocks, first, next, threads);
        }
        let lines: u64 = self.block_lines.iter().map(|(_, n)| n).sum();
        blocks.error.map(|e| {
            let what = input::io_message(&e);
            if lines == 0 {
                what
            } else {
                format!("{what}; the {lines} lines before the error were counted")
            }
        })
    }

    /// Counts one read result on this thread; false at the end of the input.
    fn step(&mut self, p: &mut Pipeline, buf: &[u8], next: Next) -> bool {
        match next {
            Next::End => return false,
            Next::Long(head) => {
                let done = p.long_line(&head, &mut self.summary);
                self.merge(done);
            }
            Next::Data(len) => {
                // Parsed on this thread right away: the state after the block is the one its
                // parse ends with, no pre-scan needed.
                let block = p.number();
                let state = std::mem::take(&mut p.state);
                let (done, after) = parse_block(
                    &buf[..len],
                    block,
                    p.primary,
                    state,
                    self.options,
                    &mut self.summary,
                );
                p.state = after;
                self.merge(done);
            }
        }
        true
    }

    fn sequential(
        &mut self,
        p: &mut Pipeline,
        blocks: &mut Blocks<'_>,
        mut buf: Vec<u8>,
        mut next: Next,
    ) {
        while self.step(p, &buf, next) {
            next = blocks.next(&mut buf);
        }
    }

    /// `threads` workers, each taking the next block under a lock (reading it, and noting the
    /// directives in it) and parsing it after the lock is released: the block is parsed by the
    /// core that has just read it, while it is still in that core's cache.
    fn parallel(
        &mut self,
        p: &mut Pipeline,
        blocks: &mut Blocks<'_>,
        first: Vec<u8>,
        first_next: Next,
        threads: usize,
    ) {
        let options = self.options;
        let primary = p.primary;
        // The first block, read for detection, is parsed here, before the workers start.
        if !self.step(p, &first, first_next) {
            return;
        }
        let reader = Mutex::new((blocks, p, Some(first)));
        let results: Mutex<Vec<(Summary, Vec<Done>)>> = Mutex::new(Vec::new());
        let (reader, results) = (&reader, &results);
        rayon::in_place_scope(|scope| {
            for _ in 0..threads {
                scope.spawn(move |_| {
                    let mut s = Summary::default();
                    let mut dones = Vec::new();
                    let mut buf = Vec::new();
                    loop {
                        let (len, block, state) = {
                            let mut guard = reader.lock().unwrap_or_else(|e| e.into_inner());
                            let (blocks, p, spare) = &mut *guard;
                            if let Some(b) = spare.take() {
                                buf = b;
                            }
                            match blocks.next(&mut buf) {
                                Next::End => break,
                                Next::Long(head) => {
                                    dones.push(p.long_line(&head, &mut s));
                                    continue;
                                }
                                Next::Data(len) => {
                                    let (block, state) = p.take(&buf[..len]);
                                    (len, block, state)
                                }
                            }
                        };
                        dones.push(
                            parse_block(&buf[..len], block, primary, state, options, &mut s).0,
                        );
                    }
                    results
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((s, dones));
                });
            }
        });
        for (s, dones) in std::mem::take(&mut *results.lock().unwrap_or_else(|e| e.into_inner())) {
            for done in dones {
                self.merge(done);
            }
            self.summary.merge(s);
        }
    }
}

/// The reading thread's state: the next block number and the W3C directives in force.
struct Pipeline {
    primary: Format,
    state: w3c::State,
    block: u64,
}

impl Pipeline {
    /// The next block number.
    fn number(&mut self) -> u64 {
        self.block += 1;
        self.block - 1
    }

    /// The number and starting state of a block parsed elsewhere; the state after it is found by
    /// applying the block's directive lines (those starting with `#`). `#` is rare outside
    /// directives, so one search for it beats a search for `\n#`.
    fn take(&mut self, data: &[u8]) -> (u64, w3c::State) {
        let block = self.number();
        let start = self.state.clone();
        for at in memchr::memchr_iter(b'#', data) {
            if at == 0 || data[at - 1] == b'\n' {
                let end = memchr::memchr(b'\n', &data[at..]).map_or(data.len(), |i| at + i);
                let line = &data[at..end];
                self.state
                    .directive(line.strip_suffix(b"\r").unwrap_or(line));
            }
        }
        (block, start)
    }

    fn long_line(&mut self, head: &[u8], s: &mut Summary) -> Done {
        let block = self.number();
        s.lines += 1;
        s.malformed += 1;
        (block, 1, vec![Example::new(block, 1, LONG_LINE, head)])
    }
}

/// Parses one block of whole lines into `s`; returns the directive state after the block too.
fn parse_block(
    data: &[u8],
    block: u64,
    primary: Format,
    mut state: w3c::State,
    options: &Options,
    s: &mut Summary,
) -> (Done, w3c::State) {
    // Patterns are followed within a block, whichever summary counts it.
    s.patterns.new_block();
    let mut examples = Vec::new();
    let mut tokens = Vec::with_capacity(32);
    let mut cache = TimeCache::default();
    let mut json_scratch = json::Scratch::default();
    let mut line_no = 0u64;
    let mut start = 0;
    let all_paths = !options.filters.paths.is_empty();
    let filters = &options.filters;
    let unfiltered = filters.since.is_none()
        && filters.until.is_none()
        && filters.status.is_none()
        && filters.paths.is_empty();
    let newline = LineEnds::new();
    while start < data.len() {
        let end = newline
            .find(&data[start..])
            .map_or(data.len(), |i| start + i);
        let raw = &data[start..end];
        start = end + 1;
        line_no += 1;
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        match line.first() {
            None => {
                s.blank += 1;
                continue;
            }
            Some(b'#') => {
                state.directive(line);
                s.directives += 1;
                continue;
            }
            Some(b' ' | b'\t') if line.trim_ascii().is_empty() => {
                s.blank += 1;
                continue;
            }
            _ => {}
        }
        // The input's format first, called directly: nearly every line is in it. A line it does
        // not read goes through `parse_line`, which tries it again (parsing has no side effect
        // but the time cache), then the other formats.
        let direct = match primary {
            Format::Ncsa => ncsa::parse_with(line, &mut cache, all_paths).ok(),
            Format::W3c => state.parse(line, &mut tokens, &mut cache).ok(),
            Format::IisNative => native::parse(line).ok(),
            Format::Json => None,
            f => format::parse_other(f, line, &mut cache, all_paths).ok(),
        };
        if let Some(record) = direct {
            s.format_seen(primary);
            if primary == Format::W3c && state.assumed {
                s.no_fields += 1;
            }
            if unfiltered || filters.accept(&record) {
                s.observe(&record);
            } else {
                s.filtered += 1;
            }
            continue;
        }
        let mut slot = None;
        let mut ctx = Ctx {
            all_paths,
            state: &state,
            tokens: &mut tokens,
            cache: &mut cache,
            json: &options.json,
            json_scratch: &mut json_scratch,
            forced: options.format.is_some(),
        };
        match parse_line(line, primary, &mut ctx, &mut slot) {
            Ok((format, record)) => {
                s.format_seen(format);
                if format == Format::W3c && state.assumed {
                    s.no_fields += 1;
                }
                if options.filters.accept(&record) {
                    s.observe(&record);
                } else {
                    s.filtered += 1;
                }
            }
            Err(reason) => {
                s.malformed += 1;
                if examples.len() < MAX_EXAMPLES {
                    examples.push(Example::new(block, line_no, reason, line));
                }
            }
        }
    }
    s.lines += line_no;
    ((block, line_no, examples), state)
}

/// The search for line ends, set up once per block: `memchr`'s AVX2 searcher when the CPU has
/// AVX2 (the call skips the dispatch and the set-up that a call to `memchr::memchr` makes on every
/// line), else `memchr::memchr`.
struct LineEnds {
    #[cfg(target_arch = "x86_64")]
    avx2: Option<memchr::arch::x86_64::avx2::memchr::One>,
}

impl LineEnds {
    fn new() -> LineEnds {
        LineEnds {
            #[cfg(target_arch = "x86_64")]
            avx2: memchr::arch::x86_64::avx2::memchr::One::new(b'\n'),
        }
    }

    #[inline]
    fn find(&self, hay: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some(one) = &self.avx2 {
            return one.find(hay);
        }
        memchr::memchr(b'\n', hay)
    }
}

struct Ctx<'c> {
    /// Read the path of every request, not only of errors (a `--path` filter is set).
    all_paths: bool,
    state: &'c w3c::State,
    tokens: &'c mut Vec<(usize, usize)>,
    cache: &'c mut TimeCache,
    json: &'c json::JsonFields,
    json_scratch: &'c mut json::Scratch,
    /// `--format` was given: no other format is tried.
    forced: bool,
}

/// Parses a line in the input's format, else in any other format that fits (so a file that is
/// several logs concatenated still counts); the error is the input format's.
fn parse_line<'a>(
    line: &'a [u8],
    primary: Format,
    ctx: &mut Ctx<'_>,
    slot: &'a mut Option<Value>,
) -> Result<(Format, Record<'a>), Malformed> {
    let mut first_error = None;
    // The input's format first, on its own: nearly every line is in it.
    if primary != Format::Json {
        match try_format(line, primary, ctx) {
            Ok(r) => return Ok((primary, r)),
            Err(e) if ctx.forced => return Err(e),
            Err(e) => first_error = Some(e),
        }
    }
    let forced = ctx.forced;
    let others = Format::ALL
        .into_iter()
        .filter(move |f| *f != primary && *f != Format::Json && !forced)
        .chain((primary != Format::Json && !forced).then_some(Format::Json));
    let json_first = (primary == Format::Json).then_some(primary);
    for f in json_first.into_iter().chain(others) {
        let result = if f == Format::Json {
            let line = json::unprefixed(line);
            if line.first() != Some(&b'{') {
                Err("not a JSON object")
            } else {
                // Without a `Value` when the scanner can give the same answer (nearly always),
                // else parsed into one.
                let record =
                    match json::record_fast(line, ctx.json, ctx.all_paths, ctx.json_scratch) {
                        Some(record) => record,
                        None => match serde_json::from_slice::<Value>(line) {
                            Ok(v) => json::record(slot.insert(v), ctx.json, ctx.all_paths),
                            Err(_) => {
                                first_error.get_or_insert("invalid JSON");
                                continue;
                            }
                        },
                    };
                return record.map(|r| (Format::Json, r)).map_err(|e| {
                    if primary == Format::Json {
                        e
                    } else {
                        first_error.unwrap_or(e)
                    }
                });
            }
        } else {
            try_format(line, f, ctx)
        };
        match result {
            Ok(r) => return Ok((f, r)),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or("unrecognised line"))
}

fn try_format<'a>(line: &'a [u8], f: Format, ctx: &mut Ctx<'_>) -> Result<Record<'a>, Malformed> {
    match f {
        Format::Ncsa => ncsa::parse_with(line, ctx.cache, ctx.all_paths),
        // Without any #Fields, a line that does not fit IIS's default fields is read by shape.
        Format::W3c => ctx.state.parse(line, ctx.tokens, ctx.cache).or_else(|e| {
            if ctx.state.assumed {
                w3c_shape::parse(line, ctx.tokens, ctx.cache).map_err(|_| e)
            } else {
                Err(e)
            }
        }),
        Format::IisNative => native::parse(line),
        Format::Json => Err("not a JSON object"),
        f => format::parse_other(f, line, ctx.cache, ctx.all_paths),
    }
}
