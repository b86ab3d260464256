//! The progress bar: virtual time of the current run against its end, on stderr, and only when
//! stderr is a terminal — so redirected output, CI logs and tests never contain it.

use std::io::IsTerminal;

use gotime::GoDuration;
use indicatif::{ProgressBar, ProgressStyle};
use timerlab_sim::{ConfigError, RunConfig, RunReport};

/// Draws one bar per run, or nothing.
pub(crate) struct Progress {
    enabled: bool,
}

impl Progress {
    /// Bars when stderr is a terminal.
    pub(crate) fn new() -> Progress {
        Progress { enabled: std::io::stderr().is_terminal() }
    }

    /// Runs `config` with a bar labelled `label`, cleared when the run ends.
    ///
    /// # Errors
    ///
    /// The run's [`ConfigError`].
    pub(crate) fn run(&self, config: &RunConfig, label: &str) -> Result<RunReport, ConfigError> {
        let bar = if self.enabled { ProgressBar::new(1) } else { ProgressBar::hidden() };
        if let Ok(style) = ProgressStyle::with_template("{prefix:<30} [{bar:40}] {msg} virtual") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix(label.to_owned());
        let result = timerlab_sim::run(config, &mut |now, end| {
            let (length, position, message) = state(now, end);
            bar.set_length(length);
            bar.set_position(position);
            bar.set_message(message);
        });
        bar.finish_and_clear();
        result
    }
}

/// The bar at virtual time `now` of a run that ends at `end`: its length and position in
/// virtual milliseconds, and its message.
fn state(now: GoDuration, end: GoDuration) -> (u64, u64, String) {
    let length = end.as_nanos().max(1) as u64 / 1_000_000;
    let position = now.as_nanos().max(0) as u64 / 1_000_000;
    (length, position, format!("{} / {end}", tenths(now)))
}

/// `d` rounded down to a tenth of a second, so the message does not flicker with nanoseconds.
fn tenths(d: GoDuration) -> GoDuration {
    GoDuration::from_millis(d.as_nanos() / 100_000_000 * 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_counts_virtual_milliseconds_and_reads_in_tenths_of_a_second() {
        let now = GoDuration::from_nanos(83_456_789_012);
        let end = GoDuration::from_secs(120);
        assert_eq!(state(now, end), (120_000, 83_456, "1m23.4s / 2m0s".to_owned()));
        assert_eq!(state(GoDuration::ZERO, GoDuration::ZERO), (0, 0, "0s / 0s".to_owned()));
    }
}
