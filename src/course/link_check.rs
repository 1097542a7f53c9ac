//! Checking a pack's links: each must be one the app opens, and each
//! `topic:` link must name a topic or section of the pack.

use std::borrow::Cow;

use super::{Block, Course, Document, Problem, Span, link, visit_blocks};

/// Every link the app would not open (`file:`, `javascript:`, a relative
/// path, ...) is a problem, at the first line of `text` that has it.
pub(super) fn check_link_schemes(
    doc: &Document,
    text: &str,
    path: &str,
    problems: &mut Vec<Problem>,
) {
    let mut refused: Vec<&str> = Vec::new();
    visit_blocks(&doc.blocks, &mut |block| {
        let spans: Vec<&Span> = match block {
            Block::Heading { spans, .. } | Block::Paragraph(spans) => spans.iter().collect(),
            Block::Table { header, rows } => header
                .iter()
                .chain(rows.iter().flatten())
                .flatten()
                .collect(),
            _ => Vec::new(),
        };
        for span in spans {
            if let Some(url) = &span.link
                && link::target(url) == link::LinkTarget::Refused
                // A link in several styles is several spans.
                && refused.last() != Some(&url.as_str())
            {
                refused.push(url);
            }
        }
    });
    for url in refused {
        let line = text
            .find(url)
            .map_or(1, |offset| text[..offset].matches('\n').count() + 1);
        problems.push(Problem {
            path: path.to_owned(),
            line,
            message: format!("the link `{url}` would not open: {}", link::REFUSED),
        });
    }
}

/// Every `topic:` link must name a topic (or a section) in the pack.
pub(super) fn check_links(
    course: &Course,
    sources: &[(String, Cow<'static, str>)],
    problems: &mut Vec<Problem>,
) {
    for (path, text) in sources {
        for (offset, _) in text.match_indices("](topic:") {
            let rest = &text[offset + "](topic:".len()..];
            let id: String = rest
                .chars()
                .take_while(|&c| c != ')' && !c.is_whitespace())
                .collect();
            if course.topic(&id).is_none() && course.section_index(&id).is_none() {
                problems.push(Problem {
                    path: path.clone(),
                    line: text[..offset].matches('\n').count() + 1,
                    message: format!("link to unknown topic `{id}`"),
                });
            }
        }
    }
}
