//! `lint-ext --jobs N`: a JSON Lines stream linted on N threads with the report a single thread
//! writes. Records are independent, so the calling thread cuts the stream into chunks of whole
//! lines ([`Chunker`]) and N - 1 workers, each with its own linter, lint chunks into finding
//! lists; the calling thread reports the lists in input order through the one [`Report`], and
//! lints a queued chunk itself whenever it has nothing to report. So N threads share N cores with
//! no thread too many: with a worker per core beside a reading and reporting thread, the workers
//! ran dry whenever that thread waited for a core (1.69 of 2 cores busy on a flood of findings).
//! At most three chunks per thread and eight more are in flight (queued, being linted or waiting
//! their turn), so memory stays bounded whatever the input's size.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread;

use crate::ext_inputs::{bom_note, too_large, RecordLinter};
use crate::findings::{Finding, Rule};
use crate::jsonl_chunks::{Chunker, Piece};
use crate::lint::input::JsonLines;
use crate::lint::{LintOptions, Linter, Origin};
use crate::render::Report;

/// Chunks in flight per worker: one being linted, one queued so the worker never waits for the
/// reader, one done and waiting for an earlier, slower chunk.
const CHUNKS_PER_JOB: usize = 3;

/// And eight more in all (2 MB): slack for the moments the calling thread is linting a chunk or
/// writing a burst of findings instead of reading ahead. Two threads on two cores, 100 MB,
/// alternating rounds: 2–3% less time with it, on clean records and on a flood alike.
const SLACK_CHUNKS: usize = 8;

/// What each worker lints with.
pub struct Pool<'o> {
    options: &'o LintOptions,
    max: usize,
    rule: Rule,
}

/// A chunk to lint, numbered in stream order.
struct Job {
    seq: u64,
    piece: Piece,
}

/// A chunk linted.
struct Done {
    seq: u64,
    /// Its findings, in order, or a worker's panic to pass on.
    findings: thread::Result<Vec<Finding>>,
    records: u64,
    /// The stream's byte order mark was skipped in this chunk and no record followed it yet.
    bom_pending: bool,
    /// The chunk's text, for the reader to reuse.
    text: Vec<u8>,
}

impl<'o> Pool<'o> {
    pub fn new(options: &'o LintOptions, max: usize, rule: Rule) -> Self {
        Pool { options, max, rule }
    }

    /// Lints the chunks on `jobs` threads and reports their findings in order; returns the
    /// records read. A read error ends the stream after the lines before it are reported.
    pub fn run<R: Read>(
        &self,
        jobs: usize,
        chunker: Chunker<R>,
        source: &Arc<str>,
        report: &mut Report<'_>,
    ) -> io::Result<u64> {
        let in_flight = jobs.max(1) * CHUNKS_PER_JOB + SLACK_CHUNKS;
        // Never full: the reader sends at most `in_flight` chunks ahead of the report.
        let (job_tx, job_rx) = mpsc::sync_channel(in_flight);
        let job_rx = Mutex::new(job_rx);
        let (done_tx, done_rx) = mpsc::channel();
        thread::scope(|scope| {
            // The calling thread is the N-th.
            for _ in 1..jobs {
                let (job_rx, done_tx) = (&job_rx, done_tx.clone());
                scope.spawn(move || self.work(job_rx, done_tx, source));
            }
            drop(done_tx);
            let helper = Helper {
                pool: self,
                jobs: &job_rx,
                linter: None,
            };
            // Returning drops `job_tx`, which stops the workers (also on an early error).
            InOrder::new(in_flight, source).drive(chunker, job_tx, done_rx, helper, report)
        })
    }

    /// A worker: lints chunks until the reader is done (or the report failed).
    fn work(&self, jobs: &Mutex<Receiver<Job>>, done: Sender<Done>, source: &Arc<str>) {
        let mut records = self.linter();
        loop {
            let job = match jobs.lock() {
                Ok(jobs) => jobs.recv(),
                Err(_) => return,
            };
            let Ok(job) = job else {
                return;
            };
            if done.send(self.lint_job(&mut records, job, source)).is_err() {
                return;
            }
        }
    }

    /// A linter as the workers make them.
    fn linter(&self) -> RecordLinter {
        RecordLinter {
            linter: Linter::new(self.options.clone()),
            max: self.max,
            rule: self.rule,
        }
    }

    /// One chunk linted, a panic in a lint kept to pass on in the report's order.
    fn lint_job(&self, records: &mut RecordLinter, job: Job, source: &Arc<str>) -> Done {
        let Job { seq, piece } = job;
        let linted = panic::catch_unwind(AssertUnwindSafe(|| self.lint(records, piece, source)));
        match linted {
            Ok((findings, records, bom_pending, text)) => Done {
                seq,
                findings: Ok(findings),
                records,
                bom_pending,
                text,
            },
            Err(panic) => Done {
                seq,
                findings: Err(panic),
                records: 0,
                bom_pending: false,
                text: Vec::new(),
            },
        }
    }

    /// One chunk's findings, records and pending byte order mark, and its text back.
    fn lint(
        &self,
        records: &mut RecordLinter,
        piece: Piece,
        source: &Arc<str>,
    ) -> (Vec<Finding>, u64, bool, Vec<u8>) {
        let mut findings = Vec::new();
        match piece {
            Piece::Lines {
                text,
                lines_before,
                offset,
            } => {
                let mut lines = JsonLines::resume(&text[..], self.max, lines_before, offset);
                // Reading from memory cannot fail.
                let count = records
                    .stream(&mut lines, source, &mut findings, |_| Ok(()))
                    .unwrap_or_default();
                let bom_pending = lines.bom_pending();
                (findings, count, bom_pending, text)
            }
            Piece::TooLarge {
                number,
                offset,
                len,
            } => {
                let origin = Origin {
                    source: source.clone(),
                    line: number,
                    offset,
                };
                findings.push(too_large(origin, len, self.max));
                (findings, 1, false, Vec::new())
            }
        }
    }
}

/// The calling thread's own share of the linting: a queued chunk, taken when nothing is ready to
/// report, linted with a linter made on first use.
struct Helper<'p, 'o> {
    pool: &'p Pool<'o>,
    jobs: &'p Mutex<Receiver<Job>>,
    linter: Option<RecordLinter>,
}

impl Helper<'_, '_> {
    /// Lints a queued chunk, if one is queued and no worker is taking one right now (a worker
    /// waiting for a chunk holds the queue: then none is queued).
    fn lint_one(&mut self, source: &Arc<str>) -> Option<Done> {
        let job = self.jobs.try_lock().ok()?.try_recv().ok()?;
        let pool = self.pool;
        let records = self.linter.get_or_insert_with(|| pool.linter());
        Some(pool.lint_job(records, job, source))
    }
}

/// The calling thread's side: reads chunks ahead, reports linted chunks in stream order, and
/// lints chunks itself while none is ready to report.
struct InOrder<'s> {
    in_flight: usize,
    source: &'s Arc<str>,
    /// Chunks linted before an earlier one, by number.
    waiting: BTreeMap<u64, Done>,
    /// Texts of reported chunks, for the reader to reuse.
    spare: Vec<Vec<u8>>,
    /// The next chunk to report.
    next: u64,
    /// The byte order mark's note waits for the first record after it.
    bom_pending: bool,
    records: u64,
}

impl<'s> InOrder<'s> {
    fn new(in_flight: usize, source: &'s Arc<str>) -> Self {
        InOrder {
            in_flight,
            source,
            waiting: BTreeMap::new(),
            spare: Vec::new(),
            next: 0,
            bom_pending: false,
            records: 0,
        }
    }

    fn drive<R: Read>(
        mut self,
        mut chunker: Chunker<R>,
        jobs: SyncSender<Job>,
        done: Receiver<Done>,
        mut helper: Helper<'_, '_>,
        report: &mut Report<'_>,
    ) -> io::Result<u64> {
        let (mut sent, mut read_error, mut end) = (0, None, false);
        loop {
            while !end && sent - self.next < self.in_flight as u64 {
                let buffer = self.spare.pop().unwrap_or_default();
                match chunker.next_piece(buffer) {
                    Ok(Some(piece)) => {
                        // Every worker gone means each has passed on its panic, reported below.
                        let _ = jobs.send(Job { seq: sent, piece });
                        sent += 1;
                    }
                    Ok(None) => end = true,
                    Err(error) => (read_error, end) = (Some(error), true),
                }
            }
            if self.next == sent {
                break;
            }
            let linted = match done.try_recv() {
                Ok(linted) => linted,
                Err(_) => match helper.lint_one(self.source) {
                    Some(linted) => linted,
                    // Every queued chunk is in a worker's hands: wait for one.
                    None => done
                        .recv()
                        .map_err(|_| io::Error::other("the lint threads stopped"))?,
                },
            };
            self.waiting.insert(linted.seq, linted);
            while let Some(linted) = self.waiting.remove(&self.next) {
                self.next += 1;
                self.report(linted, report)?;
            }
        }
        read_error.map_or(Ok(self.records), Err)
    }

    /// Reports one chunk's findings, the byte order mark's note first when it waited for them.
    fn report(&mut self, linted: Done, report: &mut Report<'_>) -> io::Result<()> {
        let findings = match linted.findings {
            Ok(findings) => findings,
            // A bug in a lint: fail as the single-threaded run would.
            Err(panic) => panic::resume_unwind(panic),
        };
        if self.bom_pending && linted.records > 0 {
            self.bom_pending = false;
            report.emit(bom_note(&Origin::new(self.source.clone())))?;
        }
        self.bom_pending |= linted.bom_pending;
        for finding in findings {
            report.emit(finding)?;
        }
        report.checked(linted.records);
        self.records += linted.records;
        if linted.text.capacity() > 0 {
            self.spare.push(linted.text);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::io::BufRead;
    use std::path::Path;

    use super::*;
    use crate::ext_inputs::ExtLint;
    use crate::findings::SeverityPolicy;
    use crate::render::{self, Format, RunInfo, Verbosity};
    use crate::vendor::Vendor;

    const MAX: usize = 120;

    fn options() -> LintOptions {
        LintOptions {
            profile: Default::default(),
            vendors: Vendor::ALL.to_vec(),
            input: Default::default(),
        }
    }

    /// The report `lint` writes in `format`.
    fn report_of(format: Format, lint: impl FnOnce(&mut Report<'_>)) -> String {
        let mut out = Vec::new();
        let renderer = render::renderer(format, Box::new(&mut out), Verbosity(0), false);
        let run = RunInfo {
            command: "lint-ext",
            version: "test",
        };
        let mut report = Report::start(renderer, SeverityPolicy::default(), &run).expect("start");
        lint(&mut report);
        report.finish().expect("finish");
        String::from_utf8(out).expect("UTF-8")
    }

    /// Records of every kind, with CRLF and LF, blank lines, lines over [`MAX`], and a last
    /// line without its newline; `first` is line 1.
    fn mixed(first: &[u8]) -> Vec<u8> {
        let records: [&[u8]; 7] = [
            br#"{"Title":"t","Desc":"d","Ext":"{\"entity\":{\"a\":1}}"}"#,
            b"{not json",
            &[b'x'; MAX + 1],
            b"  \t",
            br#"{"Ext":"{\"a\":1}","Title":"t","Title":"u"}"#,
            br#"{"Desc":"d","Ext":"[1]","AndroidInfo":{"OPPOChannelID":""}}"#,
            b"",
        ];
        let mut input = first.to_vec();
        for i in 0..60 {
            input.extend_from_slice(b"\n");
            input.extend_from_slice(records[i % records.len()]);
            if i % 3 == 0 {
                input.extend_from_slice(b"\r");
            }
        }
        input.extend_from_slice(b"\n{\"Ext\":\"{}\"}");
        input
    }

    /// Regression for `--jobs`: the report must not depend on where chunks end. Tiny chunks
    /// put a boundary in every place a record can be cut: inside CRLF, around blank lines, in
    /// and after a line over the cap, after a byte order mark on a blank or a full line 1.
    #[test]
    fn any_chunking_reports_what_one_thread_reports() {
        let mut too_large_after_bom = BOM_BYTES.to_vec();
        too_large_after_bom.extend_from_slice(&[b'x'; MAX]);
        // Line 1, and whether the report has the byte order mark's note (not on a line too
        // large to read, as one thread reads it).
        let firsts: [(&[u8], bool); 5] = [
            (b"\xEF\xBB\xBF  ", true),
            (b"\xEF\xBB\xBF{\"Ext\":\"{}\"}\r", true),
            (b"\xEF\xBB\xBF", true),
            (&too_large_after_bom, false),
            (b"{}", false),
        ];
        for (first, bom) in firsts {
            let input = mixed(first);
            for format in [Format::Json, Format::Human] {
                let one = report_of(format, |report| {
                    let mut stdin: Box<dyn BufRead> = Box::new(&input[..]);
                    ExtLint::new(options(), report, MAX, Rule::RecordInvalidJson)
                        .lines_file(Path::new("-"), &mut stdin)
                        .expect("lint");
                });
                assert_eq!(one.contains("input-bom"), bom);
                for chunk in [1, 2, 3, 5, 8, 13, 40, 1000] {
                    for jobs in [1, 2, 3] {
                        let many = report_of(format, |report| {
                            let chunker = Chunker::new(&input[..], chunk, MAX, 0, 0);
                            let options = options();
                            let pool = Pool::new(&options, MAX, Rule::RecordInvalidJson);
                            let source: Arc<str> = "<stdin>".into();
                            pool.run(jobs, chunker, &source, report).expect("lint");
                        });
                        assert_eq!(one, many, "chunks of {chunk} bytes on {jobs} threads");
                    }
                }
            }
        }
    }

    const BOM_BYTES: &[u8] = crate::lint::input::BOM;

    /// The same on random streams of the bytes that matter to the cutting (line ends, CR,
    /// blanks, the BOM's bytes, JSON), cut at random sizes, with a cap of a few bytes.
    #[test]
    fn random_streams_report_what_one_thread_reports() {
        use rand_chacha::rand_core::{RngCore as _, SeedableRng as _};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(18);
        let alphabet: &[&[u8]] = &[
            b"\n",
            b"\r",
            b"\r\n",
            b" ",
            b"\t",
            BOM_BYTES,
            b"\xEF",
            b"{}",
            b"[1]",
            b"{\"Ext\":1}",
            b"{\"Desc\":\"d\"}",
            b"x",
        ];
        let max = 12;
        for _ in 0..300 {
            let mut input = Vec::new();
            for _ in 0..rng.next_u32() % 40 {
                input.extend_from_slice(alphabet[rng.next_u32() as usize % alphabet.len()]);
            }
            let one = report_of(Format::Json, |report| {
                let mut stdin: Box<dyn BufRead> = Box::new(&input[..]);
                ExtLint::new(options(), report, max, Rule::RecordInvalidJson)
                    .lines_file(Path::new("-"), &mut stdin)
                    .expect("lint");
            });
            let chunk = 1 + rng.next_u32() as usize % 24;
            let many = report_of(Format::Json, |report| {
                let chunker = Chunker::new(&input[..], chunk, max, 0, 0);
                let options = options();
                let pool = Pool::new(&options, max, Rule::RecordInvalidJson);
                let source: Arc<str> = "<stdin>".into();
                pool.run(2, chunker, &source, report).expect("lint");
            });
            assert_eq!(
                one,
                many,
                "{:?} in chunks of {chunk}",
                String::from_utf8_lossy(&input)
            );
        }
    }

    /// Hands out `data` a few bytes at a time, then fails at `fail_at`.
    struct FailsHalfway<'d> {
        data: &'d [u8],
        fail_at: usize,
    }

    impl io::Read for FailsHalfway<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.fail_at == 0 {
                return Err(io::Error::other("the disk went away"));
            }
            let n = buf.len().min(7).min(self.fail_at);
            buf[..n].copy_from_slice(&self.data[..n]);
            (self.data, self.fail_at) = (&self.data[n..], self.fail_at - n);
            Ok(n)
        }
    }

    /// A read error mid-stream: the records before it are reported, as one thread reports them,
    /// and the error comes after.
    #[test]
    fn a_read_error_reports_the_lines_before_it() {
        let input = mixed(b"{}");
        for fail_at in [0, 1, 100, input.len() / 2, input.len() - 1] {
            let one = report_of(Format::Json, |report| {
                let reader = FailsHalfway {
                    data: &input,
                    fail_at,
                };
                let mut stdin: Box<dyn BufRead> =
                    Box::new(io::BufReader::with_capacity(16, reader));
                let lint = ExtLint::new(options(), report, MAX, Rule::RecordInvalidJson)
                    .lines_file(Path::new("-"), &mut stdin);
                assert!(lint.is_err());
            });
            for chunk in [1, 16, 1000] {
                let many = report_of(Format::Json, |report| {
                    let reader = FailsHalfway {
                        data: &input,
                        fail_at,
                    };
                    let chunker = Chunker::new(reader, chunk, MAX, 0, 0);
                    let options = options();
                    let pool = Pool::new(&options, MAX, Rule::RecordInvalidJson);
                    let source: Arc<str> = "<stdin>".into();
                    let error = pool.run(2, chunker, &source, report).expect_err("fails");
                    assert_eq!(error.to_string(), "the disk went away");
                });
                assert_eq!(one, many, "failing at {fail_at}, chunks of {chunk}");
            }
        }
    }
}
