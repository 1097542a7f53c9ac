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
