//! The processes one run (or one interpreter probe) starts, and killing
//! all of them.
//!
//! Each run is started in its own process group (Unix) or job object
//! (Windows) and carries a unique value in its environment
//! ([`MARKER_VAR`]). Killing the group or the job takes every descendant
//! that stayed in it. On Linux, a sweep of `/proc` then finds the processes
//! that left the group (`setsid`, `start_new_session=True`, `nohup`,
//! daemons), by the marker they inherited and as descendants of marked
//! processes, and kills them too.
//!
//! A child subreaper (`PR_SET_CHILD_SUBREAPER`) is not used: it is an
//! attribute of the whole app, so every orphan of anything the app starts
//! (a browser opened for a link) would become the app's child, to be
//! reaped by code that races std's own waits. The sweep finds escaped
//! processes whoever their parent is.
//!
//! macOS has no `/proc`: there only the process group is killed, so a
//! process that both leaves the group and outlives its parent survives.
//! Windows job objects hold every descendant (they cannot break away).

use std::io::Read as _;
use std::process::{Command, ExitStatus};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use process_wrap::std::{ChildWrapper, CommandWrap};

/// The environment variable whose value marks every process of one run.
pub const MARKER_VAR: &str = "PYROADMAP_RUN";

/// How long killing a run may take before we stop waiting for it.
pub(crate) const KILL_TIMEOUT: Duration = Duration::from_secs(3);

/// One chunk of output: (is it stderr, the bytes).
pub(crate) type Chunk = (bool, Vec<u8>);

/// A started process tree: the direct child and the run's marker.
pub(crate) struct Tree {
    marker: String,
    child: Box<dyn ChildWrapper>,
}

impl Tree {
    /// Starts `command` in a group or job of its own, marked as a new run.
    pub(crate) fn spawn(mut command: Command) -> std::io::Result<Self> {
        let marker = new_marker();
        command.env(MARKER_VAR, &marker);
        let mut wrapped = CommandWrap::from(command);
        #[cfg(unix)]
        wrapped.wrap(process_wrap::std::ProcessGroup::leader());
        #[cfg(windows)]
        wrapped.wrap(process_wrap::std::JobObject);
        let child = wrapped.spawn()?;
        Ok(Self { marker, child })
    }

    /// The direct child.
    pub(crate) fn child(&mut self) -> &mut dyn ChildWrapper {
        self.child.as_mut()
    }

    /// Reads stdout and stderr on threads of their own; the channel closes
    /// when both streams have ended. Nobody joins the threads: a stream
    /// held open by a process we could not kill must not block anyone.
    pub(crate) fn read_output(&mut self) -> Receiver<Chunk> {
        let (chunks, inbox) = channel::<Chunk>();
        let streams = [
            self.child
                .stdout()
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
            self.child
                .stderr()
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
        ];
        for (index, stream) in streams.into_iter().enumerate() {
            let Some(mut stream) = stream else { continue };
            let chunks = chunks.clone();
            // Without the thread that stream is not read; the run still ends
            // (by its time limit at worst), so this is not worth failing it.
            let _ = std::thread::Builder::new()
                .name("run output".into())
                .spawn(move || {
                    let mut buffer = [0u8; 8192];
                    while let Ok(n) = stream.read(&mut buffer) {
                        if n == 0 || chunks.send((index == 1, buffer[..n].to_vec())).is_err() {
                            break;
                        }
                    }
                });
        }
        inbox
    }

    /// How many live processes carry this run's marker or descend from
    /// one (Linux); None where it cannot be counted.
    pub(crate) fn count(&self) -> Option<usize> {
        #[cfg(target_os = "linux")]
        {
            Some(linux::marked(&self.marker).len())
        }
        #[cfg(not(target_os = "linux"))]
        {
            None
        }
    }

    /// Kills every process of the run, the direct child's group or job
    /// and, on Linux, everything carrying the marker, and waits (at most
    /// `timeout`) until they are gone. `exited` is the direct child's
    /// status when it is known already; returns it.
    pub(crate) fn kill_all(
        &mut self,
        exited: Option<ExitStatus>,
        timeout: Duration,
    ) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        let _ = self.child.start_kill();
        // Waiting again on a child that has exited would block on Windows
        // (the job's completion port has nothing more to say).
        let status = match exited {
            Some(status) => Some(status),
            None => self.child.wait().ok(),
        };
        #[cfg(target_os = "linux")]
        linux::sweep(&self.marker, deadline);
        let _ = deadline;
        status
    }
}

/// Takes what arrives on `inbox` until every reader has ended or
/// `deadline` passes, whichever is first.
pub(crate) fn drain_until(inbox: &Receiver<Chunk>, deadline: Instant, mut take: impl FnMut(Chunk)) {
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match inbox.recv_timeout(left) {
            Ok(chunk) => take(chunk),
            Err(RecvTimeoutError::Disconnected | RecvTimeoutError::Timeout) => return,
        }
    }
}

/// A value no other run has: this app's pid, a counter and the time.
fn new_marker() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{count}-{nanos}", std::process::id())
}

#[cfg(target_os = "linux")]
pub(crate) mod linux {
    //! Finding a run's processes in `/proc`.

    use std::collections::HashSet;
    use std::time::Instant;

    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;

    /// The live processes that carry `marker` in their environment, and
    /// their descendants (a child started with a cleared environment is
    /// still found while its parent lives).
    pub(crate) fn marked(marker: &str) -> Vec<i32> {
        let needle = format!("{}={marker}", super::MARKER_VAR);
        let own = i32::try_from(std::process::id()).unwrap_or(-1);
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        let mut found = HashSet::new();
        let mut parents = Vec::new();
        for entry in entries.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|s| s.parse::<i32>().ok())
            else {
                continue;
            };
            if pid == own {
                continue;
            }
            // A zombie is already dead: nothing to kill, and its environment
            // reads as empty.
            let Some((state, ppid)) = state_and_parent(pid) else {
                continue;
            };
            if state == 'Z' || state == 'X' {
                continue;
            }
            let is_marked = std::fs::read(format!("/proc/{pid}/environ"))
                .is_ok_and(|env| env.split(|b| *b == 0).any(|v| v == needle.as_bytes()));
            if is_marked {
                found.insert(pid);
            } else {
                parents.push((pid, ppid));
            }
        }
        loop {
            let before = found.len();
            parents.retain(|(pid, ppid)| {
                let is_descendant = found.contains(ppid);
                if is_descendant {
                    found.insert(*pid);
                }
                !is_descendant
            });
            if found.len() == before {
                break;
            }
        }
        found.into_iter().collect()
    }

    /// Kills everything `marked` finds until nothing is left or `deadline`
    /// passes (a process that forks while we kill is found the next time).
    pub(crate) fn sweep(marker: &str, deadline: Instant) {
        loop {
            let pids = marked(marker);
            if pids.is_empty() || Instant::now() >= deadline {
                return;
            }
            for pid in pids {
                let _ = kill(Pid::from_raw(pid), Signal::SIGKILL);
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    /// The state letter and parent pid from `/proc/PID/stat`.
    fn state_and_parent(pid: i32) -> Option<(char, i32)> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // The command name may hold spaces and parentheses: fields start
        // after the last ')'.
        let mut fields = stat.get(stat.rfind(')')? + 1..)?.split_whitespace();
        let state = fields.next()?.chars().next()?;
        let ppid = fields.next()?.parse().ok()?;
        Some((state, ppid))
    }
}
