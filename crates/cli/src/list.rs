//! `timerlab list`.

use timerlab_report::render_list;
use timerlab_sim::scenarios;

use crate::error::CliError;

/// Prints every scenario with its variants and parameters.
pub(crate) fn list() -> Result<u8, CliError> {
    crate::stdout::print(&render_list(scenarios()));
    Ok(0)
}
