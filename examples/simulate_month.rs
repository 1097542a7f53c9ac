//! Writes a month of simulated study into a data folder, to look at Review
//! and Stats as a learner would after a month:
//! `cargo run --example simulate_month -- /tmp/month && cargo run -- --data-dir /tmp/month`
//!
//! With `--heavy`, a year of it instead, as `tools/startup_ratio.py`'s heavy
//! returning learner: every topic studied, a note of about 2 KB on each,
//! a draft of every exercise, and a lesson with code open.

use pyroadmap::course::{self, Block};
use pyroadmap::study::review::{self, Grade};
use pyroadmap::study::{Clock as _, Progress, Status, SystemClock};

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: simulate_month DATA_DIR [--heavy]");
        std::process::exit(2);
    };
    let is_heavy = std::env::args().nth(2).as_deref() == Some("--heavy");
    let study_days: u64 = if is_heavy { 365 } else { 30 };
    let course = course::load_embedded().course;
    let zone = jiff::tz::TimeZone::system();
    let day_ms: u64 = 86_400_000;
    let now = SystemClock.now_ms();
    let mut progress = Progress::default();
    let mut topics = course.topics();
    let mut seed: u64 = 42;
    let mut random = move |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    for days_ago in (1..=study_days).rev() {
        // Evenings, and a few days off.
        let at = now - days_ago * day_ms;
        if random(6) == 0 {
            continue;
        }
        let day = review::day_key(review::local_day(at, &zone));
        // Today's review first.
        let queue = review::queue(&course, &progress, at, &zone, 20);
        for card in queue.in_order() {
            let grade = match random(10) {
                0 | 1 => Grade::Again,
                2 => Grade::Hard,
                9 => Grade::Easy,
                _ => Grade::Good,
            };
            let before = progress.cards.get(&card.id).cloned();
            let graded = review::grade(before.as_ref(), grade, at, 0.9);
            progress.cards.insert(card.id.clone(), graded);
            let counts = progress.activity.entry(day.clone()).or_default();
            counts.reviewed += 1;
            counts.recalled += u32::from(grade != Grade::Again);
        }
        // Then two new topics: read, answer the quiz, mark done.
        for _ in 0..2 {
            let Some(topic) = topics.next() else { break };
            let questions = topic.doc().blocks.iter().find_map(|b| match b {
                Block::Quiz(q) => Some(q.clone()),
                _ => None,
            });
            progress.note_opened(&topic.id, at);
            progress.update_topic(&topic.id, at, |r| {
                for q in questions.iter().flatten() {
                    let choice = if random(5) == 0 {
                        (q.answer + 1) % q.choices.len()
                    } else {
                        q.answer
                    };
                    r.quiz.insert(q.id.clone(), choice);
                }
                r.status = Status::Done;
            });
            let counts = progress.activity.entry(day.clone()).or_default();
            counts.opened += 1;
            counts.done += 1;
            counts.answered += u32::try_from(questions.map_or(0, |q| q.len())).unwrap_or(0);
        }
    }
    // A returning learner has written a note on every topic.
    for (i, topic) in course.topics().enumerate() {
        progress.update_topic(&topic.id, now - day_ms, |r| {
            r.note = format!(
                "My notes on {} (day {i}): what surprised me, what to try again.",
                topic.title
            );
            if is_heavy {
                // About 2 KB: a paragraph a learner keeps adding to.
                while r.note.len() < 2048 {
                    r.note.push_str(
                        "\nTried it again with my own data; the second example made it click, \
                         and I want to come back to the edge cases next week.",
                    );
                }
                for exercise in &topic.exercises {
                    let work = r.exercises.entry(exercise.id.clone()).or_default();
                    work.code.text = format!(
                        "# my attempt at {}\n{}\n# TODO: handle the empty case\n",
                        exercise.id, exercise.starter
                    );
                    work.code.ms = now - day_ms;
                    work.attempts += 1;
                }
            }
        });
    }
    if is_heavy {
        // A lesson with code, open where the learner left it.
        let lesson = course
            .topics()
            .find(|t| t.id == "lists")
            .expect("the lists lesson");
        progress.note_opened(&lesson.id, now - day_ms / 2);
    }
    let path = std::path::Path::new(&dir);
    std::fs::create_dir_all(path).expect("the data folder");
    pyroadmap::study::store::write_file(&path.join("progress.ron"), &progress).expect("written");
    println!(
        "{} cards, {} days studied, written to {}",
        progress.cards.len(),
        progress.activity.len(),
        path.join("progress.ron").display()
    );
}
