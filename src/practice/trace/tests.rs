use super::*;
use crate::practice::{Interpreter, Limits, Outcome, Run, RunEvent, RunRequest, find_python};
use std::time::Duration;

const RECORDED: &str = r#"{"kind":"step","event":"line","line":1,"done":null,"next":1,"frames":[{"name":"<module>","args":[],"vars":[]}],"heap":[]}
{"kind":"step","event":"line","line":2,"done":1,"next":2,"frames":[{"name":"<module>","vars":[["items",1]]}],"heap":[{"id":1,"kind":"list","type":"list","items":[["int","1"],["int","2"]]}],"printed":"hi\n"}
{"kind":"step","event":"line","line":3,"done":2,"next":3,"frames":[{"name":"<module>","vars":[["items",1],["copy",1],["total",["int","10"]]]}],"heap":[1]}
{"kind":"end","how":"step_limit","limit":1000}
"#;

#[test]
fn a_trace_file_reads_into_steps_with_objects_kept_from_step_to_step() {
    let trace = Trace::parse(RECORDED);
    assert_eq!(trace.steps.len(), 3);
    assert_eq!(trace.unreadable_lines, 0);
    let last = &trace.steps[2];
    assert_eq!((last.done, last.next), (Some(2), Some(3)));
    // The unchanged list is written once, and both names refer to it.
    let list = last.object(1).expect("the list is on the heap at step 3");
    assert_eq!(list.items.len(), 2);
    assert_eq!(last.frames[0].var("copy"), Some(&Value::Ref(1)));
    assert_eq!(trace.printed(0), "");
    assert_eq!(trace.printed(2), "hi\n");
    assert_eq!(
        trace.end_message().as_deref(),
        Some("Stopped after 1,000 steps: the program may loop forever")
    );
}

#[test]
fn a_frame_written_as_the_same_keeps_the_names_of_the_step_before() {
    let text = format!(
        "{}\n{}\n",
        RECORDED.lines().nth(2).unwrap(),
        r#"{"kind":"step","event":"line","line":4,"done":3,"next":4,"frames":[{"name":"<module>","same":true},{"name":"f","args":["n"],"vars":[["n",["int","2"]]]}],"heap":[1]}"#
    );
    let trace = Trace::parse(&text);
    assert_eq!(trace.unreadable_lines, 0);
    let step = &trace.steps[1];
    assert_eq!(step.frames[0].vars, trace.steps[0].frames[0].vars);
    assert_eq!(
        step.frames[0].var("total"),
        Some(&Value::Inline {
            type_name: "int".into(),
            text: "10".into()
        })
    );
    assert!(step.frames[1].var("n").is_some());
}

#[test]
fn each_step_is_described_in_words() {
    let trace = Trace::parse(RECORDED);
    assert_eq!(
        trace.describe(2),
        "Line 2: `items` and `copy` refer to the same list; `total` is 10. Line 3 runs next."
    );
    assert_eq!(
        trace.describe(1),
        "Line 1: `items` is a list of 2 items. Line 2 runs next."
    );
    assert_eq!(trace.describe(0), "Start: no names yet. Line 1 runs next.");
}

#[test]
fn a_trace_cut_short_keeps_its_whole_steps() {
    let cut = &RECORDED[..RECORDED.find("\n{\"kind\":\"end\"").unwrap() - 20];
    let trace = Trace::parse(cut);
    assert_eq!(trace.steps.len(), 2, "the half-written step is dropped");
    assert_eq!(trace.end, TraceEnd::Cut);
    assert_eq!(trace.unreadable_lines, 0);
    assert!(trace.end_message().unwrap().contains("stopped"));
}

#[test]
fn the_uncaught_exception_lands_on_the_step_that_raised_it() {
    let text = r#"{"kind":"step","event":"line","line":1,"next":1,"frames":[{"name":"<module>"}],"heap":[]}
{"kind":"step","event":"exception","line":1,"done":1,"frames":[{"name":"<module>"}],"heap":[],"exception":{"type":"ZeroDivisionError","message":"division by zero"}}
{"kind":"end","how":"exception","step":1,"exception":{"type":"ZeroDivisionError","message":"division by zero","line":1,"explanation":{"what":"You divided by zero.","line":1,"fix":"Check the divisor first."}}}
"#;
    let trace = Trace::parse(text);
    assert_eq!(trace.end, TraceEnd::Exception);
    let exception = trace.steps[1].exception.as_ref().unwrap();
    assert_eq!(exception.headline(), "ZeroDivisionError: division by zero");
    assert_eq!(
        exception.explanation.as_ref().unwrap().what,
        "You divided by zero."
    );
    assert!(
        trace
            .describe(1)
            .contains("ZeroDivisionError: division by zero was raised")
    );
}

#[test]
fn thousands_are_grouped() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1000), "1,000");
    assert_eq!(thousands(1_234_567), "1,234,567");
}

// --- the tracer itself, with the local Python ---

fn python() -> Option<Interpreter> {
    find_python(&[vec!["python3".into()], vec!["python".into()]]).ok()
}

/// Traces `code` to the end; returns (stdout, stderr, outcome).
fn trace(code: &str, stdin: Option<&str>, max_steps: u32) -> Option<(String, String, Outcome)> {
    let request = RunRequest {
        python: python()?,
        code: code.to_owned(),
        stdin: stdin.map(str::to_owned),
        checks: None,
        limits: Limits::default(),
    };
    let run = Run::trace(request, max_steps, || {});
    let (mut out, mut err) = (String::new(), String::new());
    loop {
        match run
            .wait_event(Duration::from_secs(60))
            .expect("the run reports")
        {
            RunEvent::Output { text, is_stderr } => {
                if is_stderr { &mut err } else { &mut out }.push_str(&text);
            }
            RunEvent::Finished(outcome) => return Some((out, err, outcome)),
        }
    }
}

fn steps_of(outcome: &Outcome) -> &Trace {
    outcome.trace.as_deref().expect("a trace run has a trace")
}

#[test]
fn two_names_for_one_list_refer_to_one_object() {
    let Some((out, _, outcome)) = trace(
        "items = [1, 2]\ncopy = items\ncopy.append(3)\nprint(len(items))\n",
        None,
        DEFAULT_MAX_STEPS,
    ) else {
        return eprintln!("no python3: skipped");
    };
    assert_eq!(out, "3\n", "the learner's prints still reach the output");
    let trace = steps_of(&outcome);
    assert_eq!(trace.end, TraceEnd::Finished);
    let last = trace.steps.last().unwrap();
    assert_eq!(
        last.event,
        StepEvent::Return,
        "the last step shows the final state"
    );
    let global = &last.frames[0];
    assert_eq!(global.var("items"), global.var("copy"));
    assert_eq!(last.heap.len(), 1, "one list, drawn once");
    assert_eq!(last.heap[0].items.len(), 3);
    assert_eq!(trace.printed(trace.steps.len() - 1), "3\n");
    assert!(
        trace
            .describe(trace.steps.len() - 1)
            .contains("`items` and `copy` refer to the same list")
    );
}

#[test]
fn a_recursion_has_one_frame_per_call_and_returns_its_values() {
    let code = "def fact(n):\n    if n <= 1:\n        return 1\n    return n * fact(n - 1)\n\nprint(fact(4))\n";
    let Some((_, _, outcome)) = trace(code, None, DEFAULT_MAX_STEPS) else {
        return;
    };
    let trace = steps_of(&outcome);
    let deepest = trace.steps.iter().map(|s| s.frames.len()).max().unwrap();
    assert_eq!(deepest, 5, "the global frame and four calls of fact");
    let base = trace
        .steps
        .iter()
        .find(|s| s.event == StepEvent::Return && s.frames.len() == 5)
        .expect("the innermost call returns");
    let inner = base.current_frame().unwrap();
    assert_eq!(inner.name, "fact");
    assert_eq!(inner.args, ["n"]);
    assert_eq!(
        inner.var("n"),
        Some(&Value::Inline {
            type_name: "int".into(),
            text: "1".into()
        })
    );
    assert!(matches!(&inner.returned, Some(Value::Inline { text, .. }) if text == "1"));
    assert_eq!(base.next, Some(4), "back in the caller's line");
}

#[test]
fn an_endless_loop_stops_at_the_step_limit_with_the_steps_so_far() {
    let Some((_, _, outcome)) = trace("n = 0\nwhile True:\n    n += 1\n", None, 50) else {
        return;
    };
    let trace = steps_of(&outcome);
    assert_eq!(trace.steps.len(), 50);
    assert_eq!(trace.end, TraceEnd::StepLimit(50));
    assert_eq!(
        trace.end_message().as_deref(),
        Some("Stopped after 50 steps: the program may loop forever")
    );
    assert!(!outcome.is_timed_out);
}

#[test]
fn a_loop_that_catches_everything_still_stops_at_the_limit() {
    let code = "while True:\n    try:\n        pass\n    except BaseException:\n        pass\n    finally:\n        print('x', end='')\n";
    let Some((_, _, outcome)) = trace(code, None, 30) else {
        return;
    };
    assert_eq!(steps_of(&outcome).end, TraceEnd::StepLimit(30));
}

#[test]
fn an_exception_is_shown_where_it_was_raised() {
    let code = "def half(x):\n    return 10 / x\n\ntry:\n    int('x')\nexcept ValueError:\n    pass\nprint(half(0))\n";
    let Some((_, err, outcome)) = trace(code, None, DEFAULT_MAX_STEPS) else {
        return;
    };
    assert!(
        err.contains("ZeroDivisionError"),
        "the traceback is printed: {err}"
    );
    assert!(
        !err.contains("tracer.py"),
        "without the tracer's own frames: {err}"
    );
    assert_eq!(outcome.exit_code, Some(1));
    let trace = steps_of(&outcome);
    assert_eq!(trace.end, TraceEnd::Exception);
    let raised: Vec<&Step> = trace
        .steps
        .iter()
        .filter(|s| s.exception.is_some())
        .collect();
    assert_eq!(
        raised.len(),
        2,
        "the caught ValueError and the ZeroDivisionError"
    );
    assert_eq!(
        raised[0].exception.as_ref().unwrap().type_name,
        "ValueError"
    );
    let last = raised[1];
    assert_eq!(last.line, 2);
    assert_eq!(last.current_frame().unwrap().name, "half");
    assert_eq!(last.exception.as_ref().unwrap().line, Some(2));
}

#[test]
fn code_python_cannot_read_gives_one_step_with_the_error() {
    let Some((_, err, outcome)) = trace("if True\n    x = 1\n", None, DEFAULT_MAX_STEPS) else {
        return;
    };
    assert!(err.contains("SyntaxError"));
    let trace = steps_of(&outcome);
    assert_eq!(trace.steps.len(), 1);
    assert_eq!(
        trace.steps[0].exception.as_ref().unwrap().type_name,
        "SyntaxError"
    );
    assert_eq!(trace.steps[0].line, 1);
}

#[test]
fn input_reads_the_input_box_and_prints_show_step_by_step() {
    let code = "name = input('Name? ')\nprint('Hi', name)\nx = 1\n";
    let Some((out, _, outcome)) = trace(code, Some("Ada\n"), DEFAULT_MAX_STEPS) else {
        return;
    };
    assert_eq!(out, "Name? Hi Ada\n");
    let trace = steps_of(&outcome);
    let at_line_3 = trace.steps.iter().position(|s| s.next == Some(3)).unwrap();
    assert_eq!(trace.printed(at_line_3), "Name? Hi Ada\n");
    assert_eq!(trace.printed(1), "Name? ");
}

#[test]
fn only_the_learners_code_is_traced_and_values_are_cut() {
    let code = "import json\nclass P:\n    def __init__(self):\n        self.v = 1\n\ndata = json.loads('[1, 2]')\nbig = list(range(1000))\nlong = 'x' * 500\np = P()\n";
    let Some((_, _, outcome)) = trace(code, None, DEFAULT_MAX_STEPS) else {
        return;
    };
    let trace = steps_of(&outcome);
    assert!(
        trace.steps.len() < 20,
        "json's own lines are not steps: {}",
        trace.steps.len()
    );
    let last = trace.steps.last().unwrap();
    let global = &last.frames[0];
    let Some(Value::Ref(big)) = global.var("big") else {
        panic!("the list is an object")
    };
    let big = last.object(*big).unwrap();
    assert_eq!(big.items.len(), 50);
    assert_eq!(big.more_text().as_deref(), Some("\u{2026} 950 more"));
    let Some(Value::Inline { text, .. }) = global.var("long") else {
        panic!("a string sits inline")
    };
    assert_eq!(text.chars().count(), 80);
    assert!(text.ends_with('\u{2026}'));
    assert!(
        matches!(global.var("json"), Some(Value::Inline { text, .. }) if text == "module json")
    );
    let Some(Value::Ref(p)) = global.var("p") else {
        panic!("an instance is an object")
    };
    let p = last.object(*p).unwrap();
    assert_eq!((p.kind, p.type_name.as_str()), (ObjectKind::Instance, "P"));
    assert_eq!(p.attrs[0].0, "v");
    assert!(
        last.heap
            .iter()
            .any(|o| o.kind == ObjectKind::Class && o.label == "P")
    );
}

#[test]
fn a_cycle_is_drawn_once() {
    let Some((_, _, outcome)) = trace(
        "a = [1]\na.append(a)\nb = {'self': None}\nb['self'] = b\n",
        None,
        DEFAULT_MAX_STEPS,
    ) else {
        return;
    };
    let last = steps_of(&outcome).steps.last().unwrap().clone();
    assert_eq!(last.heap.len(), 2);
    let Some(Value::Ref(a)) = last.frames[0].var("a") else {
        panic!()
    };
    assert_eq!(last.object(*a).unwrap().items[1], Value::Ref(*a));
}

#[test]
fn the_time_limit_keeps_the_steps_recorded_before_it() {
    let Some(python) = python() else { return };
    let request = RunRequest {
        python,
        code: "import time\nx = 1\ntime.sleep(30)\n".into(),
        stdin: None,
        checks: None,
        limits: Limits {
            time: Duration::from_secs(2),
            ..Limits::default()
        },
    };
    let run = Run::trace(request, DEFAULT_MAX_STEPS, || {});
    let outcome = loop {
        if let Some(RunEvent::Finished(outcome)) = run.wait_event(Duration::from_secs(30)) {
            break outcome;
        }
    };
    assert!(outcome.is_timed_out);
    let trace = steps_of(&outcome);
    assert_eq!(trace.end, TraceEnd::Cut);
    assert_eq!(trace.steps.len(), 3, "lines 1 to 3 were reached");
}
