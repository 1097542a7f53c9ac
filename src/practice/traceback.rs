//! Reading Python's tracebacks: which line of the learner's code an error
//! blames, and the traceback in words without the run's temporary folder.
//! Plain text in, plain data out, so the editor's error marker, the run's
//! output and an error explainer read them the same way.

use super::RunView;
use super::runner::SOLUTION_FILE;

/// The line of the learner's code that the traceback in `stderr` blames
/// last (the innermost frame in their file), if any.
pub fn blamed_line(stderr: &str) -> Option<usize> {
    stderr
        .lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("File \"")?;
            let (file, rest) = rest.split_once('"')?;
            if !file.ends_with(SOLUTION_FILE) {
                return None;
            }
            rest.trim_start_matches(", line ")
                .split(',')
                .next()?
                .trim()
                .parse()
                .ok()
        })
        .next_back()
}

/// The line of `code` a run's traceback blames last, if any; none when the
/// code was edited since it ran (the line may be another one now).
pub fn error_line(view: &RunView, code: &str) -> Option<usize> {
    if !view.is_for(code) {
        return None;
    }
    blamed_line(&view.stderr())
}

/// Rewrites the temporary folder out of a traceback: `your code, line 3`.
pub fn readable_traceback(text: &str) -> String {
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            match trimmed
                .strip_prefix("File \"")
                .and_then(|r| r.split_once('"'))
            {
                Some((file, rest)) if file.ends_with(SOLUTION_FILE) => {
                    let indent = &line[..line.len() - trimmed.len()];
                    format!("{indent}In your code{rest}")
                }
                _ => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracebacks_name_the_learners_line() {
        let view = RunView {
            output: vec![(
                "Traceback (most recent call last):\n  File \"/tmp/pyroadmap-run-x/solution.py\", line 3, in <module>\n    1/0\nZeroDivisionError: division by zero\n".into(),
                true,
            )],
            ..RunView::default()
        };
        assert_eq!(error_line(&view, ""), Some(3));
        assert_eq!(
            error_line(&view, "print('edited since')"),
            None,
            "an edit since the run may have moved the line"
        );
        assert!(
            readable_traceback(&view.output[0].0).contains("  In your code, line 3, in <module>")
        );
    }
}
