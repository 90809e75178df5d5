//! Input: finding article files, reading them (gzip, size limits), decoding
//! bytes to text and turning each format into [`Document`]s.
//!
//! Reading is split in two so that the pipeline can stream: [`Jobs`] walks
//! the sources in order on one thread and yields cheap [`Job`]s (a path, or
//! one JSON Lines record); [`Job::load`] does the expensive part (reading,
//! decompressing, decoding, markup removal) on a worker thread.

pub mod decode;
pub mod html;
pub mod json;

use crate::model::{Document, Status};
use crate::text::dates;
use flate2::read::MultiGzDecoder;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Default `--max-doc-bytes`: 64 MiB of (decompressed) input per document.
pub const DEFAULT_MAX_DOC_BYTES: u64 = 64 << 20;

/// How to read standard input (and, for `jsonl`, every file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// By file extension; standard input is plain text.
    #[default]
    Auto,
    /// Plain text.
    Text,
    /// HTML.
    Html,
    /// JSON Lines, one article per line.
    Jsonl,
}

/// An article file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`, `.text`
    Text,
    /// `.md`
    Markdown,
    /// `.html`, `.htm`
    Html,
    /// `.json` (one record or an array)
    Json,
    /// `.jsonl`, `.ndjson`
    JsonLines,
}

/// The format of a file from its name, and whether it is gzip-compressed.
pub fn format_of(name: &str) -> Option<(Format, bool)> {
    // Compared without regard to ASCII case (no lower-cased copy is made).
    let gz = name
        .len()
        .checked_sub(3)
        .and_then(|k| name.as_bytes().get(k..))
        .is_some_and(|e| e.eq_ignore_ascii_case(b".gz"));
    let stem = if gz {
        name.get(..name.len() - 3).unwrap_or_default()
    } else {
        name
    };
    let ext = stem.rsplit_once('.').map(|(_, e)| e)?;
    let is = |names: &[&str]| names.iter().any(|n| ext.eq_ignore_ascii_case(n));
    let f = if is(&["txt", "text"]) {
        Format::Text
    } else if is(&["md", "markdown"]) {
        Format::Markdown
    } else if is(&["html", "htm", "xhtml"]) {
        Format::Html
    } else if is(&["json"]) {
        Format::Json
    } else if is(&["jsonl", "ndjson"]) {
        Format::JsonLines
    } else {
        return None;
    };
    Some((f, gz))
}

/// One input found on the command line or in a folder.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file, or `None` for standard input.
    pub path: Option<PathBuf>,
    /// Path relative to the root given on the command line (`/` separated).
    pub rel: String,
    /// Why the source cannot be read at all (walk errors, loops).
    pub error: Option<String>,
    /// Known to be a regular file when it was found, so that a read giving
    /// fewer bytes than asked for is its end (a pipe's read is not).
    pub regular: bool,
}

/// Find every input under `paths`: files as given, folders walked
/// recursively (hidden files included, symlinks followed, loops reported),
/// `-` for standard input. Each root's files are sorted by relative path.
pub fn discover(paths: &[PathBuf]) -> Vec<Source> {
    let mut out = Vec::new();
    for root in paths {
        if root.as_os_str() == "-" {
            out.push(Source {
                path: None,
                rel: "-".into(),
                error: None,
                regular: false,
            });
            continue;
        }
        let meta = std::fs::metadata(root);
        match meta {
            Err(e) => out.push(Source {
                path: Some(root.clone()),
                rel: slashes(root),
                error: Some(format!("cannot open: {e}")),
                regular: false,
            }),
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                for entry in walkdir::WalkDir::new(root).follow_links(true) {
                    match entry {
                        Ok(e) if e.file_type().is_dir() => {}
                        // A named pipe, socket or device found in a folder
                        // would block or never end: report it, never open it.
                        Ok(e) if !e.file_type().is_file() => found.push(Source {
                            rel: rel_path(root, e.path()),
                            path: Some(e.path().to_path_buf()),
                            error: Some("not a regular file (named pipe, socket or device)".into()),
                            regular: false,
                        }),
                        Ok(e) => found.push(Source {
                            rel: rel_path(root, e.path()),
                            path: Some(e.path().to_path_buf()),
                            error: None,
                            regular: true,
                        }),
                        Err(e) => {
                            let p = e
                                .path()
                                .map(Path::to_path_buf)
                                .unwrap_or_else(|| root.clone());
                            let reason = if e.loop_ancestor().is_some() {
                                "symbolic link loop".to_string()
                            } else {
                                e.io_error()
                                    .map_or_else(|| e.to_string(), |io| io.to_string())
                            };
                            found.push(Source {
                                rel: rel_path(root, &p),
                                path: Some(p),
                                error: Some(format!("cannot read: {reason}")),
                                regular: false,
                            });
                        }
                    }
                }
                found.sort_by(|a, b| a.rel.cmp(&b.rel));
                found.dedup_by(|a, b| a.rel == b.rel);
                out.extend(found);
            }
            Ok(m) => out.push(Source {
                rel: root
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| slashes(root)),
                path: Some(root.clone()),
                error: None,
                regular: m.is_file(),
            }),
        }
    }
    out
}

fn slashes(p: &Path) -> String {
    let s = p.to_string_lossy();
    if s.contains('\\') {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

fn rel_path(root: &Path, p: &Path) -> String {
    // A walked path is the root, a separator unless the root ends in one,
    // and file names: cutting the root's bytes gives what `strip_prefix`
    // gives, without comparing component by component.
    let root_bytes = root.as_os_str().as_encoded_bytes();
    let rest = p
        .as_os_str()
        .as_encoded_bytes()
        .strip_prefix(root_bytes)
        .and_then(|r| {
            if root_bytes.ends_with(b"/") {
                Some(r)
            } else {
                r.strip_prefix(b"/")
            }
        })
        .filter(|r| !r.is_empty() && !r.starts_with(b"/"));
    let s = match rest {
        Some(r) => match std::str::from_utf8(r) {
            Ok(r) if !r.contains('\\') => r.to_string(),
            _ => slashes(p.strip_prefix(root).unwrap_or(p)),
        },
        None => slashes(p.strip_prefix(root).unwrap_or(p)),
    };
    if s.is_empty() {
        slashes(p)
    } else {
        s
    }
}

/// A unit of work: cheap to make, loaded on a worker thread.
#[derive(Debug)]
pub enum Job {
    /// A whole file to read and decode.
    File {
        /// doc_id.
        rel: String,
        /// Where it is.
        path: PathBuf,
        /// Its format.
        format: Format,
        /// gzip-compressed.
        gz: bool,
        /// A regular file (see [`Source::regular`]): read without asking
        /// its size first.
        regular: bool,
    },
    /// One JSON Lines record.
    Line {
        /// The file's relative path.
        rel: String,
        /// 1-based line number.
        n: usize,
        /// The raw line.
        bytes: Vec<u8>,
    },
    /// Standard input read whole.
    Stdin {
        /// The bytes read.
        bytes: Vec<u8>,
        /// How to read them.
        format: InputFormat,
    },
    /// A document that is already settled (skipped, unreadable).
    Ready(Document),
}

impl Job {
    /// The job's input size in bytes as far as it is known without a
    /// system call (0 for a file, which is not asked for its size), used to
    /// bound the work in flight.
    pub fn estimated_bytes(&self) -> u64 {
        match self {
            Job::File { .. } => 0,
            Job::Line { bytes, .. } | Job::Stdin { bytes, .. } => bytes.len() as u64,
            Job::Ready(d) => d.text.len() as u64,
        }
    }

    /// Read, decompress, decode and parse the job into documents (a `.json`
    /// array file gives several).
    pub fn load(self, max_bytes: u64) -> Vec<Document> {
        match self {
            Job::Ready(d) => vec![d],
            Job::Line { rel, n, bytes } => vec![load_line(&rel, n, &bytes)],
            Job::Stdin { bytes, format } => {
                let f = match format {
                    InputFormat::Html => Format::Html,
                    _ => Format::Text,
                };
                match decode::decode_owned(bytes) {
                    Ok(text) => parse_as("-", f, text),
                    Err(e) => vec![Document::failed("-", Status::Error, e)],
                }
            }
            Job::File {
                rel,
                path,
                format,
                gz,
                regular,
            } => match read_limited(&path, gz, max_bytes, regular) {
                Err(e) => vec![Document::failed(rel, Status::Error, e)],
                Ok(bytes) => match decode::decode_owned(bytes) {
                    Err(e) => vec![Document::failed(rel, Status::Error, e)],
                    Ok(text) => parse_as(&rel, format, text),
                },
            },
        }
    }
}

/// The size of [`SCRATCH`]: a regular file smaller than this takes one
/// `read`.
const SCRATCH_LEN: usize = 256 << 10;

thread_local! {
    /// A worker's read buffer, zeroed once and kept, so that a file takes
    /// one `read` without a freshly zeroed buffer each time.
    static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Read a whole file (decompressing gzip), refusing more than `max` bytes.
/// A `regular` file is read without asking its size: one `read` into a
/// buffer larger than most articles, and fewer bytes back than asked for is
/// the end of a regular file; only a file that fills the buffer is asked
/// its size (to read the rest in one go).
fn read_limited(path: &Path, gz: bool, max: u64, regular: bool) -> Result<Vec<u8>, String> {
    let mut f = File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let mut buf = Vec::new();
    if regular && !gz {
        // At most a byte more than `max`: that many back means too large.
        let ask =
            usize::try_from(max.saturating_add(1)).map_or(SCRATCH_LEN, |m| m.min(SCRATCH_LEN));
        let got = SCRATCH.with_borrow_mut(|scratch| -> Result<usize, String> {
            if scratch.len() < ask {
                // Zeroed by the allocator (fresh pages), not byte by byte.
                *scratch = vec![0; ask];
            }
            let room = scratch.get_mut(..ask).unwrap_or_default();
            let got = loop {
                match f.read(room) {
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    r => break r.map_err(|e| format!("cannot read: {e}"))?,
                }
            };
            buf = room.get(..got).unwrap_or_default().to_vec();
            Ok(got)
        })?;
        if got < ask {
            return Ok(buf);
        }
        if (got as u64) <= max {
            // A large file: room for the rest up front, so that one read
            // fills it and one more sees the end.
            let size = f.metadata().map_or(0, |m| m.len());
            let rest = size.min(max.saturating_add(1)).saturating_sub(got as u64);
            buf.reserve_exact(usize::try_from(rest).unwrap_or(0));
        }
    }
    let already = buf.len() as u64;
    let r: Box<dyn Read> = if gz {
        Box::new(MultiGzDecoder::new(BufReader::new(f)))
    } else {
        Box::new(f)
    };
    r.take(max.saturating_add(1).saturating_sub(already))
        .read_to_end(&mut buf)
        .map_err(|e| {
            if gz {
                format!("cannot decompress: {e}")
            } else {
                format!("cannot read: {e}")
            }
        })?;
    if buf.len() as u64 > max {
        return Err(format!(
            "larger than --max-doc-bytes ({max} bytes){}",
            if gz { " after decompression" } else { "" }
        ));
    }
    Ok(buf)
}

fn finish(doc_id: &str, title: Option<String>, date: Option<String>, text: String) -> Document {
    let title = title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| first_line(&text));
    let status = if text.trim().is_empty() {
        Status::Empty
    } else {
        Status::Ok
    };
    Document {
        doc_id: doc_id.to_string(),
        title,
        date: date.and_then(|d| dates::normalize(&d)),
        text,
        status,
        error: None,
    }
}

fn first_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| l.trim_start_matches('#').trim().to_string())
        .unwrap_or_default()
}

fn parse_as(rel: &str, format: Format, text: String) -> Vec<Document> {
    match format {
        Format::Text | Format::Markdown => {
            let text = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
                text.replace("\r\n", "\n")
            } else {
                text
            };
            vec![finish(rel, None, None, text)]
        }
        Format::Html => {
            let p = html::parse(&text);
            vec![finish(rel, Some(p.title), p.date, p.text)]
        }
        Format::Json => match json::records(&text) {
            Err(e) => vec![Document::failed(rel, Status::Error, e)],
            Ok(recs) => {
                let many = recs.len() != 1;
                recs.into_iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let id = if many {
                            format!("{rel}#{}", i + 1)
                        } else {
                            rel.to_string()
                        };
                        match r {
                            Ok(r) => {
                                finish(r.id.as_deref().unwrap_or(&id), r.title, r.date, r.text)
                            }
                            Err(e) => Document::failed(id, Status::Error, e),
                        }
                    })
                    .collect()
            }
        },
        Format::JsonLines => text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| load_line(rel, i + 1, l.as_bytes()))
            .collect(),
    }
}

fn load_line(rel: &str, n: usize, bytes: &[u8]) -> Document {
    // `path#N`, made only when the record has no id of its own.
    let id = || format!("{rel}#{n}");
    let text = match decode::decode(bytes) {
        Ok(t) => t,
        Err(e) => return Document::failed(id(), Status::Error, e),
    };
    match json::line(&text) {
        Ok(r) => match &r.id {
            Some(own) => finish(own, r.title, r.date, r.text),
            None => finish(&id(), r.title, r.date, r.text),
        },
        Err(e) => Document::failed(id(), Status::Error, format!("line {n}: {e}")),
    }
}

/// Streams [`Job`]s from sources in order: JSON Lines files are read here,
/// line by line, so that a huge dump never sits in memory whole.
pub struct Jobs {
    sources: std::vec::IntoIter<Source>,
    lines: Option<LineReader>,
    max_bytes: u64,
    format: InputFormat,
}

struct LineReader {
    rel: String,
    n: usize,
    reader: Box<dyn BufRead + Send>,
    /// Jobs yielded so far (a file with none still gets a documents row).
    jobs: usize,
}

impl Jobs {
    /// Jobs for `sources`; `max_bytes` bounds each document.
    pub fn new(sources: Vec<Source>, max_bytes: u64, format: InputFormat) -> Jobs {
        Jobs {
            sources: sources.into_iter(),
            lines: None,
            max_bytes,
            format,
        }
    }

    fn next_line(&mut self) -> Option<Job> {
        let lr = self.lines.as_mut()?;
        loop {
            lr.n += 1;
            let n = lr.n;
            match read_line_limited(&mut lr.reader, self.max_bytes) {
                Ok(None) => {
                    let empty = lr.jobs == 0 && lr.rel != "-";
                    let rel = std::mem::take(&mut lr.rel);
                    self.lines = None;
                    // An empty (or all-blank) JSON Lines file is one empty document.
                    return empty.then(|| {
                        Job::Ready(Document::failed(
                            rel,
                            Status::Empty,
                            "no JSON Lines records",
                        ))
                    });
                }
                Ok(Some(LineRead::TooLong)) => {
                    lr.jobs += 1;
                    return Some(Job::Ready(Document::failed(
                        format!("{}#{n}", lr.rel),
                        Status::Error,
                        format!(
                            "line {n}: larger than --max-doc-bytes ({} bytes)",
                            self.max_bytes
                        ),
                    )));
                }
                Ok(Some(LineRead::Line(bytes))) => {
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    lr.jobs += 1;
                    return Some(Job::Line {
                        rel: lr.rel.clone(),
                        n,
                        bytes,
                    });
                }
                Err(e) => {
                    let rel = lr.rel.clone();
                    self.lines = None;
                    return Some(Job::Ready(Document::failed(
                        format!("{rel}#{n}"),
                        Status::Error,
                        format!("line {n}: cannot read: {e}"),
                    )));
                }
            }
        }
    }
}

enum LineRead {
    Line(Vec<u8>),
    TooLong,
}

/// Read one line of at most `max` bytes; a longer line is consumed and reported.
fn read_line_limited(r: &mut dyn BufRead, max: u64) -> std::io::Result<Option<LineRead>> {
    let mut buf = Vec::new();
    let mut too_long = false;
    let mut any = false;
    loop {
        let avail = r.fill_buf()?;
        if avail.is_empty() {
            break;
        }
        any = true;
        let (take, done) = match memchr::memchr(b'\n', avail) {
            Some(p) => (p + 1, true),
            None => (avail.len(), false),
        };
        if !too_long {
            buf.extend_from_slice(&avail[..take]);
            if buf.len() as u64 > max + 1 {
                too_long = true;
                buf = Vec::new();
            }
        }
        r.consume(take);
        if done {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if too_long {
        return Ok(Some(LineRead::TooLong));
    }
    while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        buf.pop();
    }
    Ok(Some(LineRead::Line(buf)))
}

impl Iterator for Jobs {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        loop {
            if self.lines.is_some() {
                if let Some(j) = self.next_line() {
                    return Some(j);
                }
                continue;
            }
            let src = self.sources.next()?;
            if let Some(e) = src.error {
                return Some(Job::Ready(Document::failed(src.rel, Status::Error, e)));
            }
            let Some(path) = src.path else {
                // Standard input.
                if self.format == InputFormat::Jsonl {
                    self.lines = Some(LineReader {
                        rel: "-".into(),
                        n: 0,
                        reader: Box::new(BufReader::new(std::io::stdin())),
                        jobs: 0,
                    });
                    continue;
                }
                let mut bytes = Vec::new();
                let res = std::io::stdin()
                    .take(self.max_bytes + 1)
                    .read_to_end(&mut bytes);
                return Some(Job::Ready(match res {
                    Err(e) => Document::failed("-", Status::Error, format!("cannot read: {e}")),
                    Ok(_) if bytes.len() as u64 > self.max_bytes => Document::failed(
                        "-",
                        Status::Error,
                        format!("larger than --max-doc-bytes ({} bytes)", self.max_bytes),
                    ),
                    Ok(_) => {
                        let job = Job::Stdin {
                            bytes,
                            format: self.format,
                        };
                        return Some(job);
                    }
                }));
            };
            let fmt = if self.format == InputFormat::Jsonl {
                Some((
                    Format::JsonLines,
                    src.rel.to_ascii_lowercase().ends_with(".gz"),
                ))
            } else {
                format_of(&src.rel)
            };
            let Some((format, gz)) = fmt else {
                let ext = src
                    .rel
                    .rsplit_once('.')
                    .map_or("no extension".to_string(), |(_, e)| format!(".{e}"));
                return Some(Job::Ready(Document::failed(
                    src.rel,
                    Status::Skipped,
                    format!("not a supported article file ({ext})"),
                )));
            };
            if format == Format::JsonLines {
                match File::open(&path) {
                    Err(e) => {
                        return Some(Job::Ready(Document::failed(
                            src.rel,
                            Status::Error,
                            format!("cannot open: {e}"),
                        )))
                    }
                    Ok(f) => {
                        let reader: Box<dyn BufRead + Send> = if gz {
                            Box::new(BufReader::new(MultiGzDecoder::new(BufReader::new(f))))
                        } else {
                            Box::new(BufReader::new(f))
                        };
                        self.lines = Some(LineReader {
                            rel: src.rel,
                            n: 0,
                            reader,
                            jobs: 0,
                        });
                        continue;
                    }
                }
            }
            return Some(Job::File {
                rel: src.rel,
                path,
                format,
                gz,
                regular: src.regular,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_as_strip_prefix_gives_them() {
        let want = |root: &str, p: &str| {
            let r = Path::new(p).strip_prefix(root).unwrap_or(Path::new(p));
            let s = r.to_string_lossy().replace('\\', "/");
            if s.is_empty() {
                p.replace('\\', "/")
            } else {
                s
            }
        };
        for (root, p) in [
            ("corpus", "corpus/a.txt"),
            ("corpus/", "corpus/a.txt"),
            ("corpus/", "corpus/sub/b.html"),
            ("./corpus", "./corpus/a.txt"),
            ("corpus/.", "corpus/./a.txt"),
            ("/", "/a.txt"),
            (".", "./a.txt"),
            ("a//b", "a//b/c.txt"),
            ("corpus", "corpus"),
            ("corpus", "other/a.txt"),
            ("corp", "corpus/a.txt"),
            ("c", "c/x\\y.txt"),
            ("c", "c/caf\u{e9}.txt"),
        ] {
            assert_eq!(
                rel_path(Path::new(root), Path::new(p)),
                want(root, p),
                "{root} {p}"
            );
        }
    }

    #[test]
    fn formats_by_extension() {
        for name in [
            "a.txt",
            "A.TXT",
            "b.Md",
            "c.html.GZ",
            "d.jsonl.gz",
            "e.gz",
            ".gz",
            "gz",
            "f.",
            "g.HtM",
            "h.xhtml",
            "i.json",
            "j.NDJSON",
            "k.markdown",
            "l.text",
            "m.png",
            "n",
            "o.tar.gz",
            "caf\u{e9}.txt",
            "\u{e9}.gz",
            "x.\u{e9}",
        ] {
            let lower = name.to_ascii_lowercase();
            let (stem, gz) = match lower.strip_suffix(".gz") {
                Some(s) => (s.to_string(), true),
                None => (lower.clone(), false),
            };
            let want = stem.rsplit_once('.').and_then(|(_, e)| {
                let f = match e {
                    "txt" | "text" => Format::Text,
                    "md" | "markdown" => Format::Markdown,
                    "html" | "htm" | "xhtml" => Format::Html,
                    "json" => Format::Json,
                    "jsonl" | "ndjson" => Format::JsonLines,
                    _ => return None,
                };
                Some((f, gz))
            });
            assert_eq!(format_of(name), want, "{name}");
        }
        assert_eq!(format_of("a/b.TXT"), Some((Format::Text, false)));
        assert_eq!(format_of("x.jsonl.gz"), Some((Format::JsonLines, true)));
        assert_eq!(format_of("x.htm"), Some((Format::Html, false)));
        assert_eq!(format_of("x.png"), None);
        assert_eq!(format_of("README"), None);
    }

    #[test]
    fn long_lines_reported_and_skipped() {
        let data = b"short\nthis line is far too long\nok\n";
        let mut r: &[u8] = data;
        assert!(
            matches!(read_line_limited(&mut r, 10).unwrap(), Some(LineRead::Line(b)) if b == b"short")
        );
        assert!(matches!(
            read_line_limited(&mut r, 10).unwrap(),
            Some(LineRead::TooLong)
        ));
        assert!(
            matches!(read_line_limited(&mut r, 10).unwrap(), Some(LineRead::Line(b)) if b == b"ok")
        );
        assert!(read_line_limited(&mut r, 10).unwrap().is_none());
    }

    #[test]
    fn reads_whole_files_of_any_size_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        for len in [
            0,
            1,
            5000,
            SCRATCH_LEN - 1,
            SCRATCH_LEN,
            SCRATCH_LEN + 1,
            3 * SCRATCH_LEN + 7,
        ] {
            let body: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            std::fs::write(&path, &body).unwrap();
            let n = len as u64;
            for max in [n.saturating_sub(1), n, n + 1, 1 << 30, u64::MAX] {
                for regular in [true, false] {
                    let got = read_limited(&path, false, max, regular);
                    if n <= max {
                        assert_eq!(got.as_deref(), Ok(&body[..]), "{len} {max} {regular}");
                    } else {
                        assert!(
                            got.is_err_and(|e| e.starts_with("larger than --max-doc-bytes")),
                            "{len} {max} {regular}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn title_from_first_line() {
        let d = &parse_as("a.md", Format::Markdown, "\n# Big News\n\nBody.".into())[0];
        assert_eq!(d.title, "Big News");
        assert_eq!(d.status, Status::Ok);
        let d = &parse_as("e.txt", Format::Text, "  \n ".into())[0];
        assert_eq!(d.status, Status::Empty);
    }
}
