//! `news-extract eval --gold DIR (--pred DIR | PATH...)`: score tables
//! against gold files with the reference scorer's rules (see
//! `news_extract::eval`).

use anyhow::{bail, Context};
use news_extract::eval::{self, MinF1, Predictions};
use news_extract::gazetteer::Gazetteers;
use news_extract::input;
use news_extract::output::{CsvOptions, Tables};
use news_extract::pipeline::{self, Options};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Options of the eval command.
#[derive(clap::Args, Debug, Clone)]
#[command(
    about = "Score extraction output against gold files (precision, recall, F1 per table).",
    after_help = "Examples:\n  news-extract eval --gold tests/gold corpus/                 extract corpus/ in a temporary folder and score it\n  news-extract eval --gold tests/gold --pred out/             score tables written by `news-extract corpus/ -o out/`\n  news-extract eval --gold tests/gold corpus/ -v              also list, per document, what was extra (with the rule) and missed\n  news-extract eval --gold tests/gold corpus/ --floors .ci/floor.txt   fail (exit 1) below the committed floors\n\nExit codes: 0 scored (and every floor reached), 1 a floor not reached, 2 usage or unusable input."
)]
pub struct Args {
    /// Folder of gold files, one `<doc>.json` per document (not recursive).
    ///
    /// Example: `--gold tests/gold`
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,

    /// Folder of tables written by `news-extract ... -o DIR` to score.
    ///
    /// Example: `--pred out/`
    #[arg(long, value_name = "DIR", conflicts_with = "paths")]
    pub pred: Option<PathBuf>,

    /// Articles to extract and score in one go (instead of --pred).
    ///
    /// Example: `news-extract eval --gold tests/gold corpus/`
    #[arg(value_name = "PATH", required_unless_present = "pred")]
    pub paths: Vec<PathBuf>,

    /// List per document what was extra (with the mentions.csv rule that produced it) and what was missed.
    ///
    /// Example: `-v`
    #[arg(short, long)]
    pub verbose: bool,

    /// Print the figures as JSON (the same structure as `score.py --json`).
    ///
    /// Example: `--json > figures.json`
    #[arg(long)]
    pub json: bool,

    /// Fail (exit 1) when a table's F1 is below F1; TABLE is people, organizations, charges, sentences, clemency or micro. Repeatable.
    ///
    /// Example: `--min people=0.8 --min micro=0.75`
    #[arg(long = "min", value_name = "TABLE=F1")]
    pub min: Vec<MinF1>,

    /// Read floors from FILE, one TABLE=F1 per line (`#` starts a comment line); adds to --min.
    ///
    /// Example: `--floors .ci/floor.txt`
    #[arg(long, value_name = "FILE")]
    pub floors: Option<PathBuf>,

    /// Print a floors file for the figures (each F1 truncated to 2 decimals, minus 0.02) instead of the table.
    ///
    /// Example: `news-extract eval --gold tests/gold corpus/ --suggest-floors > .ci/floor.txt`
    #[arg(long, conflicts_with = "json")]
    pub suggest_floors: bool,

    /// Keep the tables extracted from PATH in DIR (default: a temporary folder, removed after).
    ///
    /// Example: `--save-pred out/` then `news-extract eval --gold tests/gold --pred out/ -v`
    #[arg(long, value_name = "DIR", requires = "paths")]
    pub save_pred: Option<PathBuf>,

    /// Worker threads when extracting PATH (default: one per core).
    ///
    /// Example: `-j 2`
    #[arg(short = 'j', long = "threads", value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// Extra gazetteer lists (*.tsv) merged over the built-in ones, when extracting PATH.
    ///
    /// Example: `--gazetteers my-lists/`
    #[arg(long, value_name = "DIR")]
    pub gazetteers: Option<PathBuf>,
}

/// Extract `paths` into the tables of `dir` with the library pipeline.
fn extract_to(dir: &Path, a: &Args) -> anyhow::Result<()> {
    let gaz = Gazetteers::load(a.gazetteers.as_deref()).context("loading gazetteers")?;
    let opts = Options {
        threads: a.threads,
        ..Options::default()
    };
    let mut tables = Tables::to_dir(dir, CsvOptions::default())?;
    let summary = pipeline::run(input::discover(&a.paths), &gaz, &opts, |doc, ex| {
        tables.write_doc(doc, ex)
    })?;
    tables.finish()?;
    if summary.counts.failed > 0 {
        eprintln!(
            "news-extract eval: {} of {} documents could not be read (see documents.csv); they score as empty",
            summary.counts.failed, summary.counts.documents
        );
    }
    Ok(())
}

/// Run the eval command; returns the exit code.
pub fn run(a: Args) -> anyhow::Result<u8> {
    let mut floors = a.min.clone();
    if let Some(f) = &a.floors {
        let text =
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        floors.extend(
            eval::parse_floors(&text).map_err(|e| anyhow::anyhow!("{}: {e}", f.display()))?,
        );
    }
    // The gold first: a wrong --gold fails before a long extraction.
    let gold = eval::Gold::load_dir(&a.gold)?;
    if gold.docs.is_empty() {
        bail!("no gold files in {}", a.gold.display());
    }
    let mut _temp = None;
    let pred_dir = match (&a.pred, &a.save_pred) {
        (Some(p), _) => p.clone(),
        (None, Some(dir)) => {
            extract_to(dir, &a)?;
            dir.clone()
        }
        (None, None) => {
            if a.paths.is_empty() {
                bail!("give --pred DIR or the articles to extract (PATH...)");
            }
            let t = tempfile::tempdir().context("creating a temporary folder")?;
            extract_to(t.path(), &a)?;
            let p = t.path().to_path_buf();
            _temp = Some(t);
            p
        }
    };
    let pred = Predictions::read_dir(&pred_dir, a.verbose)?;
    let report = eval::score(&gold, &pred);
    let mut out = std::io::stdout().lock();
    if a.verbose {
        write!(out, "{}", report.verbose())?;
    }
    if a.suggest_floors {
        write!(out, "{}", report.suggested_floors())?;
    } else if a.json {
        writeln!(out, "{}", report.to_json())?;
    } else {
        writeln!(out, "{}", report.to_table())?;
    }
    let below = report.below(&floors);
    let code = if below.is_empty() {
        super::EXIT_OK
    } else {
        writeln!(out, "below threshold: {}", below.join("; "))?;
        super::EXIT_SOME_FAILED
    };
    out.flush()?;
    Ok(code)
}
