//! The run: jobs stream from the sources in order, are loaded and extracted
//! (and, with [`run_mapped`], rendered) in parallel in order-preserving
//! chunks, and handed to a sink one document at a time in input order.
//! Memory holds a few chunks (one being written, one being extracted, the
//! next one's jobs), never the corpus.

use crate::extract::extract;
use crate::gazetteer::Gazetteers;
use crate::input::{InputFormat, Job, Jobs, Source, DEFAULT_MAX_DOC_BYTES};
use crate::model::{Document, Extraction, Status};
use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// About this much input (bytes) is in flight per chunk at most (plus the
/// documents being loaded when it is reached, one per worker thread).
pub const CHUNK_BYTES: u64 = 16 << 20;

/// Settings of a run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Worker threads (0 = one per core).
    pub threads: usize,
    /// Largest document accepted, after decompression.
    pub max_doc_bytes: u64,
    /// How to read inputs.
    pub input_format: InputFormat,
    /// Jobs per chunk.
    pub chunk: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            threads: 0,
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
            input_format: InputFormat::Auto,
            chunk: 256,
        }
    }
}

/// Documents counted by status: for a run, and (in the incremental state)
/// for each file, so that replaying cached rows reports the same summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Documents seen (a JSON Lines file holds many).
    pub documents: u64,
    /// Status `ok`.
    pub ok: u64,
    /// Status `empty`.
    pub empty: u64,
    /// Status `skipped` (unsupported files).
    pub skipped: u64,
    /// Status `error` (could not be read or parsed).
    pub failed: u64,
    /// Bytes of extracted text.
    pub text_bytes: u64,
}

impl Counts {
    /// Count one document.
    pub fn add_doc(&mut self, d: &Document) {
        self.documents += 1;
        self.text_bytes += d.text.len() as u64;
        match d.status {
            Status::Ok => self.ok += 1,
            Status::Empty => self.empty += 1,
            Status::Skipped => self.skipped += 1,
            Status::Error => self.failed += 1,
        }
    }

    /// Add another set of counts.
    pub fn add(&mut self, o: &Counts) {
        self.documents += o.documents;
        self.ok += o.ok;
        self.empty += o.empty;
        self.skipped += o.skipped;
        self.failed += o.failed;
        self.text_bytes += o.text_bytes;
    }
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Documents by status.
    pub counts: Counts,
    /// Wall time.
    pub elapsed: Duration,
}

/// A job of a chunk: still to do, or done (its documents' counts and mapped
/// values, and the bytes of their text).
enum Slot<T> {
    Todo(Job),
    Done(Vec<(Counts, T)>, u64),
}

impl<T> Slot<T> {
    /// The bytes of text loaded for the slot (none while it is to do).
    fn loaded(&self) -> u64 {
        match self {
            Slot::Todo(_) => 0,
            Slot::Done(_, b) => *b,
        }
    }
}

/// Load and extract one job, turning a panic into an error row.
pub fn process(job: Job, gaz: &Gazetteers, max_bytes: u64) -> Vec<(Document, Extraction)> {
    job.load(max_bytes)
        .into_iter()
        .map(|doc| {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract(&doc, gaz)));
            match r {
                Ok(ex) => (doc, ex),
                Err(p) => {
                    let msg = p
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| p.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown".into());
                    let failed = Document {
                        status: Status::Error,
                        error: Some(format!("internal error while extracting: {msg}")),
                        ..doc
                    };
                    (failed, Extraction::default())
                }
            }
        })
        .collect()
}

/// Run over `sources`, calling `sink` for every document in input order.
pub fn run<F>(
    sources: Vec<Source>,
    gaz: &Gazetteers,
    opts: &Options,
    mut sink: F,
) -> std::io::Result<Summary>
where
    F: FnMut(&Document, &Extraction) -> std::io::Result<()>,
{
    let jobs = Jobs::new(sources, opts.max_doc_bytes, opts.input_format);
    run_jobs(
        jobs,
        gaz,
        opts,
        |doc, ex| (doc, ex),
        |(doc, ex)| sink(&doc, &ex),
    )
}

/// Run over `sources`, turning every document and its extraction into a `T`
/// with `map` on the worker threads (e.g. rendering its rows, so that the
/// writing thread only writes bytes), and calling `sink` with each `T` in
/// input order.
pub fn run_mapped<T, M, F>(
    sources: Vec<Source>,
    gaz: &Gazetteers,
    opts: &Options,
    map: M,
    sink: F,
) -> std::io::Result<Summary>
where
    T: Send,
    M: Fn(Document, Extraction) -> T + Sync,
    F: FnMut(T) -> std::io::Result<()>,
{
    let jobs = Jobs::new(sources, opts.max_doc_bytes, opts.input_format);
    run_jobs(jobs, gaz, opts, map, sink)
}

/// Run over any job stream (used by [`run`] and [`run_mapped`]).
pub fn run_jobs<I, T, M, F>(
    jobs: I,
    gaz: &Gazetteers,
    opts: &Options,
    map: M,
    sink: F,
) -> std::io::Result<Summary>
where
    I: Iterator<Item = Job>,
    T: Send,
    M: Fn(Document, Extraction) -> T + Sync,
    F: FnMut(T) -> std::io::Result<()>,
{
    run_chunks(jobs, gaz, opts, CHUNK_BYTES, map, sink)
}

/// [`run_jobs`] with chunks of about `budget` bytes of input.
fn run_chunks<I, T, M, F>(
    jobs: I,
    gaz: &Gazetteers,
    opts: &Options,
    budget: u64,
    map: M,
    mut sink: F,
) -> std::io::Result<Summary>
where
    I: Iterator<Item = Job>,
    T: Send,
    M: Fn(Document, Extraction) -> T + Sync,
    F: FnMut(T) -> std::io::Result<()>,
{
    let t0 = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(std::io::Error::other)?;
    let mut summary = Summary::default();
    let mut jobs = jobs.peekable();
    let chunk = opts.chunk.max(1);
    let mut pending: Vec<Slot<T>> = Vec::new();
    // A chunk: up to `chunk` jobs and about `budget` bytes of input, so that
    // memory stays bounded whatever the document sizes. A file's size is
    // not known before it is read (no `stat` per file): the workers count
    // what they load and leave the rest of the chunk for the next one once
    // the budget is reached.
    let mut next_batch = || {
        let mut batch = Vec::new();
        let mut bytes = 0u64;
        while batch.len() < chunk && bytes < budget {
            let Some(j) = jobs.next() else { break };
            bytes += j.estimated_bytes();
            batch.push(Slot::Todo(j));
        }
        batch
    };
    let mut batch = next_batch();
    loop {
        if batch.is_empty() && pending.is_empty() {
            break;
        }
        // Extract this chunk on the pool while this thread writes the last
        // one and gathers the next.
        let (done, written, next) = std::thread::scope(|s| {
            let worker = s.spawn(|| {
                // The first job to do is always done (progress); the others
                // while the chunk holds less than the budget.
                let first = batch.iter().position(|j| matches!(j, Slot::Todo(_)));
                let loaded = AtomicU64::new(batch.iter().map(Slot::loaded).sum());
                pool.install(|| {
                    batch
                        .into_par_iter()
                        .enumerate()
                        .map(|(k, slot)| match slot {
                            Slot::Todo(j)
                                if Some(k) == first || loaded.load(Ordering::Relaxed) < budget =>
                            {
                                let docs: Vec<(Counts, T)> = process(j, gaz, opts.max_doc_bytes)
                                    .into_iter()
                                    .map(|(doc, ex)| {
                                        let mut c = Counts::default();
                                        c.add_doc(&doc);
                                        (c, map(doc, ex))
                                    })
                                    .collect();
                                let bytes = docs.iter().map(|(c, _)| c.text_bytes).sum();
                                loaded.fetch_add(bytes, Ordering::Relaxed);
                                Slot::Done(docs, bytes)
                            }
                            other => other,
                        })
                        .collect::<Vec<_>>()
                })
            });
            let mut write = || -> std::io::Result<()> {
                for slot in pending.drain(..) {
                    if let Slot::Done(docs, _) = slot {
                        for (c, t) in docs {
                            summary.counts.add(&c);
                            sink(t)?;
                        }
                    }
                }
                Ok(())
            };
            let written = write();
            let next = if written.is_ok() {
                next_batch()
            } else {
                Vec::new()
            };
            (worker.join(), written, next)
        });
        written?;
        let mut done = done.map_err(|_| std::io::Error::other("a worker thread failed"))?;
        // Written next: the chunk up to its first job left undone; that job
        // and all after it go first into the next chunk, in order.
        let undone = done
            .iter()
            .position(|j| matches!(j, Slot::Todo(_)))
            .unwrap_or(done.len());
        batch = done.split_off(undone);
        batch.extend(next);
        pending = done;
    }
    summary.elapsed = t0.elapsed();
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Chunks cut short by the byte budget (every job after the first of a
    /// chunk left for the next one, or not, as the workers race) give the
    /// documents of an unbounded run, in the same order.
    #[test]
    fn budget_cut_chunks_keep_order_and_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..40 {
            let text = format!(
                "Judge Ada Quist{i} sentenced Tom Berrow{i} to {} months in prison for wire fraud.\n",
                i + 1
            );
            std::fs::write(
                dir.path().join(format!("d{i:02}.txt")),
                text.repeat(i % 5 + 1),
            )
            .unwrap();
        }
        let gaz = Gazetteers::builtin().unwrap();
        let rows = |budget: u64, threads: usize, chunk: usize| {
            let opts = Options {
                threads,
                chunk,
                ..Options::default()
            };
            let jobs = Jobs::new(
                crate::input::discover(&[dir.path().to_path_buf()]),
                opts.max_doc_bytes,
                opts.input_format,
            );
            let mut got = Vec::new();
            let summary = run_chunks(
                jobs,
                &gaz,
                &opts,
                budget,
                |d, ex| {
                    (
                        d.doc_id,
                        d.text.len(),
                        ex.mentions.len(),
                        ex.sentences.len(),
                    )
                },
                |r| {
                    got.push(r);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(summary.counts.documents, 40);
            got
        };
        let want = rows(u64::MAX, 1, 256);
        assert_eq!(want.len(), 40);
        assert!(want.iter().all(|r| r.3 > 0), "{want:?}");
        for (budget, threads, chunk) in [(1, 2, 8), (1, 1, 256), (200, 2, 256), (500, 2, 3)] {
            assert_eq!(
                rows(budget, threads, chunk),
                want,
                "{budget} {threads} {chunk}"
            );
        }
    }
}
