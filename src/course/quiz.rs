//! The quiz at the end of a lesson: a RON list of questions.

use serde::Deserialize;

/// One multiple-choice question.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Names the question for good: the learner's answer and review history
    /// stay with it when questions are added, removed or reordered. Unique
    /// in its quiz (`q1`, `q2`, ... or a word).
    #[serde(default)]
    pub id: String,
    pub question: String,
    /// An optional Python snippet shown under the question.
    #[serde(default)]
    pub code: Option<String>,
    pub choices: Vec<String>,
    /// 0-based index of the right choice.
    pub answer: usize,
    /// Why the right choice is right.
    pub explain: String,
    /// The same texts as inline spans (`code`, *emphasis*), parsed the
    /// first time they are shown (not at start-up: there are hundreds).
    #[serde(skip)]
    rich: std::sync::OnceLock<RichQuestion>,
}

/// A question's texts as the lesson shows them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RichQuestion {
    pub question: Vec<super::Span>,
    pub choices: Vec<Vec<super::Span>>,
    pub explain: Vec<super::Span>,
}

impl Question {
    /// The question, its choices and explanation as the lesson shows them.
    pub fn rich(&self) -> &RichQuestion {
        self.rich.get_or_init(|| RichQuestion {
            question: super::markdown::inline(&self.question),
            choices: self
                .choices
                .iter()
                .map(|c| super::markdown::inline(c))
                .collect(),
            explain: super::markdown::inline(&self.explain),
        })
    }

    /// A choice without its Markdown: its accessible name.
    pub fn plain_choice(&self, index: usize) -> String {
        self.rich()
            .choices
            .get(index)
            .map(|spans| super::markdown::plain_text(spans))
            .unwrap_or_default()
    }
}

/// Why a quiz block could not be read, at a 1-based line inside the block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizError {
    pub line: usize,
    pub message: String,
}

/// Reads a quiz block and checks that every answer points at a choice.
pub fn parse(text: &str) -> Result<Vec<Question>, QuizError> {
    // `code: "..."` reads as Some without the author writing `Some(...)`.
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let questions: Vec<Question> = options.from_str(text).map_err(|error| QuizError {
        line: error.span.start.line,
        message: format!(
            "{} (at line {}, column {} of the quiz)",
            error.code, error.span.start.line, error.span.start.col
        ),
    })?;
    if questions.is_empty() {
        return Err(QuizError {
            line: 1,
            message: "it has no questions".into(),
        });
    }
    let mut ids = std::collections::HashSet::new();
    for (index, q) in questions.iter().enumerate() {
        if q.id.trim().is_empty() {
            return Err(QuizError {
                line: 1,
                message: format!(
                    "question {} has no id: give it `id: \"q{}\"` (any name unique in this quiz; it must never change)",
                    index + 1,
                    index + 1
                ),
            });
        }
        if !ids.insert(q.id.as_str()) {
            return Err(QuizError {
                line: 1,
                message: format!(
                    "question {} has the id `{}` of an earlier question: ids must be unique in the quiz",
                    index + 1,
                    q.id
                ),
            });
        }
        if q.choices.len() < 2 {
            return Err(QuizError {
                line: 1,
                message: format!("question {} has fewer than two choices", index + 1),
            });
        }
        if q.answer >= q.choices.len() {
            return Err(QuizError {
                line: 1,
                message: format!(
                    "question {} has answer {} but only {} choices (answers count from 0)",
                    index + 1,
                    q.answer,
                    q.choices.len()
                ),
            });
        }
    }
    Ok(questions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_questions_with_optional_code() {
        let qs = parse(
            r#"[(id: "q1", question: "Q", code: "print(1)", choices: ["a", "b"], answer: 1, explain: "e")]"#,
        )
        .expect("valid quiz");
        assert_eq!(qs[0].answer, 1);
        assert_eq!(qs[0].code.as_deref(), Some("print(1)"));
    }

    #[test]
    fn malformed_quiz_reports_position() {
        let error =
            parse("[\n  (id: \"q1\", question: \"Q\", choices: [\"a\" \"b\"], answer: 0, explain: \"e\"),\n]")
                .unwrap_err();
        assert_eq!(error.line, 2);
        assert!(error.message.contains("line 2"), "{}", error.message);
    }

    #[test]
    fn answer_out_of_range_is_an_error() {
        let error =
            parse(r#"[(id: "q1", question: "Q", choices: ["a", "b"], answer: 2, explain: "e")]"#)
                .unwrap_err();
        assert!(
            error.message.contains("answer 2 but only 2 choices"),
            "{}",
            error.message
        );
    }

    #[test]
    fn every_question_needs_an_id_of_its_own() {
        let missing = parse(r#"[(question: "Q", choices: ["a", "b"], answer: 0, explain: "e")]"#)
            .unwrap_err();
        assert!(missing.message.contains("has no id"), "{}", missing.message);
        let twice = parse(
            r#"[(id: "a", question: "Q", choices: ["a", "b"], answer: 0, explain: "e"),
                (id: "a", question: "R", choices: ["a", "b"], answer: 0, explain: "e")]"#,
        )
        .unwrap_err();
        assert!(
            twice.message.contains("the id `a` of an earlier question"),
            "{}",
            twice.message
        );
    }
}
