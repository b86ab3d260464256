//! A child process with a time limit: its own process group (so whatever it spawns dies with
//! it), stdout and stderr gathered into one buffer, killed when the limit passes. Wall time is
//! only the watchdog here: it decides when to give up, never what a test observes.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How a limited child ended.
#[derive(Debug)]
pub(crate) enum Ended {
    /// It exited (or was killed by a signal) on its own.
    Exited(ExitStatus),
    /// The limit passed and its process group was killed.
    KilledAtLimit,
}

/// What a limited child did.
#[derive(Debug)]
pub(crate) struct Finished {
    pub(crate) ended: Ended,
    /// stdout and stderr, in the order the chunks arrived.
    pub(crate) output: String,
    pub(crate) elapsed: Duration,
}

/// A child in its own process group, its output being gathered.
pub(crate) struct Limited {
    child: Child,
    output: Arc<Mutex<Vec<u8>>>,
    readers_done: mpsc::Receiver<()>,
    started: Instant,
}

impl Limited {
    /// Spawns `cmd` in a new process group with both output streams piped into one buffer.
    pub(crate) fn spawn(mut cmd: Command) -> Result<Limited, String> {
        cmd.process_group(0).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let started = Instant::now(); // allow-nondeterminism: the watchdog's clock
        let mut child = cmd.spawn().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
        let output = Arc::new(Mutex::new(Vec::new()));
        let (done, readers_done) = mpsc::channel();
        let streams: [Box<dyn Read + Send>; 2] = [
            Box::new(child.stdout.take().expect("stdout is piped")),
            Box::new(child.stderr.take().expect("stderr is piped")),
        ];
        for mut stream in streams {
            let (output, done) = (Arc::clone(&output), done.clone());
            std::thread::spawn(move || {
                let mut chunk = [0u8; 8192];
                while let Ok(n @ 1..) = stream.read(&mut chunk) {
                    output.lock().expect("output buffer").extend_from_slice(&chunk[..n]);
                }
                let _ = done.send(());
            });
        }
        Ok(Limited { child, output, readers_done, started })
    }

    /// The output so far.
    pub(crate) fn output_so_far(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().expect("output buffer")).into_owned()
    }

    /// Waits for the child to exit; at `limit` after the spawn, kills its process group.
    pub(crate) fn wait(self, limit: Duration) -> Result<Finished, String> {
        let deadline = self.started + limit;
        self.wait_until(|_| Instant::now() >= deadline) // allow-nondeterminism: the watchdog's clock
    }

    /// Waits for the child to exit, asking `give_up` every 20 ms (with the output so far) whether
    /// to kill its process group instead.
    pub(crate) fn wait_until(mut self, mut give_up: impl FnMut(&str) -> bool) -> Result<Finished, String> {
        let ended = loop {
            if let Some(status) = self.child.try_wait().map_err(|e| format!("waiting for a child: {e}"))? {
                break Ended::Exited(status);
            }
            if give_up(&self.output_so_far()) {
                kill_group(self.child.id());
                let _ = self.child.wait();
                break Ended::KilledAtLimit;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        // A grandchild that left the group could hold the pipes open: wait for the readers a
        // little, then go on with what arrived.
        for _ in 0..2 {
            let _ = self.readers_done.recv_timeout(Duration::from_secs(2));
        }
        let elapsed = self.started.elapsed();
        let output = self.output_so_far();
        Ok(Finished { ended, output, elapsed })
    }
}

/// SIGKILL to every process of the group `pgid` (the child's id: it leads its group).
fn kill_group(pgid: u32) {
    // `kill` the command: sending a signal from Rust needs `unsafe` libc, which this workspace forbids.
    let _ = Command::new("kill").args(["-KILL", "--", &format!("-{pgid}")]).status();
}
