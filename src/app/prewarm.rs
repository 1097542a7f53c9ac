//! Highlighting ahead of need: the page that opens first, then the pages a
//! learner goes to next from the one on screen.

use super::PyroadmapApp;
use crate::ui::{self, Page};

impl PyroadmapApp {
    /// Queues the open page's code blocks for highlighting.
    pub(super) fn prewarm_page(&self, is_dark: bool) {
        let doc = match &self.page {
            Page::Topic(id) => self.course.topic(id).map(crate::course::Topic::doc),
            Page::Section(index) => self
                .course
                .sections
                .get(*index)
                .map(crate::course::Section::overview),
            Page::Home
            | Page::Map
            | Page::Playground
            | Page::Review
            | Page::Stats
            | Page::Project(_) => None,
        };
        if let Some(doc) = doc {
            self.highlighter.prewarm(ui::code_blocks_of(doc), is_dark);
        }
    }

    /// Queues the code of the pages a learner goes to next from this one
    /// (the topics before and after it, its section's overview), so they
    /// open highlighted. Other pages are highlighted when they open: the
    /// whole course's highlights are not kept in memory ahead of need.
    pub(super) fn prewarm_neighbours(&self, is_dark: bool) {
        let course = &self.course;
        let mut docs = Vec::new();
        match &self.page {
            Page::Topic(id) => {
                let next_and_previous = [course.neighbour(id, 1), course.neighbour(id, -1)];
                docs.extend(
                    next_and_previous
                        .into_iter()
                        .flatten()
                        .map(crate::course::Topic::doc),
                );
                let section = course.topic(id).map(|t| t.section_index);
                docs.extend(
                    section
                        .and_then(|s| course.sections.get(s))
                        .map(crate::course::Section::overview),
                );
            }
            Page::Section(index) => {
                let section = course.sections.get(*index);
                docs.extend(
                    section
                        .and_then(|s| s.topics.first())
                        .map(crate::course::Topic::doc),
                );
            }
            Page::Home
            | Page::Map
            | Page::Playground
            | Page::Review
            | Page::Stats
            | Page::Project(_) => {
                let next = ui::continue_topic(course, &self.progress);
                docs.extend(next.map(crate::course::Topic::doc));
            }
        }
        for doc in docs {
            self.highlighter.prewarm(ui::code_blocks_of(doc), is_dark);
        }
    }
}
