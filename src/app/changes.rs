//! What an import or a restore changed, in words, every kind of change
//! named: the learner must be able to see that code they will run came in.

use std::collections::BTreeSet;

use crate::study::{Draft, Progress, merge};

/// Counts of one kind of change, with its names for one and for many.
struct Count {
    n: usize,
    one: &'static str,
    many: &'static str,
}

/// How a piece of code changed: came in where there was none, replaced,
/// or kept in both versions (the learner's first, the other commented out).
#[derive(Default)]
struct CodeCounts {
    added: usize,
    replaced: usize,
    both: usize,
}

impl CodeCounts {
    fn add(&mut self, before: Option<&Draft>, after: Option<&Draft>) {
        let before_text = before.map_or("", |d| d.text.as_str());
        let after_text = after.map_or("", |d| d.text.as_str());
        if before_text == after_text {
            return;
        }
        let has_second = |text: &str| {
            text.contains(merge::IMPORTED_CODE_MARKER) || text.contains(merge::CODE_MARKER)
        };
        if before_text.is_empty() {
            self.added += 1;
        } else if after_text.starts_with(before_text) && has_second(after_text) {
            self.both += 1;
        } else {
            self.replaced += 1;
        }
    }
}

/// What a merge changed, in words: "2 topics' status changed, 1 note added,
/// 1 example's code replaced, 3 newer local changes kept". Every change is
/// named; "nothing new" only when nothing changed.
pub fn describe_changes(before: &Progress, after: &Progress, incoming: &Progress) -> String {
    let (mut statuses, mut bookmarks, mut added, mut combined, mut changed, mut answers, mut kept) =
        (0, 0, 0, 0, 0, 0, 0);
    let (mut places, mut practice) = (0, 0);
    let mut examples = CodeCounts::default();
    let mut exercises = CodeCounts::default();
    let mut playground = CodeCounts::default();
    let ids: BTreeSet<&String> = before.topics.keys().chain(after.topics.keys()).collect();
    for id in ids {
        let old = before.topic(id);
        let new = after.topic(id);
        statuses += usize::from(old.status != new.status);
        bookmarks += usize::from(old.bookmarked != new.bookmarked);
        answers += usize::from(old.quiz != new.quiz);
        places += usize::from(
            (old.position, old.position_offset_pt) != (new.position, new.position_offset_pt),
        );
        if old.note != new.note {
            if old.note.trim().is_empty() {
                added += 1;
            } else if new.note.contains(merge::NOTE_MARKER)
                && !old.note.contains(merge::NOTE_MARKER)
            {
                combined += 1;
            } else {
                changed += 1;
            }
        }
        let keys: BTreeSet<&String> = old.edits.keys().chain(new.edits.keys()).collect();
        for key in keys {
            examples.add(old.edits.get(key), new.edits.get(key));
        }
        let keys: BTreeSet<&String> = old.exercises.keys().chain(new.exercises.keys()).collect();
        for key in keys {
            let (o, n) = (old.exercises.get(key), new.exercises.get(key));
            exercises.add(o.map(|e| &e.code), n.map(|e| &e.code));
            let progress = |e: Option<&crate::study::ExerciseRecord>| {
                e.map(|e| (e.attempts, e.solved_ms, e.hints_shown))
                    .unwrap_or_default()
            };
            practice += usize::from(progress(o) != progress(n));
        }
    }
    for (id, theirs) in &incoming.topics {
        let new = after.topic(id);
        kept += usize::from(theirs.status != new.status)
            + usize::from(theirs.bookmarked != new.bookmarked)
            + usize::from(
                !theirs.note.is_empty()
                    && theirs.note != new.note
                    && !new.note.contains(theirs.note.as_str()),
            );
    }
    playground.add(Some(&before.playground), Some(&after.playground));
    let settings = setting_names(before, after);
    let cards = after
        .cards
        .iter()
        .filter(|(id, card)| before.cards.get(*id) != Some(card))
        .count();
    let days = after
        .activity
        .iter()
        .filter(|(day, counts)| before.activity.get(*day) != Some(counts))
        .count();

    let counts = [
        Count {
            n: statuses,
            one: "topic status changed",
            many: "topic statuses changed",
        },
        Count {
            n: bookmarks,
            one: "bookmark changed",
            many: "bookmarks changed",
        },
        Count {
            n: added,
            one: "note added",
            many: "notes added",
        },
        Count {
            n: changed,
            one: "note updated",
            many: "notes updated",
        },
        Count {
            n: combined,
            one: "note kept in both versions",
            many: "notes kept in both versions",
        },
        Count {
            n: answers,
            one: "topic's quiz answers changed",
            many: "topics' quiz answers changed",
        },
        Count {
            n: examples.added,
            one: "example's code added",
            many: "examples' code added",
        },
        Count {
            n: examples.replaced,
            one: "example's code replaced",
            many: "examples' code replaced",
        },
        Count {
            n: examples.both,
            one: "example's code kept in both versions (yours runs)",
            many: "examples' code kept in both versions (yours runs)",
        },
        Count {
            n: exercises.added,
            one: "exercise's code added",
            many: "exercises' code added",
        },
        Count {
            n: exercises.replaced,
            one: "exercise's code replaced",
            many: "exercises' code replaced",
        },
        Count {
            n: exercises.both,
            one: "exercise's code kept in both versions (yours runs)",
            many: "exercises' code kept in both versions (yours runs)",
        },
        Count {
            n: practice,
            one: "exercise's attempts or hints changed",
            many: "exercises' attempts or hints changed",
        },
        Count {
            n: playground.added,
            one: "Playground code added",
            many: "Playground code added",
        },
        Count {
            n: playground.replaced,
            one: "Playground code replaced",
            many: "Playground code replaced",
        },
        Count {
            n: playground.both,
            one: "Playground code kept in both versions (yours runs)",
            many: "Playground code kept in both versions (yours runs)",
        },
        Count {
            n: places,
            one: "reading place changed",
            many: "reading places changed",
        },
        Count {
            n: cards,
            one: "review card updated",
            many: "review cards updated",
        },
        Count {
            n: days,
            one: "day of study history updated",
            many: "days of study history updated",
        },
        Count {
            n: kept,
            one: "newer local change kept",
            many: "newer local changes kept",
        },
    ];
    let mut parts: Vec<String> = counts
        .iter()
        .filter(|c| c.n > 0)
        .map(|c| format!("{} {}", c.n, if c.n == 1 { c.one } else { c.many }))
        .collect();
    if !settings.is_empty() {
        parts.push(format!("settings changed ({})", settings.join(", ")));
    }
    if before.last_topic != after.last_topic || before.recent_topics != after.recent_topics {
        parts.push("recently opened topics changed".to_owned());
    }
    if parts.is_empty() && before != after {
        parts.push("other details changed".to_owned());
    }
    if parts.is_empty() {
        "nothing new, your data already had all of it".to_owned()
    } else {
        parts.join(", ")
    }
}

/// The settings that differ, by the names the menus give them.
fn setting_names(before: &Progress, after: &Progress) -> Vec<&'static str> {
    let (b, a) = (&before.settings, &after.settings);
    // Every setting, from the one list of them; related ones share a name.
    let mut names: Vec<&'static str> = Vec::new();
    for key in b.changed_names(a) {
        let name = match key {
            "theme" => "theme",
            "zoom" => "zoom",
            "is_notes_open" | "notes_width" => "notes panel",
            "hide_done" | "only_bookmarked" | "only_with_notes" => "sidebar filters",
            "desired_retention" | "new_cards_per_day" => "review",
            _ => "other settings",
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    if b.extra != a.extra && !names.contains(&"other settings") {
        names.push("other settings");
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::study::Status;

    #[test]
    fn an_import_is_described_exactly() {
        let mut ours = Progress::default();
        ours.update_topic("dicts", 100, |r| r.note = "mine".into());
        ours.update_topic("sets", 300, |r| r.status = Status::Done);
        let mut theirs = Progress::default();
        theirs.update_topic("dicts", 200, |r| r.note = "theirs".into());
        theirs.update_topic("lists", 200, |r| r.note = "new".into());
        theirs.update_topic("sets", 200, |r| r.status = Status::Skipped);
        let merged = merge::merge_import(&ours, &theirs);
        assert_eq!(
            describe_changes(&ours, &merged, &theirs),
            "1 note added, 1 note kept in both versions, 1 newer local change kept"
        );
    }

    #[test]
    fn code_and_settings_that_came_in_are_named() {
        let mut ours = Progress::default();
        ours.set_edit("lists", "k1", Some("print('mine')".into()), 10);
        ours.set_edit("lists", "k2", Some("print(2)".into()), 10);
        ours.update_exercise("lists", "sum", 10, |e| e.code.text = "total = 0".into());
        let mut theirs = ours.clone();
        theirs.set_edit("lists", "k1", Some("import os".into()), 50);
        theirs.set_edit("lists", "k2", Some("import sys".into()), 50);
        theirs.set_edit("lists", "k3", Some("print(3)".into()), 50);
        theirs.update_exercise("lists", "sum", 50, |e| e.code.text = "import shutil".into());
        let mut settings = theirs.settings.clone();
        settings.zoom = 2.0;
        theirs.set_settings(settings, 50);
        let merged = merge::merge_import(&ours, &theirs);
        assert_eq!(
            describe_changes(&ours, &merged, &theirs),
            "1 example's code added, 2 examples' code kept in both versions (yours runs), 1 exercise's code kept in both versions (yours runs), settings changed (zoom)"
        );
    }

    #[test]
    fn nothing_new_only_when_nothing_changed() {
        let mut ours = Progress::default();
        ours.update_topic("dicts", 100, |r| r.note = "mine".into());
        assert_eq!(
            describe_changes(&ours, &ours.clone(), &ours),
            "nothing new, your data already had all of it"
        );
        let mut after = ours.clone();
        after.update_topic("dicts", 200, |r| r.note_ms += 0);
        after
            .extra
            .insert("future".into(), crate::study::Raw("1".into()));
        assert_eq!(
            describe_changes(&ours, &after, &after),
            "other details changed"
        );
    }
}
