//! Notes as one Markdown document, grouped by section.

use std::fmt::Write as _;

use crate::course::Course;
use crate::study::Progress;

/// Every note, in syllabus order; notes on topics the course no longer has
/// come last, so nothing is left out.
pub fn notes_markdown(course: &Course, progress: &Progress) -> String {
    let mut out = format!("# My notes: {}\n", course.title);
    for section in &course.sections {
        let notes: Vec<_> = section
            .topics
            .iter()
            .filter_map(|t| Some((t.title.as_str(), progress.topics.get(&t.id)?.note.trim())))
            .filter(|(_, note)| !note.is_empty())
            .collect();
        if notes.is_empty() {
            continue;
        }
        let _ = write!(out, "\n## {}\n", section.title);
        for (title, note) in notes {
            let _ = write!(out, "\n### {title}\n\n{note}\n");
        }
    }
    let orphans: Vec<_> = progress
        .topics
        .iter()
        .filter(|(id, r)| course.topic(id).is_none() && !r.note.trim().is_empty())
        .collect();
    if !orphans.is_empty() {
        out.push_str("\n## Topics no longer in the course\n");
        for (id, record) in orphans {
            let _ = write!(out, "\n### {id}\n\n{}\n", record.note.trim());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_grouped_by_section_and_orphans_kept() {
        let course = crate::course::load_embedded().course;
        let mut progress = Progress::default();
        progress.update_topic("sets", 1, |r| r.note = "frozenset is hashable".into());
        progress.update_topic("lists", 1, |r| r.note = "  sorted() makes a copy\n".into());
        progress.update_topic("operators", 1, |r| r.note = "walrus".into());
        progress.update_topic("gone-topic", 1, |r| r.note = "still mine".into());
        let text = notes_markdown(&course, &progress);
        let at = |needle: &str| {
            text.find(needle)
                .unwrap_or_else(|| panic!("{needle:?} missing in:\n{text}"))
        };
        assert!(at("## Python fundamentals") < at("walrus"));
        assert!(at("## Data structures") < at("sorted() makes a copy"));
        assert!(
            at("sorted() makes a copy") < at("frozenset is hashable"),
            "syllabus order: lists before sets"
        );
        assert!(at("## Topics no longer in the course") < at("### gone-topic"));
        assert!(
            !text.contains("## Control flow"),
            "sections without notes are left out"
        );
    }
}
