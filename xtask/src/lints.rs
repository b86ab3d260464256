//! Clippy and rustdoc with warnings as errors: `cargo xtask lint` runs them in turn, `cargo xtask
//! test` beside the tests' build ([`Beside`]).

use std::path::PathBuf;
use std::process::{Command, Output};
use std::thread::JoinHandle;

use crate::cmd::cargo;

/// `cargo clippy` on every target of the workspace, warnings denied.
pub(crate) fn clippy() -> Command {
    let mut clippy = cargo();
    clippy.args(["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"]);
    clippy
}

/// `cargo doc` of the workspace's crates, rustdoc's warnings denied.
pub(crate) fn rustdoc() -> Command {
    let mut doc = cargo();
    doc.args(["doc", "--workspace", "--no-deps", "--locked"]).env("RUSTDOCFLAGS", "-D warnings");
    doc
}

/// Clippy, then rustdoc, on a thread, in `target_dir`, their output held until [`Beside::finish`]
/// so that it does not interleave with the build running meanwhile.
pub(crate) struct Beside {
    thread: JoinHandle<Result<String, String>>,
}

impl Beside {
    /// Starts clippy (then rustdoc, if clippy passes) with `CARGO_TARGET_DIR=target_dir`.
    pub(crate) fn start(target_dir: PathBuf) -> Beside {
        let thread = std::thread::spawn(move || {
            let mut printed = String::new();
            for mut cmd in [clippy(), rustdoc()] {
                cmd.env("CARGO_TARGET_DIR", &target_dir);
                printed.push_str(&format!("$ {cmd:?}\n"));
                let Output { status, stdout, stderr } =
                    cmd.output().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
                printed.push_str(&String::from_utf8_lossy(&stdout));
                printed.push_str(&String::from_utf8_lossy(&stderr));
                if !status.success() {
                    return Err(format!("{printed}\n{cmd:?} failed with {status}"));
                }
            }
            Ok(printed)
        });
        Beside { thread }
    }

    /// Waits for both, prints what they printed.
    ///
    /// # Errors
    ///
    /// The failing command's output and exit status.
    pub(crate) fn finish(self) -> Result<(), String> {
        let printed = self.thread.join().map_err(|_| "the lints' thread panicked".to_owned())??;
        eprint!("{printed}");
        Ok(())
    }
}
