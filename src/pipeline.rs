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
use std::time::{Duration, Instant};

/// About this much input (bytes) is in flight per chunk at most (plus one
/// document larger than it).
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
    let mut pending: Vec<Vec<(Counts, T)>> = Vec::new();
    // A chunk: up to `chunk` jobs and about CHUNK_BYTES of input, so that
    // memory stays bounded whatever the document sizes.
    let mut next_batch = || {
        let mut batch = Vec::new();
        let mut bytes = 0u64;
        while batch.len() < chunk && bytes < CHUNK_BYTES {
            let Some(j) = jobs.next() else { break };
            bytes += j.estimated_bytes();
            batch.push(j);
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
                pool.install(|| {
                    batch
                        .into_par_iter()
                        .map(|j| {
                            process(j, gaz, opts.max_doc_bytes)
                                .into_iter()
                                .map(|(doc, ex)| {
                                    let mut c = Counts::default();
                                    c.add_doc(&doc);
                                    (c, map(doc, ex))
                                })
                                .collect::<Vec<_>>()
                        })
                        .collect::<Vec<_>>()
                })
            });
            let mut write = || -> std::io::Result<()> {
                for (c, t) in pending.drain(..).flatten() {
                    summary.counts.add(&c);
                    sink(t)?;
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
        pending = done.map_err(|_| std::io::Error::other("a worker thread failed"))?;
        batch = next;
    }
    summary.elapsed = t0.elapsed();
    Ok(summary)
}
