//! A save killed at any moment never tears the file or loses a change that
//! was acknowledged before the kill. This test starts itself again as a
//! child that saves notes through the real store in a loop, and kills it
//! with SIGKILL (TerminateProcess on Windows) at random moments, 200 times.

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pyroadmap::study::store::{FILE_NAME, Store, read_file};

/// Set in the child: the data dir and the first note number.
const CHILD_ENV: &str = "PYROADMAP_CRASH_CHILD";
const KILLS: usize = 200;
/// How many topics the notes rotate over.
const SLOTS: u64 = 20;

/// In the child, saves forever, printing `saved N` after each save returned.
#[test]
fn child_saves_in_a_loop() {
    let Some(spec) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let spec = spec.to_string_lossy().into_owned();
    let (dir, first) = spec.rsplit_once('|').expect("dir|first");
    let first: u64 = first.parse().expect("a number");
    let opened = Store::open(PathBuf::from(dir), first);
    let (mut store, mut base) = (opened.store, opened.on_disk);
    let mut progress = (*opened.progress).clone();
    let mut stdout = std::io::stdout().lock();
    for n in first.. {
        let topic = format!("topic-{}", n % SLOTS);
        progress.update_topic(&topic, n, |r| {
            r.note = format!("note {n} {}", "x".repeat(300));
        });
        let saved = store.save(&progress, &base, n).expect("save");
        base = saved.written;
        progress = (*base).clone();
        writeln!(stdout, "saved {n}").expect("stdout");
        stdout.flush().expect("stdout");
    }
}

/// A small pseudo-random generator, so the test needs no extra crate.
fn next_random(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

fn note_number(note: &str) -> Option<u64> {
    note.strip_prefix("note ")?.split(' ').next()?.parse().ok()
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect()
}

#[test]
fn killing_a_saving_process_never_tears_the_file_or_loses_an_acknowledged_note() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut acknowledged: BTreeMap<u64, u64> = BTreeMap::new();
    let mut next_number = 1u64;
    let mut random = 0x9e37_79b9_7f4a_7c15_u64;
    let (mut torn, mut lost, mut leftover) = (0, 0, 0);
    let started = Instant::now();
    for _ in 0..KILLS {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "child_saves_in_a_loop",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, format!("{}|{next_number}", dir.path().display()))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let lines = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(n) = line
                    .strip_prefix("saved ")
                    .and_then(|n| n.parse::<u64>().ok())
                    && lines.0.send(n).is_err()
                {
                    break;
                }
            }
        });
        // Let it save for a random while (at least one save), then kill it.
        let first_save = lines
            .1
            .recv_timeout(Duration::from_secs(30))
            .expect("the child saves");
        acknowledged.insert(first_save % SLOTS, first_save);
        std::thread::sleep(Duration::from_micros(next_random(&mut random) % 20_000));
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        for n in lines.1.try_iter() {
            acknowledged.insert(n % SLOTS, n);
        }
        let highest = acknowledged.values().max().copied().unwrap_or(0);
        next_number = highest + 1_000;

        match read_file(&dir.path().join(FILE_NAME)) {
            Err(_) => torn += 1,
            Ok(progress) => {
                for (slot, n) in &acknowledged {
                    let note = &progress.topic(&format!("topic-{slot}")).note;
                    if note_number(note).is_none_or(|on_disk| on_disk < *n) {
                        lost += 1;
                    }
                }
            }
        }
        leftover = leftover.max(temp_files(dir.path()).len());
    }
    eprintln!(
        "crash test: {KILLS} kills in {:.1} s, {torn} torn files, {lost} lost acknowledged notes, at most {leftover} temp file(s) left at once",
        started.elapsed().as_secs_f64()
    );
    assert_eq!((torn, lost), (0, 0));
    assert!(
        leftover <= 1,
        "temp files pile up: {:?}",
        temp_files(dir.path())
    );
}
