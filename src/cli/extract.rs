//! `news-extract [OPTIONS] <PATH>...`: the main job.

use anyhow::{bail, Context};
use news_extract::gazetteer::Gazetteers;
use news_extract::input::{self, InputFormat};
use news_extract::output::{CsvOptions, Table, Tables};
use news_extract::pipeline::{self, Options};
use std::io::Write;
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
    let gaz = Gazetteers::load(a.gazetteers.as_deref()).context("loading gazetteers")?;
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
    let mut tables = match &a.out {
        Some(dir) => Tables::to_dir(dir, csv)?,
        None => {
            let out: Box<dyn Write + Send> = Box::new(std::io::BufWriter::new(std::io::stdout()));
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
    let summary = pipeline::run(sources, &gaz, &opts, |doc, ex| tables.write_doc(doc, ex))?;
    let counts = tables.counts();
    tables.finish()?;
    if !a.quiet {
        let rows: Vec<String> = counts
            .iter()
            .filter(|(t, _)| *t != Table::Documents)
            .map(|(t, n)| format!("{} {n}", t.name()))
            .collect();
        let secs = summary.elapsed.as_secs_f64();
        eprintln!(
            "news-extract: {} documents ({} ok, {} empty, {} skipped, {} failed); rows: {}; {:.2}s, {:.1} MB/s",
            summary.documents,
            summary.ok,
            summary.empty,
            summary.skipped,
            summary.failed,
            if rows.is_empty() { "-".to_string() } else { rows.join(", ") },
            secs,
            summary.text_bytes as f64 / 1e6 / secs.max(1e-9)
        );
    }
    // Streaming under an engine (JSON Lines on standard input): failed
    // records are rows of the documents table, not a failed task.
    let streaming =
        input_format == InputFormat::Jsonl && a.paths.iter().all(|p| p.as_os_str() == "-");
    Ok(if summary.failed > 0 && !streaming {
        super::EXIT_SOME_FAILED
    } else {
        super::EXIT_OK
    })
}
