//! Reading the trace file `tracer.py` writes: one JSON record a line, each
//! step's objects and frames written in full only when they changed.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Deserialize;

use super::{Frame, HeapObject, Step, StepEvent, StepException, Trace, TraceEnd, Value};

/// One line of the trace file.
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Record {
    Step(RawStep),
    End(RawEnd),
}

#[derive(Deserialize)]
struct RawStep {
    event: StepEvent,
    line: u32,
    #[serde(default)]
    done: Option<u32>,
    #[serde(default)]
    next: Option<u32>,
    #[serde(default)]
    frames: Vec<RawFrame>,
    #[serde(default)]
    heap: Vec<HeapEntry>,
    #[serde(default)]
    hidden_frames: u32,
    #[serde(default)]
    printed: String,
    #[serde(default)]
    exception: Option<StepException>,
}

/// A frame as written: with `same`, its names and values are those of the
/// frame at the same place in the step before (they are not repeated).
#[derive(Deserialize)]
struct RawFrame {
    name: String,
    #[serde(default)]
    args: Vec<String>,
    #[serde(default)]
    vars: Vec<(String, Value)>,
    #[serde(default)]
    ret: Option<Value>,
    #[serde(default)]
    generator: bool,
    #[serde(default)]
    same: bool,
}

/// A heap object as written: a bare id when it is as it was last written.
#[derive(Deserialize)]
#[serde(untagged)]
enum HeapEntry {
    Same(u32),
    New(HeapObject),
}

#[derive(Deserialize)]
struct RawEnd {
    how: String,
    #[serde(default)]
    limit: u32,
    #[serde(default)]
    exit_code: i32,
    /// The step where the uncaught exception was raised.
    #[serde(default)]
    step: Option<usize>,
    #[serde(default)]
    exception: Option<StepException>,
}

impl Trace {
    /// Reads what the tracer wrote. A run killed part way leaves a last
    /// line cut short: the steps before it are kept.
    pub fn parse(text: &str) -> Self {
        let mut trace = Self {
            steps: Vec::new(),
            stdout: String::new(),
            end: TraceEnd::Cut,
            unreadable_lines: 0,
        };
        let mut latest: HashMap<u32, Arc<HeapObject>> = HashMap::new();
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let last = lines.len().saturating_sub(1);
        for (index, line) in lines.iter().enumerate() {
            match serde_json::from_str::<Record>(line) {
                Ok(Record::Step(raw)) => {
                    trace.stdout.push_str(&raw.printed);
                    let heap = raw
                        .heap
                        .into_iter()
                        .filter_map(|entry| match entry {
                            HeapEntry::Same(id) => latest.get(&id).cloned(),
                            HeapEntry::New(object) => {
                                let object = Arc::new(object);
                                latest.insert(object.id, Arc::clone(&object));
                                Some(object)
                            }
                        })
                        .collect();
                    let before = trace.steps.last().map_or(&[][..], |s| &s.frames[..]);
                    let frames = raw
                        .frames
                        .into_iter()
                        .enumerate()
                        .map(|(index, frame)| Frame {
                            vars: if frame.same {
                                before
                                    .get(index)
                                    .map(|f| f.vars.clone())
                                    .unwrap_or_default()
                            } else {
                                frame.vars
                            },
                            name: frame.name,
                            args: frame.args,
                            returned: frame.ret,
                            generator: frame.generator,
                        })
                        .collect();
                    trace.steps.push(Step {
                        event: raw.event,
                        line: raw.line,
                        done: raw.done,
                        next: raw.next,
                        frames,
                        hidden_frames: raw.hidden_frames,
                        heap,
                        printed_len: trace.stdout.len(),
                        exception: raw.exception,
                    });
                }
                Ok(Record::End(end)) => {
                    trace.end = match end.how.as_str() {
                        "finished" => TraceEnd::Finished,
                        "exit" => TraceEnd::Exit(end.exit_code),
                        "step_limit" => TraceEnd::StepLimit(end.limit),
                        _ => TraceEnd::Exception,
                    };
                    if let Some(exception) = end.exception {
                        trace.attach(end.step, exception);
                    }
                }
                // The last line of a run killed while writing is cut short.
                Err(_) if index == last && trace.end == TraceEnd::Cut => {}
                Err(_) => trace.unreadable_lines += 1,
            }
        }
        trace
    }

    /// Puts the uncaught exception (with its explanation) on the step
    /// where it was raised, or on a step of its own at the end.
    fn attach(&mut self, step: Option<usize>, exception: StepException) {
        if let Some(found) = step.and_then(|i| self.steps.get_mut(i)) {
            found.exception = Some(exception);
            return;
        }
        let (frames, heap, printed_len) = self.steps.last().map_or_else(
            || (Vec::new(), Vec::new(), self.stdout.len()),
            |s| (s.frames.clone(), s.heap.clone(), s.printed_len),
        );
        let line = exception.line.unwrap_or(1);
        self.steps.push(Step {
            event: StepEvent::Exception,
            line,
            done: Some(line),
            next: None,
            frames,
            hidden_frames: 0,
            heap,
            printed_len,
            exception: Some(exception),
        });
    }
}
