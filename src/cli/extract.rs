//! `news-extract [OPTIONS] <PATH>...`: the main job.

use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use news_extract::gazetteer::Gazetteers;
use news_extract::input::{self, InputFormat};
use news_extract::output::{CsvOptions, Table, Tables};
use news_extract::pipeline::{self, Options};
use news_extract::state;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Options of the extract command.
#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// Files or folders to read (folders recursively, hidden files included); `-` is standard input.
    ///
    /// Example: `news-extract corpus/ extra/story.html -`
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Write all seven tables into DIR (created if missing), each replaced atomically.
    ///
    /// Example: `-o out/` writes out/documents.csv, out/mentions.csv, ...
    #[arg(short = 'o', long = "out", value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// The table written to standard output when there is no --out.
    ///
    /// One of documents, mentions, people, organizations, charges, sentences, clemency.
    /// Example: `--table charges`
    #[arg(long, value_name = "NAME", default_value = "mentions")]
    pub table: String,

    /// Worker threads (default: one per core).
    ///
    /// Example: `-j 2`
    #[arg(short = 'j', long = "threads", value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// Extra gazetteer lists (*.tsv) merged over the built-in ones.
    ///
    /// A file adds to the list its name starts with (people-local.tsv adds to people);
    /// a row with a built-in row's id replaces it. Example: `--gazetteers my-lists/`
    #[arg(long, value_name = "DIR")]
    pub gazetteers: Option<PathBuf>,

    /// Start each CSV with a UTF-8 byte-order mark, so Excel reads it as UTF-8.
    ///
    /// Example: `-o out/ --bom`
    #[arg(long)]
    pub bom: bool,

    /// Do not prefix cells starting with = + - @ with a quote (formula-injection guard).
    ///
    /// Example: `--no-escape-formulas` when the output never reaches a spreadsheet.
    #[arg(long)]
    pub no_escape_formulas: bool,

    /// Print nothing on standard error but fatal errors.
    ///
    /// Example: `-q` in cron jobs.
    #[arg(short, long)]
    pub quiet: bool,

    /// Largest document accepted, in bytes after decompression (larger: an error row).
    ///
    /// Example: `--max-doc-bytes 10000000`
    #[arg(long, value_name = "BYTES", default_value_t = input::DEFAULT_MAX_DOC_BYTES)]
    pub max_doc_bytes: u64,

    /// How to read inputs: auto (by extension; stdin as text), text, html, jsonl.
    ///
    /// Example: `cat dump.jsonl | news-extract --input-format jsonl -`
    #[arg(long, value_name = "FORMAT", default_value = "auto")]
    pub input_format: String,

    /// Row format on standard output: csv, or jsonl (one JSON object per row and line).
    ///
    /// With jsonl, `--table all` streams every table, each row tagged with a "table" key.
    /// Example: `--input-format jsonl --output-format jsonl --table all -`
    #[arg(long, value_name = "FORMAT", default_value = "csv")]
    pub output_format: String,

    /// Leave out the CSV header row (for engines that concatenate outputs).
    ///
    /// Example: `--no-header` in a Hadoop Streaming mapper.
    #[arg(long)]
    pub no_header: bool,

    /// Process only shard I of N (0-based) of the files, by a stable hash of doc_id.
    ///
    /// N machines running `--shard 0/N` ... `--shard N-1/N` split a folder without overlap.
    /// Example: `--shard 3/8`
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,

    /// Incremental runs: remember in FILE what each input file gave, and on the
    /// next run re-read only files whose size, mtime and content changed.
    ///
    /// The tables in --out are always complete (identical to a full run).
    /// Rules, gazetteer, version or option changes re-process everything.
    /// Example: `news-extract corpus/ -o out/ --state out/state.bin` nightly.
    #[arg(long, value_name = "FILE", requires = "out")]
    pub state: Option<PathBuf>,

    /// Progress bar on standard error: auto (only when it is a terminal), always, never.
    ///
    /// Example: `--progress never`
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    pub progress: String,
}

/// Parse `I/N` into (index, count).
pub fn parse_shard(s: &str) -> anyhow::Result<(u32, u32)> {
    let (i, n) = s
        .split_once('/')
        .ok_or_else(|| anyhow::anyhow!("--shard takes I/N, e.g. 0/4"))?;
    let i: u32 = i
        .trim()
        .parse()
        .map_err(|_| anyhow::anyhow!("--shard index {i:?} is not a number"))?;
    let n: u32 = n
        .trim()
        .parse()
        .map_err(|_| anyhow::anyhow!("--shard count {n:?} is not a number"))?;
    if n == 0 || i >= n {
        bail!(
            "--shard {s}: index must be below count (0/{n} .. {}/{n})",
            n.saturating_sub(1)
        );
    }
    Ok((i, n))
}

/// Run the extract command; returns the exit code.
pub fn run(a: Args) -> anyhow::Result<u8> {
    if a.paths.is_empty() {
        bail!("no input PATH given (try `news-extract corpus/ -o out/`, or --help)");
    }
    let input_format = match a.input_format.as_str() {
        "auto" => InputFormat::Auto,
        "text" => InputFormat::Text,
        "html" => InputFormat::Html,
        "jsonl" => InputFormat::Jsonl,
        other => bail!("unknown --input-format {other:?} (auto, text, html, jsonl)"),
    };
    // The lists live as long as the process: leaked, they are not freed
    // one allocation at a time at exit (a few milliseconds per run).
    let gaz: &'static Gazetteers = Box::leak(Box::new(
        Gazetteers::load(a.gazetteers.as_deref()).context("loading gazetteers")?,
    ));
    let csv = CsvOptions {
        escape_formulas: !a.no_escape_formulas,
        bom: a.bom,
        header: !a.no_header,
    };
    let jsonl = match a.output_format.as_str() {
        "csv" => false,
        "jsonl" => true,
        other => bail!("unknown --output-format {other:?} (csv, jsonl)"),
    };
    if a.state.is_some() && jsonl {
        bail!(
            "--state keeps CSV tables in --out; it cannot be combined with --output-format jsonl"
        );
    }
    let shard = a.shard.as_deref().map(parse_shard).transpose()?;
    let opts = Options {
        threads: a.threads,
        max_doc_bytes: a.max_doc_bytes,
        input_format,
        ..Options::default()
    };
    let mut sources = input::discover(&a.paths);
    if let Some((i, n)) = shard {
        sources.retain(|s| news_extract::output::shard_of(&s.rel, n) == i);
    }
    let progress = progress_bar(&a.progress, a.quiet, sources.len() as u64)?;
    // One run at a time per output folder; leftovers of killed runs go.
    let _lock = match &a.out {
        Some(dir) => {
            let lock = state::lock_dir(dir)
                .with_context(|| format!("locking output folder {}", dir.display()))?;
            let Some(lock) = lock else {
                bail!(
                    "another news-extract run is writing to {} (lock {} is held); try again when it has finished",
                    dir.display(),
                    dir.join(state::LOCK_FILE).display()
                );
            };
            state::remove_stale_temps(dir, true, None);
            if let Some(sp) = &a.state {
                let parent = match sp.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p,
                    _ => std::path::Path::new("."),
                };
                state::remove_stale_temps(parent, false, sp.file_name().and_then(|n| n.to_str()));
            }
            Some(lock)
        }
        None => None,
    };
    let mut tables = match &a.out {
        Some(dir) => Tables::to_dir(dir, csv)?,
        None => {
            // Large writes: standard output's own line buffering passes
            // them through whole.
            let out: Box<dyn Write + Send> = Box::new(std::io::BufWriter::with_capacity(
                1 << 16,
                std::io::stdout(),
            ));
            let tables = if a.table == "all" && jsonl {
                Table::ALL.to_vec()
            } else {
                match Table::from_name(&a.table) {
                    Some(t) => vec![t],
                    None => bail!(
                        "unknown --table {:?} (documents, mentions, people, organizations, charges, sentences, clemency; `all` with --output-format jsonl)",
                        a.table
                    ),
                }
            };
            if jsonl {
                Tables::to_jsonl_stream(tables, out)
            } else {
                Tables::to_stream(tables[0], out, csv)?
            }
        }
    };
    let (summary, unchanged, new_state) = match &a.state {
        Some(state_path) => {
            let key = state::run_key(gaz, &opts, &csv);
            let old = match state::OldState::open(state_path, &key) {
                Ok(o) => Some(o),
                Err(why) => {
                    if !a.quiet && !matches!(why, state::Stale::Missing) {
                        progress.suspend(|| eprintln!("news-extract: {why}"));
                    }
                    None
                }
            };
            let mut new = state::NewState::create(state_path, &key)
                .with_context(|| format!("writing state {}", state_path.display()))?;
            let report = state::run(
                sources,
                gaz,
                &opts,
                &csv,
                old,
                Some(&mut new),
                |t, bytes, n| tables.write_rendered(t, bytes, n),
                |n| progress.set_position(n),
            )?;
            progress.finish_and_clear();
            let summary = pipeline::Summary {
                counts: report.counts,
                elapsed: report.elapsed,
            };
            let u = report.unchanged;
            (summary, u.ok + u.empty, Some((new, state_path)))
        }
        None => {
            // Rows are rendered on the worker threads; this one writes bytes.
            let renderer = tables.renderer();
            let summary = pipeline::run_mapped(
                sources,
                gaz,
                &opts,
                |doc, ex| renderer.render(&doc, &ex),
                |rendered| {
                    progress.inc(1);
                    tables.write_rendered_doc(&rendered)
                },
            )?;
            progress.finish_and_clear();
            (summary, 0, None)
        }
    };
    let counts = tables.counts();
    tables.finish()?;
    // The state goes in after the tables: a run killed in between leaves an
    // older state, which is still a valid cache.
    if let Some((new, path)) = new_state {
        new.commit()
            .with_context(|| format!("writing state {}", path.display()))?;
    }
    if !a.quiet {
        let rows: Vec<String> = counts
            .iter()
            .filter(|(t, _)| *t != Table::Documents)
            .map(|(t, n)| format!("{} {n}", t.name()))
            .collect();
        let secs = summary.elapsed.as_secs_f64();
        // Disjoint: processed + unchanged + skipped + failed = documents.
        let processed = (summary.counts.ok + summary.counts.empty).saturating_sub(unchanged);
        eprintln!(
            "news-extract: {} documents: {} processed, {} unchanged, {} skipped, {} failed ({} empty); rows: {}; {:.2}s, {:.1} MB/s",
            summary.counts.documents,
            processed,
            unchanged,
            summary.counts.skipped,
            summary.counts.failed,
            summary.counts.empty,
            if rows.is_empty() { "-".to_string() } else { rows.join(", ") },
            secs,
            summary.counts.text_bytes as f64 / 1e6 / secs.max(1e-9)
        );
    }
    // Streaming under an engine (JSON Lines on standard input): failed
    // records are rows of the documents table, not a failed task.
    let streaming =
        input_format == InputFormat::Jsonl && a.paths.iter().all(|p| p.as_os_str() == "-");
    Ok(if summary.counts.failed > 0 && !streaming {
        super::EXIT_SOME_FAILED
    } else {
        super::EXIT_OK
    })
}

/// A progress bar on standard error (hidden unless asked for or a terminal).
fn progress_bar(when: &str, quiet: bool, files: u64) -> anyhow::Result<ProgressBar> {
    let show = match when {
        "auto" => !quiet && std::io::stderr().is_terminal(),
        "always" => true,
        "never" => false,
        other => bail!("unknown --progress {other:?} (auto, always, never)"),
    };
    if !show {
        return Ok(ProgressBar::hidden());
    }
    let target = if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        // `always` on a pipe or file: indicatif would stay silent, so draw anyway.
        ProgressDrawTarget::term_like(Box::new(PlainStderr))
    };
    let pb = ProgressBar::with_draw_target(Some(files), target);
    pb.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} ({per_sec}, eta {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    // Draw once now: the steady ticker's first draw can come after a short
    // run has finished, which would leave `--progress always` silent.
    pb.tick();
    pb.enable_steady_tick(std::time::Duration::from_millis(200));
    Ok(pb)
}

/// Standard error as a terminal-like target for `--progress always` when it
/// is not a terminal (ANSI cursor moves, 80 columns).
#[derive(Debug)]
struct PlainStderr;

impl indicatif::TermLike for PlainStderr {
    fn width(&self) -> u16 {
        80
    }
    fn move_cursor_up(&self, n: usize) -> std::io::Result<()> {
        self.write_str(&format!("\x1b[{n}A"))
    }
    fn move_cursor_down(&self, n: usize) -> std::io::Result<()> {
        self.write_str(&format!("\x1b[{n}B"))
    }
    fn move_cursor_right(&self, n: usize) -> std::io::Result<()> {
        self.write_str(&format!("\x1b[{n}C"))
    }
    fn move_cursor_left(&self, n: usize) -> std::io::Result<()> {
        self.write_str(&format!("\x1b[{n}D"))
    }
    fn write_line(&self, s: &str) -> std::io::Result<()> {
        self.write_str(&format!("{s}\n"))
    }
    fn write_str(&self, s: &str) -> std::io::Result<()> {
        std::io::stderr().write_all(s.as_bytes())
    }
    fn clear_line(&self) -> std::io::Result<()> {
        self.write_str("\r\x1b[2K")
    }
    fn flush(&self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}
