//! [`cargo_command`]: a `timerlab ...` line as the command that replays it from a checkout.

/// The command that replays `command` (a `timerlab ...` line) from a checkout:
/// `cargo run --release -p timerlab -- ...`.
pub fn cargo_command(command: &str) -> String {
    let args = command.strip_prefix("timerlab ").unwrap_or(command);
    format!("cargo run --release -p timerlab -- {args}")
}
