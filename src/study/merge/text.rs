//! Three-way merge of one text (a note, the learner's code) that two
//! windows changed from the same base: changes to different parts are both
//! applied, and only a part both changed differently is kept twice, once in
//! each version, under a marker. The result is never fed whole texts twice,
//! so two windows typing in one note converge instead of doubling it.

use std::time::{Duration, Instant};

use similar::{Algorithm, DiffTag};

/// How a part that both sides changed differently is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Both versions, the newer first and the older after this marker line.
    /// Text both sides inserted at the same place is kept as typed; a part
    /// that either side changed is kept in whole lines.
    Note(&'static str),
    /// The newer version runs; the older follows this marker line, each of
    /// its lines commented out. Always whole lines, so the code still runs.
    Code(&'static str),
}

/// One side's text and when it last changed.
#[derive(Clone, Copy, Debug)]
pub struct Version<'a> {
    pub text: &'a str,
    pub ms: u64,
}

/// Past this many tokens in the part that differs, a side's change is taken
/// as one block (the diff would cost more than it is worth).
const MAX_TOKENS: usize = 50_000;
/// How long one diff may take before settling for a coarser answer.
const DIFF_DEADLINE: Duration = Duration::from_millis(200);

/// Merges `ours` and `theirs`, which both started from `base`. Symmetric:
/// swapping the sides gives the same text.
pub fn merge3(base: &str, ours: Version<'_>, theirs: Version<'_>, style: Style) -> String {
    if ours.text == theirs.text || theirs.text == base {
        return ours.text.to_owned();
    }
    if ours.text == base {
        return theirs.text.to_owned();
    }
    let mut hunks: Vec<Hunk<'_>> = changes(base, ours.text, Side::Ours);
    hunks.extend(changes(base, theirs.text, Side::Theirs));
    hunks.sort_by_key(|h| (h.start, h.end, h.side));
    let newer_is_ours = (ours.ms, ours.text) >= (theirs.ms, theirs.text);

    // Groups of changes that touch the same part; a conflict that must be
    // shown in whole lines widens its group, which may swallow others.
    let mut widened: Vec<(usize, usize)> = Vec::new();
    let groups = loop {
        let groups = group(&hunks, &widened);
        let mut wanted: Vec<(usize, usize)> = groups
            .iter()
            .filter(|g| g.is_conflict(base) && g.needs_lines(style))
            .map(|g| line_bounds(base, g.start, g.end))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        if wanted.iter().all(|w| widened.contains(w)) {
            break groups;
        }
        widened.extend(wanted);
        widened.sort_unstable();
        widened.dedup();
    };

    let mut out = String::with_capacity(ours.text.len().max(theirs.text.len()));
    let mut at = 0;
    for g in &groups {
        out.push_str(&base[at..g.start]);
        let ours_part = g.version(base, Side::Ours);
        let theirs_part = g.version(base, Side::Theirs);
        if !g.has(Side::Theirs) || ours_part == theirs_part {
            out.push_str(&ours_part);
        } else if !g.has(Side::Ours) {
            out.push_str(&theirs_part);
        } else {
            let (newer, older) = if newer_is_ours {
                (ours_part, theirs_part)
            } else {
                (theirs_part, ours_part)
            };
            push_conflict(&mut out, &newer, &older, style, g.end == base.len());
        }
        at = g.end;
    }
    out.push_str(&base[at..]);
    out
}

fn push_conflict(out: &mut String, newer: &str, older: &str, style: Style, is_at_end: bool) {
    match style {
        Style::Note(marker) => {
            out.push_str(newer);
            out.push_str("\n\n");
            out.push_str(marker);
            out.push('\n');
            out.push_str(older);
        }
        Style::Code(marker) => {
            out.push_str(newer);
            out.push_str("\n\n");
            out.push_str(marker);
            out.push('\n');
            let commented: Vec<String> = older.lines().map(|l| format!("# {l}")).collect();
            out.push_str(&commented.join("\n"));
            if is_at_end || older.ends_with('\n') {
                out.push('\n');
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    Ours,
    Theirs,
}

/// One side replaced `base[start..end]` with `text`.
#[derive(Clone, Copy, Debug)]
struct Hunk<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    side: Side,
}

impl Hunk<'_> {
    fn is_insertion(&self) -> bool {
        self.start == self.end
    }
}

/// Changes that touch one part of the base.
struct Group<'h, 'a> {
    start: usize,
    end: usize,
    hunks: Vec<&'h Hunk<'a>>,
    /// Widened to whole lines: changes that touch its edges join it.
    is_widened: bool,
}

impl Group<'_, '_> {
    fn has(&self, side: Side) -> bool {
        self.hunks.iter().any(|h| h.side == side)
    }

    /// Both sides changed this part, differently.
    fn is_conflict(&self, base: &str) -> bool {
        self.has(Side::Ours)
            && self.has(Side::Theirs)
            && self.version(base, Side::Ours) != self.version(base, Side::Theirs)
    }

    /// Whether a conflict here is shown in whole lines.
    fn needs_lines(&self, style: Style) -> bool {
        match style {
            Style::Code(_) => true,
            // Text both inserted at one place is shown as typed.
            Style::Note(_) => self.start < self.end || self.hunks.iter().any(|h| !h.is_insertion()),
        }
    }

    /// The part as `side` has it.
    fn version(&self, base: &str, side: Side) -> String {
        let mut out = String::new();
        let mut at = self.start;
        for hunk in self.hunks.iter().filter(|h| h.side == side) {
            out.push_str(&base[at..hunk.start]);
            out.push_str(hunk.text);
            at = hunk.end;
        }
        out.push_str(&base[at..self.end]);
        out
    }
}

/// Sorts the hunks into groups: changes of the two sides that overlap, or
/// insert at the same place, or fall in a widened range, are one group.
fn group<'h, 'a>(hunks: &'h [Hunk<'a>], widened: &[(usize, usize)]) -> Vec<Group<'h, 'a>> {
    let mut groups: Vec<Group<'h, 'a>> = Vec::new();
    for hunk in hunks {
        let joins = groups.last().is_some_and(|g| {
            if g.is_widened {
                hunk.start <= g.end
            } else if g.start == g.end {
                // Insertions at one place: another there, or a change around it.
                (hunk.is_insertion() && hunk.start == g.start)
                    || (hunk.start < g.start && g.start < hunk.end)
            } else if hunk.is_insertion() {
                g.start < hunk.start && hunk.start < g.end
            } else {
                hunk.start < g.end
            }
        });
        if joins && let Some(g) = groups.last_mut() {
            g.end = g.end.max(hunk.end);
            g.hunks.push(hunk);
        } else {
            groups.push(Group {
                start: hunk.start,
                end: hunk.end,
                hunks: vec![hunk],
                is_widened: false,
            });
        }
    }
    // Widened ranges swallow the groups they touch.
    for &(start, end) in widened {
        let mut merged = Group {
            start,
            end,
            hunks: Vec::new(),
            is_widened: true,
        };
        let mut rest = Vec::with_capacity(groups.len());
        for g in groups {
            let touches = g.start <= merged.end && g.end >= merged.start;
            if touches {
                merged.start = merged.start.min(g.start);
                merged.end = merged.end.max(g.end);
                merged.hunks.extend(g.hunks);
            } else {
                rest.push(g);
            }
        }
        merged.hunks.sort_by_key(|h| (h.start, h.end, h.side));
        rest.push(merged);
        rest.sort_by_key(|g| (g.start, g.end));
        groups = rest;
    }
    groups
}

/// The whole lines of `base` around `start..end`.
fn line_bounds(base: &str, start: usize, end: usize) -> (usize, usize) {
    let start = base[..start].rfind('\n').map_or(0, |i| i + 1);
    let end = if end > start && base[..end].ends_with('\n') {
        end
    } else {
        base[end..].find('\n').map_or(base.len(), |i| end + i)
    };
    (start, end)
}

/// What `side` changed from `base`, as replaced byte ranges of `base`.
fn changes<'a>(base: &str, text: &'a str, side: Side) -> Vec<Hunk<'a>> {
    let prefix = common_prefix(base, text);
    let suffix = common_suffix(&base[prefix..], &text[prefix..]);
    let old = &base[prefix..base.len() - suffix];
    let new = &text[prefix..text.len() - suffix];
    let whole = || Hunk {
        start: prefix,
        end: prefix + old.len(),
        text: new,
        side,
    };
    if old.is_empty() || new.is_empty() {
        return vec![whole()];
    }
    let old_tokens = tokens(old);
    let new_tokens = tokens(new);
    if old_tokens.len() > MAX_TOKENS || new_tokens.len() > MAX_TOKENS {
        return vec![whole()];
    }
    let old_at = offsets(&old_tokens);
    let new_at = offsets(&new_tokens);
    let ops = similar::capture_diff_slices_deadline(
        Algorithm::Myers,
        &old_tokens,
        &new_tokens,
        Some(Instant::now() + DIFF_DEADLINE),
    );
    // (base start, base end, text start, text end), next changes joined.
    let mut spans: Vec<(usize, usize, usize, usize)> = Vec::new();
    for op in ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        let span = (
            old_at[old_range.start],
            old_at[old_range.end],
            new_at[new_range.start],
            new_at[new_range.end],
        );
        match spans.last_mut() {
            // Next to the last change, or (as the diff may report an
            // insertion inside a deletion) overlapping it: one change, so
            // a side's changes never overlap.
            Some(last) if span.0 < last.1 || (last.1 == span.0 && last.3 == span.2) => {
                last.0 = last.0.min(span.0);
                last.1 = last.1.max(span.1);
                last.2 = last.2.min(span.2);
                last.3 = last.3.max(span.3);
            }
            _ => spans.push(span),
        }
    }
    spans
        .into_iter()
        .map(|(start, end, text_start, text_end)| Hunk {
            start: prefix + start,
            end: prefix + end,
            text: &new[text_start..text_end],
            side,
        })
        .collect()
}

/// Words, runs of spaces and single other characters: a diff by these
/// keeps typed words whole.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut previous: Option<u8> = None;
    for (i, c) in text.char_indices() {
        let class = if c == '\n' {
            0
        } else if c.is_whitespace() {
            1
        } else if c.is_alphanumeric() || c == '_' {
            2
        } else {
            3
        };
        // Newlines and punctuation are a token each; words and spaces run.
        let continues = previous == Some(class) && (class == 1 || class == 2);
        if i > start && !continues {
            out.push(&text[start..i]);
            start = i;
        }
        previous = Some(class);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Where each token starts, and the end.
fn offsets(tokens: &[&str]) -> Vec<usize> {
    let mut out = Vec::with_capacity(tokens.len() + 1);
    let mut at = 0;
    out.push(0);
    for token in tokens {
        at += token.len();
        out.push(at);
    }
    out
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The bytes `a` and `b` start with alike, never ending inside a word of
/// either: a word one side extended is that side's change, whole.
fn common_prefix(a: &str, b: &str) -> usize {
    let mut n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(n) || !b.is_char_boundary(n) {
        n -= 1;
    }
    let is_word_after = |text: &str, at: usize| text[at..].chars().next().is_some_and(is_word);
    while let Some(last) = a[..n].chars().next_back()
        && is_word(last)
        && (is_word_after(a, n) || is_word_after(b, n))
    {
        n -= last.len_utf8();
    }
    n
}

/// The bytes `a` and `b` end with alike, never starting inside a word.
fn common_suffix(a: &str, b: &str) -> usize {
    let mut n = a
        .bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count();
    while !a.is_char_boundary(a.len() - n) || !b.is_char_boundary(b.len() - n) {
        n -= 1;
    }
    let is_word_before =
        |text: &str, end: usize| text[..end].chars().next_back().is_some_and(is_word);
    while let Some(first) = a[a.len() - n..].chars().next()
        && is_word(first)
        && (is_word_before(a, a.len() - n) || is_word_before(b, b.len() - n))
    {
        n -= first.len_utf8();
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: Style = Style::Note("-- M --");
    const CODE: Style = Style::Code("# -- M --");

    fn v(text: &str, ms: u64) -> Version<'_> {
        Version { text, ms }
    }

    #[test]
    fn a_word_one_side_extended_and_the_other_deleted_is_kept() {
        // Found by the merge proptest: "ea" was merged as "a".
        let merged = merge3("e", v("", 100), v("ea", 101), Style::Note("--"));
        assert!(merged.contains("ea"), "{merged:?}");
        let merged = merge3("e", v("ea", 101), v("", 100), Style::Note("--"));
        assert!(merged.contains("ea"), "{merged:?}");
    }

    #[test]
    fn one_side_emptying_a_text_the_other_rewrote_keeps_the_rewrite() {
        // Found by the merge proptest: a slice out of order, a panic.
        let merged = merge3(" d  a ", v("  b b", 100), v("", 101), Style::Note("--"));
        assert!(merged.contains("b b"), "{merged:?}");
        let merged = merge3("u a  ", v(" e", 100), v("ua e", 101), Style::Note("--"));
        assert!(merged.contains("ua"), "{merged:?}");
    }

    #[test]
    fn changes_to_different_parts_are_both_applied() {
        let base = "one two three\nfour five\n";
        let ours = "one 2 three\nfour five\n";
        let theirs = "one two three\nfour five six\n";
        let merged = merge3(base, v(ours, 1), v(theirs, 2), NOTE);
        assert_eq!(merged, "one 2 three\nfour five six\n");
        assert_eq!(merge3(base, v(theirs, 2), v(ours, 1), NOTE), merged);
    }

    #[test]
    fn text_inserted_at_one_place_is_kept_once_each() {
        let merged = merge3("Dicts:", v("Dicts: keys", 1), v("Dicts: ordered", 2), NOTE);
        assert_eq!(merged, "Dicts: ordered\n\n-- M --\n keys");
    }

    #[test]
    fn a_part_both_changed_is_kept_in_whole_lines_once() {
        let base = "a\nI like cats a lot\nz";
        let merged = merge3(
            base,
            v("a\nI like dogs a lot\nz", 1),
            v("a\nI like birds a lot\nz", 2),
            NOTE,
        );
        assert_eq!(
            merged,
            "a\nI like birds a lot\n\n-- M --\nI like dogs a lot\nz"
        );
    }

    #[test]
    fn code_keeps_the_older_version_commented_in_whole_lines() {
        let base = "x = 1\nprint(x)\n";
        let merged = merge3(
            base,
            v("x = 1\nprint(x + 1)\n", 1),
            v("x = 1\nprint(x * 2)\n", 2),
            CODE,
        );
        assert_eq!(merged, "x = 1\nprint(x * 2)\n\n# -- M --\n# print(x + 1)\n");
    }

    #[test]
    fn a_prepended_block_and_typing_at_the_end_merge_cleanly() {
        let base = "notes so far";
        let ours = "notes so far and more";
        let theirs = "from b\n\n-- M --\nnotes so far";
        assert_eq!(
            merge3(base, v(ours, 5), v(theirs, 4), NOTE),
            "from b\n\n-- M --\nnotes so far and more"
        );
    }
}
