//! Exercises: one Markdown file each, at
//! `<section>/exercises/<topic>/<NN>-<slug>.md`, with a task, starter code,
//! a reference solution, checks and hints (format: content/README.md).

use super::markdown::{self, Block, CodeBlock, ParseProblem, Span, plain_text};

/// One exercise. Its id (the file name without `.md`) keys the learner's
/// work and never changes once shipped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Exercise {
    pub id: String,
    pub title: String,
    /// The task, as lesson blocks.
    pub task: Vec<Block>,
    pub starter: String,
    pub solution: String,
    /// Python run after the learner's code, with the checker's helpers.
    pub checks: String,
    /// One to three hints, revealed one at a time.
    pub hints: Vec<Vec<Span>>,
    /// Packages the exercise needs (`needs=` on its solution block).
    pub needs: Vec<String>,
}

/// An exercise file as the pack lists it: its id at once, its parts parsed
/// the first time anything asks for them, so opening the app does not parse
/// hundreds of files. Derefs to the parsed `Exercise`.
#[derive(Clone, Debug, Default)]
pub struct ExerciseFile {
    /// The file name without `.md`: the key of the learner's work.
    pub id: String,
    /// The file's text (lent from the program, unread, for the built-in pack).
    text: super::pack::PackText,
    parsed: std::sync::OnceLock<(Exercise, Vec<ParseProblem>)>,
}

impl ExerciseFile {
    /// An exercise from its file's text; nothing is parsed yet.
    pub fn new(id: &str, text: super::pack::PackText) -> Self {
        Self {
            id: id.to_owned(),
            text,
            parsed: std::sync::OnceLock::new(),
        }
    }

    fn parsed(&self) -> &(Exercise, Vec<ParseProblem>) {
        self.parsed.get_or_init(|| parse(&self.id, self.text.get()))
    }

    /// What is wrong with the file, with 1-based lines.
    pub fn problems(&self) -> &[ParseProblem] {
        &self.parsed().1
    }
}

impl std::ops::Deref for ExerciseFile {
    type Target = Exercise;

    fn deref(&self) -> &Exercise {
        &self.parsed().0
    }
}

/// The parts of an exercise file, in order.
const PARTS: [&str; 4] = ["Starter", "Solution", "Checks", "Hints"];

/// Whether `id` is `NN-words-like-this`.
pub fn is_valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    bytes.len() > 3
        && bytes[0].is_ascii_digit()
        && bytes[1].is_ascii_digit()
        && bytes[2] == b'-'
        && id[3..]
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Parses one exercise file; problems come with their 1-based line.
pub fn parse(id: &str, source: &str) -> (Exercise, Vec<ParseProblem>) {
    let (doc, mut problems) = markdown::parse(source);
    let mut exercise = Exercise {
        id: id.to_owned(),
        title: doc.title.clone(),
        ..Exercise::default()
    };
    if !is_valid_id(id) {
        problems.push(ParseProblem {
            line: 1,
            message: format!(
                "the file name `{id}.md` is not `NN-words.md` (two digits, a dash, lowercase words joined by dashes)"
            ),
        });
    }
    if doc.title.is_empty() {
        problems.push(ParseProblem {
            line: 1,
            message: "no `# Title`: the first line must be a level-1 heading".into(),
        });
    }
    let mut part: Option<&str> = None;
    let mut seen: Vec<&str> = Vec::new();
    let mut codes: [Option<CodeBlock>; 3] = [None, None, None];
    for block in doc.blocks {
        if let Block::Heading { level: 2, spans } = &block {
            let name = plain_text(spans);
            match PARTS.iter().find(|p| **p == name) {
                Some(found) => {
                    part = Some(found);
                    seen.push(found);
                }
                None => problems.push(ParseProblem {
                    line: code_line(source, &format!("## {name}")),
                    message: format!(
                        "unknown part `## {name}`: an exercise has `## Starter`, `## Solution`, `## Checks` and `## Hints`"
                    ),
                }),
            }
            continue;
        }
        match (part, block) {
            (None, block) => exercise.task.push(block),
            (Some(name), Block::Code(code)) if name != "Hints" => {
                let slot = &mut codes[PARTS.iter().position(|p| *p == name).unwrap_or(0)];
                if slot.is_none() {
                    *slot = Some(code);
                }
            }
            (Some("Hints"), Block::List { items, .. }) => {
                exercise.hints.extend(items.iter().map(|item| {
                    item.iter()
                        .flat_map(|b| match b {
                            Block::Paragraph(spans) => spans.clone(),
                            _ => Vec::new(),
                        })
                        .collect()
                }));
            }
            _ => {}
        }
    }
    let order: Vec<&str> = PARTS.iter().copied().filter(|p| seen.contains(p)).collect();
    if seen != order {
        problems.push(ParseProblem {
            line: 1,
            message: "the parts must come in this order: Starter, Solution, Checks, Hints".into(),
        });
    }
    for (index, name) in PARTS[..3].iter().enumerate() {
        match &codes[index] {
            Some(code) if code.lang == "python" => {
                let text = code.text.clone();
                match index {
                    0 => exercise.starter = text,
                    1 => {
                        exercise.needs = code.needs().iter().map(|n| (*n).to_owned()).collect();
                        exercise.solution = text;
                    }
                    _ => exercise.checks = text,
                }
            }
            Some(code) => problems.push(ParseProblem {
                line: code.line,
                message: format!(
                    "the `## {name}` code must be a ```python block, not ```{}",
                    code.lang
                ),
            }),
            None => problems.push(ParseProblem {
                line: 1,
                message: format!("missing `## {name}` with a ```python block"),
            }),
        }
    }
    if !(1..=3).contains(&exercise.hints.len()) {
        problems.push(ParseProblem {
            line: code_line(source, "## Hints"),
            message: format!(
                "an exercise has 1 to 3 hints as a numbered list under `## Hints`; found {}",
                exercise.hints.len()
            ),
        });
    }
    (exercise, problems)
}

/// The 1-based line where `text` starts a line, or 1.
fn code_line(source: &str, text: &str) -> usize {
    source
        .lines()
        .position(|l| l.trim_end() == text)
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "# Count the vowels\n\nWrite `count_vowels(text)`.\n\n## Starter\n\n```python\ndef count_vowels(text):\n    pass\n```\n\n## Solution\n\n```python\ndef count_vowels(text):\n    return sum(c in 'aeiou' for c in text.lower())\n```\n\n## Checks\n\n```python\nexpect_equal(\"count_vowels('Sky')\", 0)\n```\n\n## Hints\n\n1. Loop over the letters.\n2. `sum()` counts `True` as 1.\n";

    #[test]
    fn a_good_exercise_has_every_part() {
        let (exercise, problems) = parse("01-count-vowels", GOOD);
        assert_eq!(problems, []);
        assert_eq!(exercise.title, "Count the vowels");
        assert_eq!(exercise.task.len(), 1);
        assert!(exercise.starter.contains("pass"));
        assert!(exercise.solution.contains("sum("));
        assert!(exercise.checks.starts_with("expect_equal"));
        assert_eq!(exercise.hints.len(), 2);
        assert_eq!(plain_text(&exercise.hints[1]), "sum() counts True as 1.");
    }

    #[test]
    fn missing_parts_bad_names_and_too_many_hints_are_reported() {
        let broken = GOOD
            .replace("## Solution", "## Answer")
            .replace("2. `sum()`", "2. a\n3. b\n4. c\n5. `sum()`");
        let (_, problems) = parse("1-count", &broken);
        let messages: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.line, p.message))
            .collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`1-count.md` is not `NN-words.md`")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("12: unknown part `## Answer`")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("missing `## Solution`")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("1 to 3 hints") && m.contains("found 5")),
            "{messages:?}"
        );
    }
}
