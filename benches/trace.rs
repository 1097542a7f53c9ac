//! Prints how long recording a program for the stepper takes, and how long
//! the stepper takes to draw a busy step, against their targets.
//! Run with `cargo bench --bench trace` (release profile).

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use pyroadmap::practice::trace::{DEFAULT_MAX_STEPS, Trace, TraceEnd};
use pyroadmap::practice::{Limits, Run, RunEvent, RunRequest, find_python};

mod support;
use support::{ms, report};

/// Runs into the step limit after exactly 1,000 steps, with a list that
/// changes at most steps, a dict and a few instances on the heap.
const PROGRAM: &str = "\
import random
random.seed(1)
data = [random.randint(0, 99) for _ in range(30)]
counts = {}
class Box:
    def __init__(self, v):
        self.v = v
boxes = [Box(i) for i in range(5)]
def bubble(items):
    n = len(items)
    for i in range(n):
        for j in range(n - 1 - i):
            if items[j] > items[j + 1]:
                items[j], items[j + 1] = items[j + 1], items[j]
    return items
while True:
    bubble(data)
    counts[len(counts)] = data[0]
";

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Records `code` once; returns the time from Start to the trace in hand.
fn record(
    python: &pyroadmap::practice::Interpreter,
    code: &str,
    steps: u32,
) -> (Duration, Option<Trace>) {
    let started = Instant::now();
    let request = RunRequest {
        python: python.clone(),
        code: code.to_owned(),
        stdin: None,
        checks: None,
        limits: Limits::default(),
    };
    let run = if steps == 0 {
        Run::start(request, || {})
    } else {
        Run::trace(request, steps, || {})
    };
    loop {
        match run.wait_event(Duration::from_secs(60)) {
            Some(RunEvent::Finished(outcome)) => {
                return (started.elapsed(), outcome.trace.map(|t| (*t).clone()));
            }
            Some(RunEvent::Output { .. }) => {}
            None => panic!("the run never finished"),
        }
    }
}

/// A recorded step whose global frame reaches 50 objects: lists, dicts,
/// instances and a function, several of them shared.
fn busy_trace() -> Trace {
    let mut heap = String::new();
    let mut vars = String::new();
    for id in 1..=50u32 {
        if id > 1 {
            heap.push(',');
            vars.push(',');
        }
        let object = match id % 4 {
            0 => format!(
                r#"{{"id":{id},"kind":"dict","type":"dict","entries":[[["str","'a'"],["int","{id}"]],[["str","'next'"],{}]]}}"#,
                id % 50 + 1
            ),
            1 => format!(
                r#"{{"id":{id},"kind":"list","type":"list","items":[["int","1"],["int","2"],["str","'three'"],{},["float","4.5"]]}}"#,
                (id + 7) % 50 + 1
            ),
            2 => format!(
                r#"{{"id":{id},"kind":"instance","type":"Point","attrs":[["x",["int","{id}"]],["y",["int","2"]]]}}"#
            ),
            _ => format!(
                r#"{{"id":{id},"kind":"tuple","type":"tuple","items":[["int","{id}"],["NoneType","None"]]}}"#
            ),
        };
        heap.push_str(&object);
        let _ = write!(vars, r#"["name_{id}",{id}]"#);
    }
    let line = format!(
        r#"{{"kind":"step","event":"line","line":3,"done":2,"next":3,"frames":[{{"name":"<module>","vars":[{vars}]}},{{"name":"walk","args":["node"],"vars":[["node",1],["depth",["int","3"]]]}}],"heap":[{heap}],"printed":"hello\n"}}"#
    );
    Trace::parse(&format!(
        "{line}\n{{\"kind\":\"end\",\"how\":\"finished\"}}\n"
    ))
}

fn main() {
    println!("pyroadmap stepper benchmark (release build)\n");
    let mut all_ok = true;

    match find_python(&[vec!["python3".into()], vec!["python".into()]]) {
        Err(reason) => println!("no Python, recording not measured: {reason}"),
        Ok(python) => {
            let _ = record(&python, "pass\n", 0);
            let starts = (0..7).map(|_| record(&python, "pass\n", 0).0).collect();
            let mut traces = Vec::new();
            let records = (0..7)
                .map(|_| {
                    let (took, trace) = record(&python, PROGRAM, DEFAULT_MAX_STEPS);
                    traces.push(trace);
                    took
                })
                .collect();
            let trace = traces.pop().flatten().expect("a trace");
            assert_eq!(trace.steps.len(), 1000);
            assert_eq!(trace.end, TraceEnd::StepLimit(1000));
            all_ok &= report(
                "record 1,000 steps, Python's start included (median of 7)",
                ms(median(records)),
                300.0,
            );
            println!(
                "{:<58} {:>8.2} ms   (Run of `pass`, same limits prelude)",
                "  of which starting Python and ending the run",
                ms(median(starts))
            );
        }
    }

    let trace = busy_trace();
    assert_eq!(trace.steps[0].heap.len(), 50);
    let ctx = egui::Context::default();
    let frame = |ctx: &egui::Context| {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(680.0, 4000.0),
            )),
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            pyroadmap::ui::stepper::stepper_ui(ui, &trace, "a = 1\nb = 2\nc = 3\n", 1);
        });
        // No renderer here takes the font texture.
        output.textures_delta.clear();
        let started = Instant::now();
        let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
        started.elapsed()
    };
    for _ in 0..5 {
        frame(&ctx);
    }
    let mut times = Vec::new();
    let mut tessellation = Vec::new();
    for _ in 0..31 {
        let started = Instant::now();
        tessellation.push(frame(&ctx));
        times.push(started.elapsed());
    }
    let drawn = pyroadmap::ui::stepper::drawn(&ctx);
    assert_eq!(drawn.first().map(|d| d.boxes.len()), Some(50));
    all_ok &= report(
        "a stepper frame with 50 objects at 680 px (median of 31)",
        ms(median(times)),
        4.0,
    );
    println!(
        "{:<58} {:>8.2} ms   (tessellation, included above)",
        "  of which tessellation",
        ms(median(tessellation))
    );
    support::verdict(all_ok);
}
