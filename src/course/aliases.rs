//! The pack's alias table (`aliases.ron`): words learners type that the
//! lessons say another way ("constructor" for `__init__`), so that search
//! finds the lesson about them.

use serde::Deserialize;

use super::{Course, PackSource, Problem};

/// The file of the pack that holds the table; a pack may leave it out.
pub const FILE: &str = "aliases.ron";

/// One alias: what a learner may type, what the lessons call it and the
/// topics that teach it.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    /// Words a learner types, all of them in this order ("list comp").
    pub say: String,
    /// The lessons' words for it, searched as well (may be empty).
    #[serde(default)]
    pub means: String,
    /// Topic ids that teach it, best first.
    pub topics: Vec<String>,
}

/// Reads the pack's alias table; a missing file is an empty table, a broken
/// one is a problem (and an empty table).
pub fn load(source: &PackSource, problems: &mut Vec<Problem>) -> Vec<Alias> {
    let text = match source.read(FILE) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(error) => {
            problems.push(Problem {
                path: source.display_path(FILE),
                line: 1,
                message: format!("cannot read the alias table: {error}"),
            });
            return Vec::new();
        }
    };
    match ron::from_str::<Vec<Alias>>(&text) {
        Ok(aliases) => aliases,
        Err(error) => {
            problems.push(Problem {
                path: source.display_path(FILE),
                line: error.span.start.line,
                message: format!("the alias table does not read: {}", error.code),
            });
            Vec::new()
        }
    }
}

/// Problems with aliases: unknown topics, empty or repeated `say` words.
pub fn check(course: &Course, source: &PackSource, problems: &mut Vec<Problem>) {
    let text = source.read(FILE).unwrap_or_default();
    // The nth line that has `needle` (the same alias may be listed twice).
    let line_of = |needle: &str, nth: usize| {
        text.lines()
            .enumerate()
            .filter(|(_, line)| line.contains(needle))
            .nth(nth)
            .map_or(1, |(i, _)| i + 1)
    };
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for alias in &course.aliases {
        let say = alias.say.trim().to_lowercase();
        let quoted = format!("say: \"{}\"", alias.say);
        let times = seen.entry(say.clone()).or_default();
        *times += 1;
        let (line, times) = (line_of(&quoted, *times - 1), *times);
        let mut problem = |message: String| {
            problems.push(Problem {
                path: source.display_path(FILE),
                line,
                message,
            });
        };
        if say.is_empty() {
            problem("an alias has nothing in `say`".into());
        } else if times > 1 {
            problem(format!(
                "the alias `{say}` is listed twice: merge its topics"
            ));
        }
        if alias.topics.is_empty() {
            problem(format!("the alias `{say}` names no topic"));
        }
        for topic in &alias.topics {
            if course.topic(topic).is_none() {
                problem(format!(
                    "the alias `{say}` points at `{topic}`, which is not a topic in roadmap.ron"
                ));
            }
        }
    }
}
