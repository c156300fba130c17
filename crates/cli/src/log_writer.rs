//! The request log's writer for `httpstatus serve`: a request appends its formatted line to a
//! shared, bounded buffer (a lock and a copy, no system call); a thread writes the buffer to stderr
//! every few milliseconds, or sooner when it fills. When the buffer is full a line is dropped and
//! counted, so a slow stderr never holds up a request. Dropping the [`Guard`] writes what is left.
//!
//! One buffer for all threads, appended to under one lock: lines come out in the order they were
//! logged, whole.

use std::io::{self, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

/// Bytes waiting to be written before new lines are dropped: about 10,000 request lines.
const CAPACITY: usize = 2 * 1024 * 1024;
/// Past this many waiting bytes the writer thread is woken at once instead of at its next tick.
const WAKE_AT: usize = 256 * 1024;
/// How often the writer thread writes out what has come in.
const TICK: Duration = Duration::from_millis(20);

#[derive(Debug, Default)]
struct State {
    buf: Vec<u8>,
    closed: bool,
}

/// What the log subscriber writes to (`Arc<Shared>` is a `MakeWriter`).
#[derive(Debug, Default)]
pub(crate) struct Shared {
    state: Mutex<State>,
    wake: Condvar,
    dropped: AtomicU64,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Lines dropped because the buffer was full.
    pub(crate) fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }
}

impl Write for &Shared {
    /// Takes a whole line (the subscriber writes each event with one call) or drops it.
    fn write(&mut self, line: &[u8]) -> io::Result<usize> {
        let mut state = self.lock();
        let before = state.buf.len();
        if state.closed || before + line.len() > CAPACITY {
            drop(state);
            self.dropped.fetch_add(1, Ordering::Relaxed);
            return Ok(line.len());
        }
        state.buf.extend_from_slice(line);
        let after = state.buf.len();
        drop(state);
        if before < WAKE_AT && after >= WAKE_AT {
            self.wake.notify_one();
        }
        Ok(line.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Stops the writer thread when dropped, after it has written every line logged until then.
#[derive(Debug)]
pub(crate) struct Guard {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.wake.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts the writer thread on `out`.
pub(crate) fn start(out: impl Write + Send + 'static) -> io::Result<(Arc<Shared>, Guard)> {
    let shared = Arc::new(Shared::default());
    let thread = {
        let shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("httpstatus-log".into())
            .spawn(move || write_out(&shared, out))?
    };
    Ok((
        Arc::clone(&shared),
        Guard {
            shared,
            thread: Some(thread),
        },
    ))
}

fn write_out(shared: &Shared, mut out: impl Write) {
    let mut spare = Vec::new();
    loop {
        let closed = {
            let mut state = shared.lock();
            if !state.closed && state.buf.len() < WAKE_AT {
                state = match shared.wake.wait_timeout(state, TICK) {
                    Ok((state, _)) => state,
                    Err(poisoned) => poisoned.into_inner().0,
                };
            }
            std::mem::swap(&mut state.buf, &mut spare);
            state.closed
        };
        if !spare.is_empty() {
            // A closed or broken stderr loses the log, not the server.
            let _ = out.write_all(&spare);
            let _ = out.flush();
            spare.clear();
        }
        if closed {
            // Nothing is appended once closed: the buffer taken above was the last.
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);
    impl Write for Sink {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn every_line_in_order_after_the_guard_drops() {
        let sink = Sink::default();
        let (shared, guard) = start(sink.clone()).unwrap_or_else(|e| panic!("{e}"));
        let mut expected = String::new();
        for i in 0..5000 {
            let line = format!("line {i}\n");
            (&*shared)
                .write_all(line.as_bytes())
                .unwrap_or_else(|e| panic!("{e}"));
            expected.push_str(&line);
        }
        drop(guard);
        let got = sink.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
        assert_eq!(String::from_utf8_lossy(&got), expected);
        assert_eq!(shared.dropped(), 0);
    }

    /// A writer that never finishes: the buffer fills, further lines are dropped and counted,
    /// and writing a line still returns at once.
    #[test]
    fn a_stuck_stderr_drops_and_counts_lines() {
        struct Stuck(std::sync::mpsc::Receiver<()>);
        impl Write for Stuck {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                let _ = self.0.recv();
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let (release, rx) = std::sync::mpsc::channel();
        let (shared, guard) = start(Stuck(rx)).unwrap_or_else(|e| panic!("{e}"));
        let line = [b'x'; 1000];
        let lines = 3 * CAPACITY / line.len();
        for _ in 0..lines {
            (&*shared)
                .write_all(&line)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let dropped = shared.dropped();
        // At most one buffer is with the stuck writer and one waits: the rest is dropped.
        assert!(dropped > 0, "no line dropped");
        assert!(
            usize::try_from(dropped).unwrap_or(usize::MAX) >= lines - 2 * CAPACITY / line.len(),
            "{dropped} of {lines} dropped"
        );
        drop(release);
        drop(guard);
    }
}
