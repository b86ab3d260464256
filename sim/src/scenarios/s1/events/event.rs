//! The events of the discrete-event engine: what happens at one instant.

use gotime::GoDuration;

use super::server::ConnId;

/// Something that happens at one instant.
#[derive(Clone, Copy, Debug)]
pub(super) enum Ev {
    /// The user connects: its ramp start, or the end of a back-off.
    Connect { user: u32 },
    /// The SYN of connect attempt `attempt` reaches the server.
    Syn { user: u32, attempt: u32 },
    /// The server's answer to `attempt` reaches the user: connected to `conn`.
    Accepted { user: u32, attempt: u32, conn: ConnId },
    /// Attempt `attempt` got no answer in time.
    ConnectTimeout { user: u32, attempt: u32 },
    /// Message `sent` by `user` reaches the server on `conn`; at its arrival the user's next
    /// message is drawn (its send time is past or future: the client only schedules).
    Receive { user: u32, conn: ConnId, sent: GoDuration },
    /// The engine looks at `conn`'s timeout case.
    Deadline { conn: ConnId },
    /// The end of `conn`'s stream (the server died) reaches the user.
    Closed { user: u32, conn: ConnId },
}
