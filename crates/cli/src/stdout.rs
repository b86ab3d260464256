//! Text on standard output. A reader that went away (`timerlab run | head`) stops the text, not
//! the command: its exit status, files and JSON still count. `print!` would panic on the broken
//! pipe instead (Rust ignores SIGPIPE, so the write returns the error).

use std::io::{ErrorKind, Write};

/// Writes `text` to stdout and flushes it. A broken pipe is the reader's choice and is not
/// reported; any other failure is reported on stderr in one line, and the command goes on.
pub(crate) fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => eprintln!("timerlab: cannot write to stdout: {e}"),
        _ => {}
    }
}

/// [`print()`] with a newline.
pub(crate) fn println(text: &str) {
    print(&format!("{text}\n"));
}
