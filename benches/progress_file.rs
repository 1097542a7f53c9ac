//! Prints how long reading a big progress file takes, against its target.
//! Run with `cargo bench --bench progress_file` (release profile).

use std::sync::Arc;
use std::time::{Duration, Instant};

use pyroadmap::study::store::Store;
use pyroadmap::study::{Progress, Status, file_format};

mod support;
use support::{ms, report};

/// A learner's file of `topics` topics, each with a status, a note of a few
/// lines, quiz answers and an exercise.
fn progress_of(topics: usize) -> Progress {
    let mut progress = Progress::default();
    for i in 0..topics {
        let id = format!("topic-{i:06}");
        progress.update_topic(&id, 1_000 + i as u64, |r| {
            r.status = Status::ALL[i % 4];
            r.bookmarked = i % 5 == 0;
            r.note = format!(
                "Notes on {id}: use d.get(key, default).\n{}",
                "A line the learner wrote, with \"quotes\" and café. ".repeat(4)
            );
            r.quiz.insert("q1".into(), i % 4);
            r.quiz.insert("q2".into(), (i + 1) % 4);
        });
        if i % 3 == 0 {
            progress.update_exercise(&id, "01-first", 2_000 + i as u64, |e| {
                e.code.text = "def f(x):\n    return x * 2\n".into();
                e.attempts = 3;
            });
        }
    }
    progress
}

/// The median time of `runs` calls.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    median_with_cpu(runs, &mut f).0
}

/// The median wall-clock time of `runs` calls, and the median time this
/// thread spent on a CPU during them where the system says (Linux): on a
/// machine busy with other work, the wall clock also counts the time spent
/// waiting for a CPU.
fn median_with_cpu(runs: usize, mut f: impl FnMut()) -> (Duration, Option<Duration>) {
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    for _ in 0..runs {
        let cpu_before = thread_cpu_ns();
        let started = Instant::now();
        f();
        wall.push(started.elapsed());
        if let (Some(before), Some(after)) = (cpu_before, thread_cpu_ns()) {
            cpu.push(Duration::from_nanos(after.saturating_sub(before)));
        }
    }
    wall.sort();
    cpu.sort();
    let cpu = (cpu.len() == runs).then(|| cpu[runs / 2]);
    (wall[runs / 2], cpu)
}

/// Nanoseconds this thread has run on a CPU (Linux's schedstat).
fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn main() {
    println!("pyroadmap progress file benchmark (release build; median of 7 runs)\n");
    let mut all_ok = true;

    // About 5 MB: the file of a learner with a great many long notes.
    let mut topics = 8_000;
    let mut text = file_format::write(&progress_of(topics));
    while text.len() < 5_000_000 {
        topics += 500;
        text = file_format::write(&progress_of(topics));
    }
    let bytes = text.into_bytes();
    let (wall, cpu) = median_with_cpu(7, || {
        let parsed = file_format::read_bytes(&bytes).expect("the file reads");
        assert_eq!(parsed.progress.topics.len(), topics);
    });
    let name = format!(
        "parse a {:.1} MB progress file ({topics} topics)",
        bytes.len() as f64 / 1e6
    );
    match cpu {
        // The CPU time is what the parse costs; the wall clock depends on
        // what else the machine is doing, so it is shown beside it.
        Some(cpu) => {
            all_ok &= report(&format!("{name}, on-CPU"), ms(cpu), 100.0);
            println!(
                "{:<58} {:>8.2} ms   (wall clock on this machine)",
                "  the same",
                ms(wall)
            );
        }
        None => all_ok &= report(&name, ms(wall), 100.0),
    }

    // 50,000 topics took 125 s when lines were counted from the start.
    let big = file_format::write(&progress_of(50_000)).into_bytes();
    let took = median(3, || {
        file_format::read_bytes(&big).expect("the file reads");
    });
    println!(
        "{:<58} {:>8.2} ms   (was 125 s before parsing was linear)",
        format!(
            "parse 50,000 topics ({:.1} MB, median of 3)",
            big.len() as f64 / 1e6
        ),
        ms(took)
    );

    // A save over the file the store last read or wrote merges with what
    // it kept, without parsing the file again.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("progress.ron"), &bytes).expect("seed file");
    let mut opened = Store::open(dir.path().to_owned(), 10_000);
    let mut base = opened.on_disk.clone();
    let mut n = 0u64;
    let took = median(7, || {
        n += 1;
        Arc::make_mut(&mut opened.progress)
            .update_topic("topic-000001", 20_000 + n, |r| r.note = format!("edit {n}"));
        base = opened
            .store
            .save(&opened.progress, &base, 20_000 + n)
            .expect("the save")
            .written;
    });
    println!(
        "{:<58} {:>8.2} ms   (merge, write, sync, rename; no parse)",
        "save over that 5 MB file",
        ms(took)
    );

    support::verdict(all_ok);
}
