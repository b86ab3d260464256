//! One server connection's receive side: the `select` of the incident's loop, between the next
//! client message and the iteration's timeout, with Go's uniform choice when both are ready.

use std::future::Future;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use turmoil::net::TcpStream;

use crate::scenarios::process::{Counted, Counter, SharedGauge};
use crate::seed::{first_case_first, SimRng};

/// The per-connection read buffer (Go's `bufio.Reader` default size).
const READ_BUFFER: usize = 4 * 1024;

/// What one iteration's `select` chose on the turmoil engine; the connection's task tells the
/// variant's loop which case ended it (`variants::Case`), or ends the loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Selected {
    /// `case msg := <-c.readChan`: a message, already handled.
    Message,
    /// The timeout case: the connection was idle for the whole timeout.
    Idle,
    /// The client went away (EOF or reset).
    Closed,
}

/// A server connection: the stream, the bytes read but not handled yet, and the select's
/// random source.
pub(super) struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
    size: usize,
    /// Complete messages read and not yet handled: each is one more loop iteration.
    pending: u64,
    /// Bytes of the next, incomplete message.
    partial: usize,
    rng: SimRng,
    gauge: SharedGauge,
    life: u32,
    /// This connection's share of the gauge's buffered bytes.
    reported_buffered: u64,
    _counted: Counted,
}

impl Conn {
    /// Counts the connection (and its task) in the gauge until dropped.
    pub(super) fn new(stream: TcpStream, message_size: usize, rng: SimRng, gauge: &SharedGauge) -> Conn {
        let counted = Counted::new(gauge, Counter::Connection);
        let life = gauge.borrow().life;
        Conn {
            stream,
            buf: vec![0; READ_BUFFER],
            size: message_size,
            pending: 0,
            partial: 0,
            rng,
            gauge: gauge.clone(),
            life,
            reported_buffered: 0,
            _counted: counted,
        }
    }

    /// One iteration's `select { case msg := <-c.readChan: c.handle(msg); case <-timeout: }`.
    /// A message already read is handled at once (its `select` finds the channel ready and a
    /// fresh timeout not).
    pub(super) async fn next<F: Future>(&mut self, timeout: F) -> Selected {
        if self.pending > 0 {
            self.pending -= 1;
            self.handled();
            return Selected::Message;
        }
        tokio::pin!(timeout);
        loop {
            let read = if first_case_first(&mut self.rng) {
                tokio::select! {
                    biased;
                    r = self.stream.read(&mut self.buf) => Some(r),
                    _ = &mut timeout => None,
                }
            } else {
                tokio::select! {
                    biased;
                    _ = &mut timeout => None,
                    r = self.stream.read(&mut self.buf) => Some(r),
                }
            };
            match read {
                None => return Selected::Idle,
                Some(Ok(0)) | Some(Err(_)) => return Selected::Closed,
                Some(Ok(n)) => {
                    let total = self.partial + n;
                    self.partial = total % self.size;
                    let messages = (total / self.size) as u64;
                    if messages == 0 {
                        self.report_buffered();
                        continue;
                    }
                    self.pending = messages - 1;
                    self.handled();
                    return Selected::Message;
                }
            }
        }
    }

    /// `c.ping()`: tells the idle client the server is alive. `false` when the client is gone.
    pub(super) async fn ping(&mut self) -> bool {
        self.gauge.borrow_mut().timeouts += 1;
        self.stream.write_all(b"p").await.is_ok()
    }

    fn handled(&mut self) {
        self.gauge.borrow_mut().messages += 1;
        self.report_buffered();
    }

    fn buffered(&self) -> u64 {
        self.pending * self.size as u64 + self.partial as u64
    }

    /// Publishes this connection's unhandled bytes: the gauge holds the sum over connections.
    fn report_buffered(&mut self) {
        let now = self.buffered();
        let mut g = self.gauge.borrow_mut();
        if g.life == self.life && g.up {
            g.buffered = g.buffered.saturating_sub(self.reported_buffered).saturating_add(now);
        }
        drop(g);
        self.reported_buffered = now;
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        let mut g = self.gauge.borrow_mut();
        if g.life == self.life && g.up {
            g.buffered = g.buffered.saturating_sub(self.reported_buffered);
        }
    }
}
