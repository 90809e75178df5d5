//! Incremental runs (`--state FILE`): the second run over a folder reads
//! only what changed.
//!
//! The state file remembers, for every input file of the last run, its size,
//! modification time and a content hash, together with the already-rendered
//! CSV rows of every table for that file. A rerun walks the sources in
//! order: a file whose size and mtime are unchanged has its cached rows
//! replayed without being opened; a file whose metadata changed is hashed and
//! replayed if its content is the same; anything else goes through the
//! pipeline. The tables written are therefore always complete, and
//! byte-identical to a full run over the same inputs.
//!
//! The cache is only valid for the same program version, [`RULES_VERSION`],
//! gazetteers ([`Gazetteers::fingerprint`]) and row-affecting options
//! ([`run_key`]); otherwise everything is processed again.
//!
//! File layout (all integers little-endian): a magic line, the run key, the
//! blobs (one per input file: records of `table u8, rows u32, len u32,
//! bytes`), the index (one entry per file) and a footer (`index offset u64,
//! entries u64, END`). The file is written to a temporary file next to the
//! state file and renamed into place, so a killed run leaves the previous
//! state intact; a damaged state is ignored (a full run repairs it).

use crate::gazetteer::Gazetteers;
use crate::input::{format_of, Format, InputFormat, Job, Jobs, Source};
use crate::model::{Document, Extraction, Status};
use crate::output::{render_rows, CsvOptions, Table};
use crate::pipeline::{process, Counts, Options};
use crate::text::OffsetMap;
use rayon::prelude::*;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Version of the extraction rules: bump it whenever a recognizer changes
/// its output, so that incremental runs re-process everything.
pub const RULES_VERSION: u32 = 1;

const MAGIC: &[u8] = b"news-extract state 1\n";
const END: &[u8; 8] = b"NXSTEND\n";
/// Files modified this close to the moment they were read are hashed on the
/// next run even if their metadata looks unchanged (the mtime clock may be
/// too coarse to see a second write).
const RACY: Duration = Duration::from_secs(2);

/// The identity of a run's rules: cached rows are reused only under the same key.
pub fn run_key(gaz: &Gazetteers, opts: &Options, csv: &CsvOptions) -> String {
    format!(
        "version {} rules {} gazetteers {:016x} max-doc-bytes {} input {:?} escape-formulas {}",
        env!("CARGO_PKG_VERSION"),
        RULES_VERSION,
        gaz.fingerprint,
        opts.max_doc_bytes,
        opts.input_format,
        csv.escape_formulas
    )
}

/// A fast 128-bit content hash (two multiply-rotate lanes over 8-byte
/// words, finished with the length). Stable across builds and platforms.
#[derive(Debug, Clone)]
pub struct ContentHash {
    a: u64,
    b: u64,
    len: u64,
    tail: [u8; 8],
    ntail: usize,
}

impl Default for ContentHash {
    fn default() -> Self {
        ContentHash {
            a: 0x243F_6A88_85A3_08D3,
            b: 0x1319_8A2E_0370_7344,
            len: 0,
            tail: [0; 8],
            ntail: 0,
        }
    }
}

impl ContentHash {
    fn word(&mut self, w: u64) {
        self.a = (self.a ^ w)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29);
        self.b = (self.b ^ w.rotate_left(17))
            .wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
            .rotate_left(31);
    }

    /// Feed bytes.
    pub fn update(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if self.ntail > 0 {
            let take = (8 - self.ntail).min(bytes.len());
            self.tail[self.ntail..self.ntail + take].copy_from_slice(&bytes[..take]);
            self.ntail += take;
            bytes = &bytes[take..];
            if self.ntail < 8 {
                return;
            }
            let w = u64::from_le_bytes(self.tail);
            self.word(w);
            self.ntail = 0;
        }
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.word(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        self.tail[..rest.len()].copy_from_slice(rest);
        self.ntail = rest.len();
    }

    /// The hash of everything fed.
    pub fn finish(mut self) -> u128 {
        if self.ntail > 0 {
            let mut w = [0u8; 8];
            w[..self.ntail].copy_from_slice(&self.tail[..self.ntail]);
            self.word(u64::from_le_bytes(w) ^ 0x80);
        }
        let len = self.len;
        self.word(len);
        let fin = |mut x: u64| {
            x ^= x >> 30;
            x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
            x ^= x >> 27;
            x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
            x ^ (x >> 31)
        };
        (u128::from(fin(self.a ^ self.b.rotate_left(7))) << 64) | u128::from(fin(self.b))
    }

    /// Hash a byte slice.
    pub fn of(bytes: &[u8]) -> u128 {
        let mut h = ContentHash::default();
        h.update(bytes);
        h.finish()
    }
}

/// Hash a file's bytes.
pub fn hash_file(path: &Path) -> std::io::Result<u128> {
    let mut f = File::open(path)?;
    let mut h = ContentHash::default();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        h.update(&buf[..n]);
    }
    Ok(h.finish())
}

/// File metadata compared between runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Meta {
    size: u64,
    secs: i64,
    nanos: u32,
    /// Modified within [`RACY`] of being looked at.
    racy: bool,
}

impl Meta {
    fn of(path: &Path) -> Option<Meta> {
        let m = std::fs::metadata(path).ok()?;
        if !m.is_file() {
            return None;
        }
        let mtime = m.modified().ok()?;
        let (secs, nanos) = match mtime.duration_since(UNIX_EPOCH) {
            Ok(d) => (
                i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                d.subsec_nanos(),
            ),
            Err(e) => (
                -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
                e.duration().subsec_nanos(),
            ),
        };
        let racy = SystemTime::now()
            .duration_since(mtime)
            .map_or(true, |age| age < RACY);
        Some(Meta {
            size: m.len(),
            secs,
            nanos,
            racy,
        })
    }

    fn same_stamp(&self, o: &Meta) -> bool {
        self.size == o.size && self.secs == o.secs && self.nanos == o.nanos
    }
}

/// One input file's cache entry.
#[derive(Debug, Clone)]
struct Entry {
    meta: Meta,
    hash: u128,
    /// Where its rows are in the state file.
    off: u64,
    len: u64,
    /// Hash of the rows blob (detects a damaged state file).
    blob_hash: u128,
    counts: Counts,
}

fn key_of(rel: &str, path: &Path) -> Vec<u8> {
    let mut k = rel.as_bytes().to_vec();
    k.push(0);
    k.extend_from_slice(path.as_os_str().as_encoded_bytes());
    k
}

/// The previous run's state, opened for replaying cached rows.
pub struct OldState {
    blobs: Blobs,
    index: HashMap<Vec<u8>, Entry>,
}

/// Reads rows blobs from the previous state file.
struct Blobs {
    file: BufReader<File>,
    pos: u64,
}

/// Why a previous state cannot be used.
#[derive(Debug)]
pub enum Stale {
    /// No state file yet.
    Missing,
    /// Written under other rules, lists, version or options.
    KeyChanged,
    /// Unreadable or damaged.
    Damaged(String),
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Missing => write!(f, "no previous state, processing everything"),
            Stale::KeyChanged => write!(
                f,
                "rules, gazetteers, version or options changed since the last run, processing everything"
            ),
            Stale::Damaged(e) => write!(f, "previous state unreadable ({e}), processing everything"),
        }
    }
}

fn rd_u8(r: &mut impl Read) -> std::io::Result<u8> {
    let mut b = [0u8; 1];
    r.read_exact(&mut b)?;
    Ok(b[0])
}
fn rd_u32(r: &mut impl Read) -> std::io::Result<u32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}
fn rd_u64(r: &mut impl Read) -> std::io::Result<u64> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}
fn rd_u128(r: &mut impl Read) -> std::io::Result<u128> {
    let mut b = [0u8; 16];
    r.read_exact(&mut b)?;
    Ok(u128::from_le_bytes(b))
}
fn rd_bytes(r: &mut impl Read, max: u64) -> std::io::Result<Vec<u8>> {
    let n = u64::from(rd_u32(r)?);
    if n > max {
        return Err(bad("length out of range"));
    }
    let mut v = Vec::with_capacity(n as usize);
    r.take(n).read_to_end(&mut v)?;
    if v.len() as u64 != n {
        return Err(bad("truncated"));
    }
    Ok(v)
}
fn bad(msg: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, msg.to_string())
}

impl OldState {
    /// Open the state at `path` if it was written under `key`.
    pub fn open(path: &Path, key: &str) -> Result<OldState, Stale> {
        let f = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Stale::Missing),
            Err(e) => return Err(Stale::Damaged(e.to_string())),
        };
        Self::read(f, key).map_err(|e| match e {
            ReadErr::Key => Stale::KeyChanged,
            ReadErr::Io(e) => Stale::Damaged(e.to_string()),
        })
    }

    fn read(f: File, key: &str) -> Result<OldState, ReadErr> {
        let total = f.metadata()?.len();
        let mut r = BufReader::new(f);
        let mut magic = vec![0u8; MAGIC.len()];
        r.read_exact(&mut magic)?;
        if magic != MAGIC {
            return Err(ReadErr::Io(bad("not a news-extract state file")));
        }
        let k = rd_bytes(&mut r, total)?;
        if k != key.as_bytes() {
            return Err(ReadErr::Key);
        }
        if total < 24 {
            return Err(ReadErr::Io(bad("truncated")));
        }
        r.seek(SeekFrom::Start(total - 24))?;
        let index_off = rd_u64(&mut r)?;
        let n = rd_u64(&mut r)?;
        let mut end = [0u8; 8];
        r.read_exact(&mut end)?;
        if &end != END || index_off > total - 24 {
            return Err(ReadErr::Io(bad("truncated")));
        }
        r.seek(SeekFrom::Start(index_off))?;
        let mut index = HashMap::new();
        for _ in 0..n {
            let k = rd_bytes(&mut r, total)?;
            let size = rd_u64(&mut r)?;
            let secs = rd_u64(&mut r)? as i64;
            let nanos = rd_u32(&mut r)?;
            let racy = rd_u8(&mut r)? != 0;
            let hash = rd_u128(&mut r)?;
            let off = rd_u64(&mut r)?;
            let len = rd_u64(&mut r)?;
            let blob_hash = rd_u128(&mut r)?;
            let mut c = [0u64; 6];
            for x in &mut c {
                *x = rd_u64(&mut r)?;
            }
            if off.checked_add(len).is_none_or(|e| e > index_off) {
                return Err(ReadErr::Io(bad("entry out of range")));
            }
            index.insert(
                k,
                Entry {
                    meta: Meta {
                        size,
                        secs,
                        nanos,
                        racy,
                    },
                    hash,
                    off,
                    len,
                    blob_hash,
                    counts: Counts {
                        documents: c[0],
                        ok: c[1],
                        empty: c[2],
                        skipped: c[3],
                        failed: c[4],
                        text_bytes: c[5],
                    },
                },
            );
        }
        let pos = r.stream_position()?;
        Ok(OldState {
            blobs: Blobs { file: r, pos },
            index,
        })
    }

    /// Number of files remembered.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether no file is remembered.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

impl Blobs {
    /// Read an entry's rows blob, checking it is intact.
    fn blob(&mut self, e: &Entry) -> std::io::Result<Vec<u8>> {
        if self.pos != e.off {
            self.file.seek(SeekFrom::Start(e.off))?;
        }
        let mut v = Vec::with_capacity(e.len.min(1 << 30) as usize);
        (&mut self.file).take(e.len).read_to_end(&mut v)?;
        self.pos = e.off + v.len() as u64;
        if v.len() as u64 != e.len || ContentHash::of(&v) != e.blob_hash {
            return Err(bad("cached rows damaged"));
        }
        Ok(v)
    }
}

enum ReadErr {
    Key,
    Io(std::io::Error),
}

impl From<std::io::Error> for ReadErr {
    fn from(e: std::io::Error) -> Self {
        ReadErr::Io(e)
    }
}

/// The state being written by this run; [`NewState::commit`] moves it into place.
pub struct NewState {
    dest: PathBuf,
    w: BufWriter<File>,
    tmp: tempfile::TempPath,
    pos: u64,
    index: Vec<(Vec<u8>, Entry)>,
}

impl NewState {
    /// Start writing a state for `dest` under `key` (a temporary file next to it).
    pub fn create(dest: &Path, key: &str) -> std::io::Result<NewState> {
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&dir)?;
        let name = dest
            .file_name()
            .map_or_else(|| "state".into(), |n| n.to_string_lossy().into_owned());
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(&dir)?;
        let (file, tmp) = tmp.into_parts();
        let mut w = BufWriter::with_capacity(1 << 16, file);
        w.write_all(MAGIC)?;
        let kb = key.as_bytes();
        w.write_all(&(kb.len() as u32).to_le_bytes())?;
        w.write_all(kb)?;
        Ok(NewState {
            dest: dest.to_path_buf(),
            w,
            tmp,
            pos: (MAGIC.len() + 4 + kb.len()) as u64,
            index: Vec::new(),
        })
    }

    fn append(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.w.write_all(bytes)?;
        self.pos += bytes.len() as u64;
        Ok(())
    }

    /// Write the index and footer, sync, and rename over the old state.
    pub fn commit(mut self) -> std::io::Result<()> {
        let index_off = self.pos;
        let n = self.index.len() as u64;
        for (k, e) in std::mem::take(&mut self.index) {
            let w = &mut self.w;
            w.write_all(&(k.len() as u32).to_le_bytes())?;
            w.write_all(&k)?;
            w.write_all(&e.meta.size.to_le_bytes())?;
            w.write_all(&e.meta.secs.to_le_bytes())?;
            w.write_all(&e.meta.nanos.to_le_bytes())?;
            w.write_all(&[u8::from(e.meta.racy)])?;
            w.write_all(&e.hash.to_le_bytes())?;
            w.write_all(&e.off.to_le_bytes())?;
            w.write_all(&e.len.to_le_bytes())?;
            w.write_all(&e.blob_hash.to_le_bytes())?;
            let c = e.counts;
            for x in [
                c.documents,
                c.ok,
                c.empty,
                c.skipped,
                c.failed,
                c.text_bytes,
            ] {
                w.write_all(&x.to_le_bytes())?;
            }
        }
        self.w.write_all(&index_off.to_le_bytes())?;
        self.w.write_all(&n.to_le_bytes())?;
        self.w.write_all(END)?;
        let file = self.w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        crate::output::readable_by_all(&self.tmp);
        self.tmp.persist(&self.dest).map_err(|e| e.error)?;
        Ok(())
    }
}

/// What an incremental run did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// All documents, replayed ones included.
    pub counts: Counts,
    /// Documents whose rows were replayed from the state (part of `counts`).
    pub unchanged: Counts,
    /// Input files replayed from the state without being processed.
    pub unchanged_files: u64,
    /// Input files whose metadata changed but whose content hash did not.
    pub rehashed_same: u64,
    /// Wall time.
    pub elapsed: Duration,
}

/// One document's rendered rows: (table index, rows, CSV bytes).
type Rendered = Vec<(u8, u64, Vec<u8>)>;

/// Render every table's rows of one document.
fn render_doc(doc: &Document, ex: &Extraction, csv: &CsvOptions) -> std::io::Result<Rendered> {
    let map = OffsetMap::new(&doc.text);
    let mut out = Vec::new();
    for (i, t) in Table::ALL.iter().enumerate() {
        let mut buf = Vec::new();
        let n = render_rows(*t, doc, ex, &map, csv, &mut buf)?;
        if n > 0 {
            out.push((i as u8, n, buf));
        }
    }
    Ok(out)
}

/// An error that may not recur (the file could not be opened or read):
/// such files are not cached, so that the next run tries again.
fn transient(d: &Document) -> bool {
    d.status == Status::Error
        && d.error.as_deref().is_some_and(|e| {
            e.starts_with("cannot open")
                || e.starts_with("cannot read")
                || e.starts_with("internal error")
                || e.contains(": cannot read")
        })
}

/// A planned piece of work, in input order.
enum Item {
    /// Metadata unchanged (or content hash unchanged): replay the cached rows.
    Replay {
        unit: usize,
        entry: Entry,
        src: Source,
        /// New metadata, when the file was re-hashed.
        meta: Option<Meta>,
    },
    /// A whole file: hash it, compare with `old`, process it if changed.
    File {
        unit: usize,
        src: Source,
        old: Option<Entry>,
    },
    /// A job whose unit was planned on the main thread (JSON Lines, stdin,
    /// unsupported or unreadable sources).
    Job { unit: usize, job: Job },
}

/// A finished piece of work.
enum Done {
    Replay {
        unit: usize,
        entry: Entry,
        src: Source,
        meta: Option<Meta>,
    },
    Docs {
        unit: usize,
        docs: Vec<(Rendered, Document)>,
        /// Metadata and hash, when the file is cacheable.
        stamp: Option<(Meta, u128)>,
    },
}

/// What the main thread knows of a unit (an input file) planned for caching.
struct Plan {
    key: Vec<u8>,
    stamp: Option<(Meta, u128)>,
}

/// Per-unit bookkeeping on the main thread while its rows are emitted.
struct Unit {
    plan: Option<Plan>,
    cacheable: bool,
    start: u64,
    blob: ContentHash,
    counts: Counts,
}

/// Streams [`Item`]s from the sources, in order.
struct Planner<'a> {
    sources: std::vec::IntoIter<Source>,
    index: Option<&'a HashMap<Vec<u8>, Entry>>,
    opts: &'a Options,
    unit: usize,
    lines: Option<Jobs>,
    plans: HashMap<usize, Plan>,
}

impl Planner<'_> {
    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(jobs) = &mut self.lines {
                if let Some(job) = jobs.next() {
                    return Some(Item::Job {
                        unit: self.unit,
                        job,
                    });
                }
                self.lines = None;
            }
            let src = self.sources.next()?;
            self.unit += 1;
            let unit = self.unit;
            let format = match (&src.path, &src.error) {
                (Some(_), None) => self.format_of(&src.rel),
                _ => None,
            };
            let (Some(path), Some(format)) = (src.path.clone(), format) else {
                // Standard input, unreadable or unsupported sources: cheap, never cached.
                self.lines = Some(Jobs::new(
                    vec![src],
                    self.opts.max_doc_bytes,
                    self.opts.input_format,
                ));
                continue;
            };
            let key = key_of(&src.rel, &path);
            let old = self.index.and_then(|o| o.get(&key)).cloned();
            let meta = Meta::of(&path);
            if let (Some(o), Some(m)) = (&old, &meta) {
                if o.meta.same_stamp(m) && !o.meta.racy {
                    self.plans.insert(unit, Plan { key, stamp: None });
                    return Some(Item::Replay {
                        unit,
                        entry: o.clone(),
                        src,
                        meta: None,
                    });
                }
            }
            if format != Format::JsonLines {
                self.plans.insert(unit, Plan { key, stamp: None });
                return Some(Item::File { unit, src, old });
            }
            // JSON Lines: hash here, then stream its lines as parallel jobs.
            let stamp = meta.and_then(|m| hash_file(&path).ok().map(|h| (m, h)));
            self.plans.insert(unit, Plan { key, stamp });
            if let (Some(o), Some((m, h))) = (&old, &stamp) {
                if o.hash == *h && o.meta.size == m.size {
                    return Some(Item::Replay {
                        unit,
                        entry: o.clone(),
                        src,
                        meta: Some(*m),
                    });
                }
            }
            self.lines = Some(Jobs::new(
                vec![src],
                self.opts.max_doc_bytes,
                self.opts.input_format,
            ));
        }
    }

    fn format_of(&self, rel: &str) -> Option<Format> {
        if self.opts.input_format == InputFormat::Jsonl {
            Some(Format::JsonLines)
        } else {
            format_of(rel).map(|(f, _)| f)
        }
    }
}

/// Load, extract and render every document of `src`.
fn process_file(
    src: Source,
    gaz: &Gazetteers,
    opts: &Options,
    csv: &CsvOptions,
) -> std::io::Result<Vec<(Rendered, Document)>> {
    let mut docs = Vec::new();
    for job in Jobs::new(vec![src], opts.max_doc_bytes, opts.input_format) {
        for (d, ex) in process(job, gaz, opts.max_doc_bytes) {
            docs.push((render_doc(&d, &ex, csv)?, d));
        }
    }
    Ok(docs)
}

/// Do one item on a worker thread.
fn work(item: Item, gaz: &Gazetteers, opts: &Options, csv: &CsvOptions) -> std::io::Result<Done> {
    match item {
        Item::Replay {
            unit,
            entry,
            src,
            meta,
        } => Ok(Done::Replay {
            unit,
            entry,
            src,
            meta,
        }),
        Item::Job { unit, job } => {
            let mut docs = Vec::new();
            for (d, ex) in process(job, gaz, opts.max_doc_bytes) {
                docs.push((render_doc(&d, &ex, csv)?, d));
            }
            Ok(Done::Docs {
                unit,
                docs,
                stamp: None,
            })
        }
        Item::File { unit, src, old } => {
            let stamp = src
                .path
                .as_deref()
                .and_then(|p| Meta::of(p).and_then(|m| hash_file(p).ok().map(|h| (m, h))));
            if let (Some(o), Some((m, h))) = (&old, &stamp) {
                if o.hash == *h && o.meta.size == m.size {
                    return Ok(Done::Replay {
                        unit,
                        entry: o.clone(),
                        src,
                        meta: Some(*m),
                    });
                }
            }
            let docs = process_file(src, gaz, opts, csv)?;
            Ok(Done::Docs { unit, docs, stamp })
        }
    }
}

/// Run over `sources`, replaying what `old` holds and recording into `new`.
///
/// `emit(table, rendered CSV rows, row count)` receives every table's rows
/// in input order, exactly as a full run would write them; `tick(files
/// done)` reports progress.
#[allow(clippy::too_many_arguments)]
pub fn run(
    sources: Vec<Source>,
    gaz: &Gazetteers,
    opts: &Options,
    csv: &CsvOptions,
    old: Option<OldState>,
    mut new: Option<&mut NewState>,
    mut emit: impl FnMut(Table, &[u8], u64) -> std::io::Result<()>,
    mut tick: impl FnMut(u64),
) -> std::io::Result<Report> {
    let t0 = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(std::io::Error::other)?;
    let (index, mut blobs) = match old {
        Some(o) => (Some(o.index), Some(o.blobs)),
        None => (None, None),
    };
    let mut planner = Planner {
        sources: sources.into_iter(),
        index: index.as_ref(),
        opts,
        unit: 0,
        lines: None,
        plans: HashMap::new(),
    };
    let mut report = Report::default();
    let chunk = opts.chunk.max(1);
    let mut cur: Option<(usize, Unit)> = None;
    let mut files_done = 0u64;
    loop {
        let mut batch = Vec::with_capacity(chunk);
        while batch.len() < chunk {
            match planner.next() {
                Some(i) => batch.push(i),
                None => break,
            }
        }
        if batch.is_empty() {
            break;
        }
        let done: Vec<std::io::Result<Done>> = pool.install(|| {
            batch
                .into_par_iter()
                .map(|i| work(i, gaz, opts, csv))
                .collect()
        });
        for d in done {
            let d = d?;
            let unit = match &d {
                Done::Replay { unit, .. } | Done::Docs { unit, .. } => *unit,
            };
            if cur.as_ref().is_none_or(|(u, _)| *u != unit) {
                if let Some((_, u)) = cur.take() {
                    finish_unit(u, new.as_deref_mut(), &mut report);
                    files_done += 1;
                    tick(files_done);
                }
                let u = Unit {
                    plan: planner.plans.remove(&unit),
                    cacheable: true,
                    start: new.as_ref().map_or(0, |n| n.pos),
                    blob: ContentHash::default(),
                    counts: Counts::default(),
                };
                cur = Some((unit, u));
            }
            let Some((_, u)) = cur.as_mut() else {
                continue;
            };
            match d {
                Done::Replay {
                    entry, src, meta, ..
                } => match blobs.as_mut().map(|b| b.blob(&entry)) {
                    Some(Ok(blob)) => {
                        replay(&blob, &mut emit)?;
                        if let Some(n) = new.as_deref_mut() {
                            n.append(&blob)?;
                        }
                        u.blob.update(&blob);
                        u.counts = entry.counts;
                        report.unchanged.add(&entry.counts);
                        report.unchanged_files += 1;
                        if meta.is_some() {
                            report.rehashed_same += 1;
                        }
                        if let Some(p) = &mut u.plan {
                            p.stamp = Some((meta.unwrap_or(entry.meta), entry.hash));
                        }
                    }
                    _ => {
                        // A damaged cache entry: process the file after all.
                        let stamp = src.path.as_deref().and_then(|p| {
                            Meta::of(p).and_then(|m| hash_file(p).ok().map(|h| (m, h)))
                        });
                        let docs = process_file(src, gaz, opts, csv)?;
                        if let Some(p) = &mut u.plan {
                            p.stamp = stamp;
                        }
                        add_docs(u, docs, new.as_deref_mut(), &mut emit)?;
                    }
                },
                Done::Docs { docs, stamp, .. } => {
                    if let (Some(p), Some(s)) = (&mut u.plan, stamp) {
                        p.stamp = Some(s);
                    }
                    add_docs(u, docs, new.as_deref_mut(), &mut emit)?;
                }
            }
        }
    }
    if let Some((_, u)) = cur.take() {
        finish_unit(u, new, &mut report);
        files_done += 1;
        tick(files_done);
    }
    report.elapsed = t0.elapsed();
    Ok(report)
}

/// Emit freshly processed documents and record their rows in the new state.
fn add_docs(
    u: &mut Unit,
    docs: Vec<(Rendered, Document)>,
    mut new: Option<&mut NewState>,
    emit: &mut impl FnMut(Table, &[u8], u64) -> std::io::Result<()>,
) -> std::io::Result<()> {
    for (rendered, doc) in docs {
        u.counts.add_doc(&doc);
        if transient(&doc) {
            u.cacheable = false;
        }
        for (t, n, bytes) in &rendered {
            let Some(table) = Table::ALL.get(usize::from(*t)) else {
                continue;
            };
            emit(*table, bytes, *n)?;
            if let Some(ns) = new.as_deref_mut() {
                let (Ok(n32), Ok(len32)) = (u32::try_from(*n), u32::try_from(bytes.len())) else {
                    // Too large to cache in one record: just do not cache the file.
                    u.cacheable = false;
                    continue;
                };
                let mut rec = Vec::with_capacity(9);
                rec.push(*t);
                rec.extend_from_slice(&n32.to_le_bytes());
                rec.extend_from_slice(&len32.to_le_bytes());
                ns.append(&rec)?;
                ns.append(bytes)?;
                u.blob.update(&rec);
                u.blob.update(bytes);
            }
        }
    }
    Ok(())
}

/// Close a unit: count it and, when cacheable, index its rows.
fn finish_unit(u: Unit, new: Option<&mut NewState>, report: &mut Report) {
    report.counts.add(&u.counts);
    let (Some(n), Some(plan), true) = (new, u.plan, u.cacheable) else {
        return;
    };
    let Some((meta, hash)) = plan.stamp else {
        return;
    };
    n.index.push((
        plan.key,
        Entry {
            meta,
            hash,
            off: u.start,
            len: n.pos - u.start,
            blob_hash: u.blob.finish(),
            counts: u.counts,
        },
    ));
}

/// Emit the records of a cached rows blob.
fn replay(
    mut blob: &[u8],
    emit: &mut impl FnMut(Table, &[u8], u64) -> std::io::Result<()>,
) -> std::io::Result<()> {
    while !blob.is_empty() {
        if blob.len() < 9 {
            return Err(bad("cached rows damaged"));
        }
        let t = usize::from(blob[0]);
        let mut n = [0u8; 4];
        n.copy_from_slice(&blob[1..5]);
        let mut l = [0u8; 4];
        l.copy_from_slice(&blob[5..9]);
        let len = u32::from_le_bytes(l) as usize;
        let (Some(table), Some(bytes)) = (Table::ALL.get(t), blob.get(9..9 + len)) else {
            return Err(bad("cached rows damaged"));
        };
        emit(*table, bytes, u64::from(u32::from_le_bytes(n)))?;
        blob = &blob[9 + len..];
    }
    Ok(())
}

/// An advisory lock on an output folder, held for the whole run (released
/// when dropped or when the process dies).
#[derive(Debug)]
pub struct DirLock {
    _file: File,
    /// The lock file.
    pub path: PathBuf,
}

/// The name of the lock file inside `--out`.
pub const LOCK_FILE: &str = ".news-extract.lock";

/// Take the lock on `dir` (created if missing). `Ok(None)` when another
/// process holds it.
pub fn lock_dir(dir: &Path) -> std::io::Result<Option<DirLock>> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(LOCK_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(DirLock { _file: file, path })),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Remove temporary files left in `dir` by a killed run: `.NAME.*.tmp` for
/// the seven tables when `tables` is set, and for the state file named
/// `state_name` if given. Call it only while holding the [`DirLock`], before
/// this run creates its own temporary files.
pub fn remove_stale_temps(dir: &Path, tables: bool, state_name: Option<&str>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut prefixes: Vec<String> = Vec::new();
    if tables {
        prefixes.extend(Table::ALL.iter().map(|t| format!(".{}.", t.name())));
    }
    if let Some(s) = state_name {
        prefixes.push(format!(".{s}."));
    }
    for e in rd.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        if name.ends_with(".tmp") && prefixes.iter().any(|p| name.starts_with(p.as_str())) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_chunking_independent() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = ContentHash::of(&data);
        for split in [0, 1, 3, 7, 8, 9, 500, 999] {
            let mut h = ContentHash::default();
            h.update(&data[..split]);
            h.update(&data[split..]);
            assert_eq!(h.finish(), whole, "split at {split}");
        }
        assert_ne!(ContentHash::of(b"abc"), ContentHash::of(b"abd"));
        assert_ne!(ContentHash::of(b""), ContentHash::of(b"\0"));
    }

    #[test]
    fn state_round_trip_and_key_check() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("st.bin");
        assert!(matches!(OldState::open(&path, "k1"), Err(Stale::Missing)));
        let mut n = NewState::create(&path, "k1").expect("create");
        let start = n.pos;
        n.append(b"\x01\x02\x00\x00\x00\x03\x00\x00\x00abc")
            .expect("append");
        let meta = Meta {
            size: 10,
            secs: 1_700_000_000,
            nanos: 5,
            racy: false,
        };
        let blob_hash = ContentHash::of(b"\x01\x02\x00\x00\x00\x03\x00\x00\x00abc");
        n.index.push((
            key_of("a.txt", Path::new("/x/a.txt")),
            Entry {
                meta,
                hash: 42,
                off: start,
                len: n.pos - start,
                blob_hash,
                counts: Counts {
                    documents: 1,
                    ok: 1,
                    ..Counts::default()
                },
            },
        ));
        n.commit().expect("commit");
        assert!(matches!(
            OldState::open(&path, "k2"),
            Err(Stale::KeyChanged)
        ));
        let mut o = OldState::open(&path, "k1").expect("open");
        assert_eq!(o.len(), 1);
        let e = o
            .index
            .get(&key_of("a.txt", Path::new("/x/a.txt")))
            .cloned()
            .expect("entry");
        assert_eq!(e.meta, meta);
        assert_eq!(e.hash, 42);
        let blob = o.blobs.blob(&e).expect("blob");
        let mut got = Vec::new();
        replay(&blob, &mut |t, b, n| {
            got.push((t, b.to_vec(), n));
            Ok(())
        })
        .expect("replay");
        assert_eq!(got, vec![(Table::Mentions, b"abc".to_vec(), 2)]);
    }

    #[test]
    fn replay_rejects_damage() {
        let mut out = Vec::new();
        let r = replay(&[0, 1, 0, 0, 0, 200, 0, 0, 0, b'x'], &mut |_, b, _| {
            out.push(b.to_vec());
            Ok(())
        });
        assert!(r.is_err());
    }
}
