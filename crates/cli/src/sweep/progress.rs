//! The sweep's progress bar: runs finished of the runs to do, and how many failed, on stderr
//! and only when stderr is a terminal — so redirected output, CI logs and tests never see it.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// One bar for the whole sweep, shared by the threads.
pub(crate) struct SweepProgress {
    bar: ProgressBar,
}

impl SweepProgress {
    /// A bar of `runs` runs labelled `label`, or a hidden one off a terminal.
    pub(crate) fn new(runs: u64, label: &str) -> SweepProgress {
        let bar =
            if std::io::stderr().is_terminal() { ProgressBar::new(runs) } else { ProgressBar::hidden() };
        if let Ok(style) = ProgressStyle::with_template("{prefix} [{bar:40}] {pos}/{len} runs, {msg} ({eta})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix(label.to_owned());
        bar.set_message("0 failed");
        SweepProgress { bar }
    }

    /// One more run finished; `failed` runs so far broke an invariant.
    pub(crate) fn finished(&self, failed: u64) {
        self.bar.set_message(format!("{failed} failed"));
        self.bar.inc(1);
    }

    /// Runs `f` (which prints) with the bar hidden, so that the text is not drawn over.
    pub(crate) fn suspend(&self, f: impl FnOnce()) {
        self.bar.suspend(f);
    }

    /// Clears the bar.
    pub(crate) fn clear(&self) {
        self.bar.finish_and_clear();
    }
}
