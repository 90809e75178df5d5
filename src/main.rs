//! The `news-extract` binary: thin glue over the library (see `cli/`).

mod cli;

use std::process::ExitCode;

/// jemalloc instead of the system allocator: extraction makes a few hundred
/// short-lived allocations per document on every worker thread, and glibc's
/// malloc serves many of them from its slow path. Measured in the README's
/// performance section; `--no-default-features` builds without it.
#[cfg(feature = "jemalloc")]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    // A panic inside one document's extraction is caught by the pipeline and
    // becomes that document's error row; report it in one line, no backtrace.
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let first = msg.lines().next().unwrap_or("");
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("news-extract: internal error{at}: {first}");
    }));
    match cli::main() {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("news-extract: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// A closed pipe (`news-extract ... | head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
