//! Writes the benchmark's Go files to a directory, for timing the release binary on them
//! (`--timers`: every file uses timers, the slowest case):
//!
//! ```text
//! cargo run --release -p timerlab-lint --example gen_corpus -- /tmp/lint-corpus 10000
//! time target/release/timerlab-lint -j 2 /tmp/lint-corpus > /dev/null
//! ```

mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let timers = args.iter().any(|a| a == "--timers");
    args.retain(|a| a != "--timers");
    let mut args = args.into_iter();
    let (Some(dir), Some(count)) = (args.next(), args.next()) else {
        eprintln!("usage: gen_corpus DIR COUNT [--timers]");
        return ExitCode::from(2);
    };
    let Ok(count) = count.parse::<usize>() else {
        eprintln!("gen_corpus: COUNT must be a number, not {count:?}");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    let mut bytes = 0;
    for i in 0..count {
        // 100 files per directory, like a real tree.
        let sub = dir.join(format!("pkg{:04}", i / 100));
        let text = if timers { corpus::go_file_with_timers(i) } else { corpus::go_file(i) };
        bytes += text.len();
        if let Err(e) =
            std::fs::create_dir_all(&sub).and_then(|()| std::fs::write(sub.join(format!("f{i}.go")), text))
        {
            eprintln!("gen_corpus: {}: {e}", sub.display());
            return ExitCode::FAILURE;
        }
    }
    println!("{count} files, {bytes} bytes in {}", dir.display());
    ExitCode::SUCCESS
}
