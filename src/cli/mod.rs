//! Command-line interface: one file per subcommand, help text next to the code.

mod eval;
mod extract;

use clap::{Parser, Subcommand};

/// Exit code when every document was processed.
pub const EXIT_OK: u8 = 0;
/// Exit code when some documents failed.
pub const EXIT_SOME_FAILED: u8 = 1;

#[derive(Parser, Debug)]
#[command(
    name = "news-extract",
    version,
    about = "Turn folders of news articles into CSV tables of people, organizations, criminal charges, prison sentences and clemency actions.",
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  news-extract corpus/ -o out/            all seven tables into out/\n  news-extract story.html                 mentions.csv on standard output\n  news-extract corpus/ --table charges    one table on standard output\n  cat story.txt | news-extract -          standard input\n\nExit codes: 0 every document processed, 1 some documents failed (see documents.csv), 2 usage or fatal error."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    extract: extract::Args,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract tables from articles (the default command).
    Extract(extract::Args),
    /// Score tables against gold files: precision, recall and F1 per table.
    Eval(eval::Args),
}

/// Parse the command line and run.
pub fn main() -> anyhow::Result<u8> {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return Ok(code);
        }
    };
    match cli.command {
        Some(Command::Extract(a)) => extract::run(a),
        Some(Command::Eval(a)) => eval::run(a),
        None => extract::run(cli.extract),
    }
}
