//! How long and how much a run may take, and what the learner is told when
//! a run goes past a limit.

use std::time::Duration;

/// The prelude that sets a run's memory and process limits before the
/// learner's program starts (on Unix it replaces itself with the program;
/// on Windows it runs the program as its child in a job object).
pub const PRELUDE: &str = include_str!("limits.py");

/// How long and how much a run may take.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// Wall-clock time before the run is stopped.
    pub time: Duration,
    /// Bytes of output (stdout and stderr together) before the run is stopped.
    pub output_bytes: usize,
    /// Memory each process of the run may use, in megabytes (MiB).
    /// Enforced on Linux and Windows (a job object's per-process limit);
    /// set but not enforced by macOS.
    pub memory_mb: u32,
    /// Processes the run may have at once (counted on Linux and Windows).
    pub processes: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            time: Duration::from_secs(10),
            output_bytes: 1_000_000,
            memory_mb: default_memory_limit_mb(),
            processes: default_process_limit(),
        }
    }
}

/// The memory cap a run gets unless the learner chose another: 2 GB or a
/// quarter of the machine's memory, whichever is smaller.
pub fn default_memory_limit_mb() -> u32 {
    const CAP_MB: u64 = 2048;
    total_memory_mb().map_or(CAP_MB, |total| (total / 4).clamp(64, CAP_MB)) as u32
}

/// Processes a run may have at once: enough for a multiprocessing pool of
/// one worker per core, and far below what hurts the machine.
fn default_process_limit() -> u32 {
    let cores = std::thread::available_parallelism().map_or(4, std::num::NonZero::get);
    u32::try_from(cores * 4).unwrap_or(u32::MAX).max(64)
}

/// The machine's memory in megabytes, where it can be read.
fn total_memory_mb() -> Option<u64> {
    #[cfg(target_os = "linux")]
    {
        let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
        parse_meminfo_kb(&meminfo).map(|kb| kb / 1024)
    }
    #[cfg(target_os = "macos")]
    {
        let output = std::process::Command::new("sysctl")
            .args(["-n", "hw.memsize"])
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
            .ok()?;
        let bytes: u64 = String::from_utf8_lossy(&output.stdout)
            .trim()
            .parse()
            .ok()?;
        Some(bytes / (1024 * 1024))
    }
    #[cfg(not(any(target_os = "linux", target_os = "macos")))]
    {
        None
    }
}

/// `MemTotal` from `/proc/meminfo`, in kB.
#[cfg(any(target_os = "linux", test))]
fn parse_meminfo_kb(meminfo: &str) -> Option<u64> {
    meminfo
        .lines()
        .find_map(|line| line.strip_prefix("MemTotal:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// "2 GB", "1.5 GB", "200 MB".
pub fn describe_mb(mb: u32) -> String {
    if mb >= 1024 {
        let gb = f64::from(mb) / 1024.0;
        let text = format!("{gb:.1}");
        format!("{} GB", text.trim_end_matches(".0"))
    } else {
        format!("{mb} MB")
    }
}

/// A limit a run went past, which stopped it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitHit {
    /// The program asked for more memory than the cap (MemoryError), or
    /// was killed by the system for its memory.
    Memory { limit_mb: u32 },
    /// The program started more processes than the cap.
    Processes { limit: u32 },
}

impl LimitHit {
    /// What the learner reads, in plain words.
    pub fn describe(self) -> String {
        match self {
            Self::Memory { limit_mb } => format!(
                "Stopped: your program used more than {} of memory",
                describe_mb(limit_mb)
            ),
            Self::Processes { limit } => {
                format!("Stopped: your program started more than {limit} processes at once")
            }
        }
    }
}

/// Which limit the end of stderr names, if any: an uncaught MemoryError
/// (or a subclass, such as numpy's), or a refused fork (BlockingIOError,
/// errno 11: the process limit), or on Windows a process the job refused
/// (WinError 1816, "not enough quota").
pub(crate) fn limit_named_by(stderr_tail: &str, limits: &Limits) -> Option<LimitHit> {
    let last = stderr_tail.lines().rev().find(|l| !l.trim().is_empty())?;
    let kind = last.split(':').next().unwrap_or_default().trim();
    if kind.ends_with("MemoryError") {
        Some(LimitHit::Memory {
            limit_mb: limits.memory_mb,
        })
    } else if (kind == "BlockingIOError" && last.contains("[Errno 11]"))
        || (matches!(kind, "OSError" | "PermissionError") && last.contains("[WinError 1816]"))
    {
        Some(LimitHit::Processes {
            limit: limits.processes,
        })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_cap_is_a_quarter_of_memory_at_most_2_gb() {
        let meminfo = "MemTotal:       24576000 kB\nMemFree:  1 kB\n";
        assert_eq!(parse_meminfo_kb(meminfo), Some(24_576_000));
        let mb = default_memory_limit_mb();
        assert!((64..=2048).contains(&mb), "{mb}");
        if let Some(total) = total_memory_mb() {
            assert!(u64::from(mb) <= total / 4 || mb == 64, "{mb} of {total}");
        }
    }

    #[test]
    fn figures_read_as_people_write_them() {
        assert_eq!(describe_mb(2048), "2 GB");
        assert_eq!(describe_mb(1536), "1.5 GB");
        assert_eq!(describe_mb(200), "200 MB");
        assert_eq!(
            LimitHit::Memory { limit_mb: 2048 }.describe(),
            "Stopped: your program used more than 2 GB of memory"
        );
    }

    #[test]
    fn stderr_names_the_limit() {
        let limits = Limits {
            memory_mb: 200,
            processes: 64,
            ..Limits::default()
        };
        let numpy = "Traceback (most recent call last):\n  File \"solution.py\", line 2\nnumpy.core._exceptions._ArrayMemoryError: Unable to allocate 8 GiB\n";
        assert_eq!(
            limit_named_by(numpy, &limits),
            Some(LimitHit::Memory { limit_mb: 200 })
        );
        assert_eq!(
            limit_named_by(
                "BlockingIOError: [Errno 11] Resource temporarily unavailable\n",
                &limits
            ),
            Some(LimitHit::Processes { limit: 64 })
        );
        assert_eq!(
            limit_named_by(
                "OSError: [WinError 1816] Not enough quota is available to process this command\n",
                &limits
            ),
            Some(LimitHit::Processes { limit: 64 })
        );
        assert_eq!(limit_named_by("ValueError: MemoryError\n", &limits), None);
        assert_eq!(
            limit_named_by("ValueError: [WinError 1816]\n", &limits),
            None
        );
    }
}
