//! The sweep's progress bar: runs finished of the runs to do, and how many failed, on stderr
//! and only when stderr is a terminal — so redirected output, CI logs and tests never see it.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};

use indicatif::{ProgressBar, ProgressStyle};

/// One bar for the whole sweep, shared by the threads.
pub(crate) struct SweepProgress {
    bar: ProgressBar,
    failed: AtomicU64,
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
        SweepProgress { bar, failed: AtomicU64::new(0) }
    }

    /// One more run finished; it broke an invariant if `broke`.
    pub(crate) fn finished(&self, broke: bool) {
        let failed = self.failed.fetch_add(u64::from(broke), Ordering::Relaxed) + u64::from(broke);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_counts_the_runs_finished_and_those_that_broke_an_invariant() {
        // Off a terminal the bar is hidden, but it keeps its state.
        let progress = SweepProgress::new(3, "sweep s1");
        for broke in [true, false, true] {
            progress.finished(broke);
        }
        assert_eq!((progress.bar.position(), progress.bar.message()), (3, "2 failed".into()));
        assert!(!progress.bar.is_finished());
        progress.clear();
        assert!(progress.bar.is_finished(), "cleared when the sweep ends");
    }
}
