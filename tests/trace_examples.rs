//! The stepper can step through every runnable standard-library example in
//! the course: the tracer records each one (or stops it with the clear
//! "too many steps" message), prints what the example prints, and never
//! crashes.

use std::sync::Mutex;
use std::time::Duration;

use pyroadmap::course::{self, Block, CodeBlock, visit_blocks};
use pyroadmap::practice::trace::{DEFAULT_MAX_STEPS, TraceEnd};
use pyroadmap::practice::{Limits, Run, RunEvent, RunRequest, find_python};

/// Every runnable python example without packages, with where it is.
fn runnable_examples() -> Vec<(String, CodeBlock)> {
    let loaded = course::load_embedded();
    let mut out = Vec::new();
    for section in &loaded.course.sections {
        let docs = std::iter::once((format!("{}/index.md", section.id), section.overview())).chain(
            section
                .topics
                .iter()
                .map(|t| (format!("{}/{}.md", section.id, t.id), t.doc())),
        );
        for (path, doc) in docs {
            visit_blocks(&doc.blocks, &mut |block| {
                if let Block::Code(code) = block
                    && code.is_runnable_python()
                    && code.needs().is_empty()
                {
                    out.push((format!("{path}:{}", code.line), code.clone()));
                }
            });
        }
    }
    out
}

#[test]
fn every_standard_library_example_can_be_stepped() {
    let Ok(python) = find_python(&[vec!["python3".into()], vec!["python".into()]]) else {
        eprintln!("\n!!!!! SKIPPED: no python3 on PATH, so no example was traced. !!!!!\n");
        return;
    };
    let version = (python.version.0, python.version.1);
    let examples: Vec<(String, CodeBlock)> = runnable_examples()
        .into_iter()
        .filter(|(_, code)| code.min_python().is_none_or(|min| min <= version))
        .collect();
    assert!(
        examples.len() > 50,
        "only {} examples found",
        examples.len()
    );
    let failures = Mutex::new(Vec::new());
    let limited = Mutex::new(0usize);
    let next = Mutex::new(0usize);
    std::thread::scope(|scope| {
        for _ in 0..3 {
            scope.spawn(|| {
                loop {
                    let index = {
                        let mut n = next.lock().unwrap();
                        *n += 1;
                        *n - 1
                    };
                    let Some((place, code)) = examples.get(index) else {
                        break;
                    };
                    match step_through(&python, code) {
                        Ok(true) => *limited.lock().unwrap() += 1,
                        Ok(false) => {}
                        Err(problem) => {
                            failures.lock().unwrap().push(format!("{place}: {problem}"));
                        }
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    eprintln!(
        "traced {} examples with Python {}.{} ({} stopped at the step limit)",
        examples.len(),
        version.0,
        version.1,
        limited.into_inner().unwrap()
    );
    assert!(
        failures.is_empty(),
        "{} example(s) could not be stepped:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Traces one example; Ok(true) when it stopped at the step limit.
fn step_through(
    python: &pyroadmap::practice::Interpreter,
    code: &CodeBlock,
) -> Result<bool, String> {
    let request = RunRequest {
        python: python.clone(),
        code: code.text.clone(),
        stdin: None,
        checks: None,
        limits: Limits {
            time: Duration::from_secs(30),
            ..Limits::default()
        },
    };
    let run = Run::trace(request, DEFAULT_MAX_STEPS, || {});
    let (mut out, mut err) = (String::new(), String::new());
    let outcome = loop {
        match run.wait_event(Duration::from_secs(90)) {
            Some(RunEvent::Output { text, is_stderr }) => {
                if is_stderr { &mut err } else { &mut out }.push_str(&text);
            }
            Some(RunEvent::Finished(outcome)) => break outcome,
            None => return Err("the run never finished".into()),
        }
    };
    if err.contains("tracer.py") || err.contains("trace_heap.py") {
        return Err(format!("the tracer crashed:\n{err}"));
    }
    let trace = outcome.trace.as_deref().ok_or("no trace came back")?;
    if trace.unreadable_lines > 0 {
        return Err(format!(
            "{} trace lines could not be read",
            trace.unreadable_lines
        ));
    }
    if trace.steps.is_empty() {
        return Err(format!("no step was recorded; stderr:\n{err}"));
    }
    match trace.end {
        TraceEnd::StepLimit(_) => {
            let message = trace.end_message().unwrap_or_default();
            if message != "Stopped after 1,000 steps: the program may loop forever" {
                return Err(format!("the step limit says {message:?}"));
            }
            Ok(true)
        }
        TraceEnd::Finished | TraceEnd::Exit(0) => {
            let expected = code.output.clone().unwrap_or_default();
            if code.output.is_some() && out.replace("\r\n", "\n") != expected {
                return Err(format!(
                    "under the tracer it printed:\n{out}--- but the output block says:\n{expected}"
                ));
            }
            Ok(false)
        }
        other => Err(format!("the trace ended with {other:?}; stderr:\n{err}")),
    }
}
