//! Errors explained in plain words: `explain.py`, run inside the learner's
//! Python, turns the exception a run ended with into what happened, the
//! learner's line and how to fix it, from the exception object, the
//! frame's names and the source. It comes back as JSON through a file in
//! the run folder, so nothing the program prints can forge it.

use std::path::Path;

/// The explainer, written into every run folder (the checker and the
/// runner import it; so can a tracer).
pub const EXPLAINER: &str = include_str!("explain.py");
/// Runs `solution.py` as `python solution.py` would and, when it ends with
/// an uncaught exception, writes [`EXPLANATION_FILE`].
pub const RUN_WRAPPER: &str = include_str!("run.py");
/// The file `run.py` writes the explanation to.
pub const EXPLANATION_FILE: &str = "explanation.json";

/// The longest sentence kept: the file sits in a folder the learner's
/// code can write to, so its size is not trusted.
const MAX_SENTENCE_CHARS: usize = 1_000;

/// Why a run ended with an exception, in plain words. Text between
/// backticks is code.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct Explanation {
    /// What happened, in one sentence.
    pub what: String,
    /// The learner's line (1-based) the error happened on.
    #[serde(default)]
    pub line: Option<u32>,
    /// How to fix it, in one sentence.
    pub fix: String,
}

impl Explanation {
    /// The explanation in `text` (JSON), if it is one.
    pub fn parse(text: &str) -> Option<Self> {
        let explanation: Self = serde_json::from_str(text).ok()?;
        let is_sentence = |s: &str| !s.trim().is_empty() && s.chars().count() <= MAX_SENTENCE_CHARS;
        (is_sentence(&explanation.what) && is_sentence(&explanation.fix)).then_some(explanation)
    }

    /// The explanation `run.py` left in `folder`, if any.
    pub fn read(folder: &Path) -> Option<Self> {
        let path = folder.join(EXPLANATION_FILE);
        // A file far larger than three sentences is not ours.
        if std::fs::metadata(&path).ok()?.len() > 16 * 1024 {
            return None;
        }
        Self::parse(&std::fs::read_to_string(path).ok()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explanation_needs_both_sentences() {
        let parsed = Explanation::parse(r#"{"what": "`x` is 0.", "line": 3, "fix": "Check it."}"#);
        assert_eq!(
            parsed,
            Some(Explanation {
                what: "`x` is 0.".into(),
                line: Some(3),
                fix: "Check it.".into()
            })
        );
        assert_eq!(
            Explanation::parse(r#"{"what": "a", "line": null, "fix": "b"}"#).map(|e| e.line),
            Some(None)
        );
        assert_eq!(
            Explanation::parse(r#"{"what": "", "line": 1, "fix": "b"}"#),
            None
        );
        assert_eq!(Explanation::parse("not json"), None);
    }
}
