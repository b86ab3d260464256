//! Network faults on a turmoil simulation: a hold, a partition or a latency spike on every link
//! between the client hosts and the server, begun and ended between two steps.
//!
//! What each does to TCP in turmoil 0.7 (its TCP numbers segments and reorders them, but never
//! retransmits one):
//!
//! - **hold** (`Sim::hold`, then `Sim::release`): segments wait on the link and are delivered
//!   together at the release, in order. This is what a real TCP connection shows across a
//!   partition shorter than its retransmission timeout: nothing arrives, then the backlog.
//! - **partition** (`Sim::partition`, then `Sim::repair`): segments sent across it, and those in
//!   flight when it begins, are dropped. A SYN is lost (the connect times out and the client
//!   backs off); an established stream that loses a segment never delivers again, because the
//!   receiver waits for the missing one for good: a half-open connection neither side detects
//!   (the server's loop times out and pings, the client's writes succeed), as after a real
//!   partition that outlasted TCP's retransmissions but whose reset never arrived.
//! - **latency** (`Sim::set_link_latency`): every segment takes the spike's latency; at the
//!   end the links get their usual range back (the builder's, with turmoil's distribution).
//! - **loss** (`Sim::set_link_fail_rate`, then a rate of 0): turmoil rolls the dice at each
//!   segment sent on a link: with the given probability the link fails, dropping that segment
//!   and those in flight on it, and the next segment repairs it (turmoil's repair rate of 1).
//!   This is the loss TCP lets through: a real stack retransmits a
//!   lost segment, turmoil's does not, so a stream that loses one stalls for good — a half-open
//!   connection, as after a partition; a lost SYN is a connect that times out.

use std::time::Duration;

use super::fault::FaultKind;

/// The links the network faults act on: each client host's link to the server.
pub(crate) struct Links<'a> {
    /// The server host.
    pub server: &'static str,
    /// The client hosts.
    pub clients: &'a [String],
    /// The links' usual latency range, given back when a spike ends.
    pub latency: (Duration, Duration),
}

impl Links<'_> {
    /// The network fault `kind` begins (a crash is not a network fault: nothing happens).
    pub(crate) fn begin(&self, sim: &mut turmoil::Sim<'_>, kind: FaultKind) {
        for client in self.clients {
            match kind {
                FaultKind::Hold { .. } => sim.hold(client.as_str(), self.server),
                FaultKind::Partition { .. } => sim.partition(client.as_str(), self.server),
                FaultKind::Latency { latency, .. } => {
                    sim.set_link_latency(client.as_str(), self.server, latency.to_std().unwrap_or_default())
                }
                FaultKind::Loss { rate, .. } => {
                    sim.set_link_fail_rate(client.as_str(), self.server, rate.probability())
                }
                FaultKind::Crash => {}
            }
        }
    }

    /// The network fault `kind` is over.
    pub(crate) fn end(&self, sim: &mut turmoil::Sim<'_>, kind: FaultKind) {
        let (min, max) = self.latency;
        for client in self.clients {
            match kind {
                FaultKind::Hold { .. } => sim.release(client.as_str(), self.server),
                FaultKind::Partition { .. } => sim.repair(client.as_str(), self.server),
                FaultKind::Latency { .. } => {
                    // turmoil sets a link's minimum only with its maximum: both, then the maximum.
                    sim.set_link_latency(client.as_str(), self.server, min);
                    sim.set_link_max_message_latency(client.as_str(), self.server, max);
                }
                FaultKind::Loss { .. } => sim.set_link_fail_rate(client.as_str(), self.server, 0.0),
                FaultKind::Crash => {}
            }
        }
    }
}
