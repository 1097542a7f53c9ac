//! A program recorded step by step for the stepper: what `tracer.py`
//! wrote, read back into plain structs. Stepping back and forth reads this
//! and never starts Python again.

use std::sync::Arc;

use serde::Deserialize;

mod parse;
mod words;
pub use words::thousands;
use words::{names_in_words, value_words};

/// The tracer that records a run for the stepper.
pub const TRACER: &str = include_str!("tracer.py");

/// The tracer's values and objects, shipped beside it (it imports them).
pub const TRACE_HEAP: &str = include_str!("trace_heap.py");

/// Steps a trace records before the program is stopped.
pub const DEFAULT_MAX_STEPS: u32 = 1000;

/// The file in the run folder the tracer writes.
pub(crate) const TRACE_FILE: &str = "trace.jsonl";

/// A value in a frame, a container or an object: inline text, or a
/// reference to a heap object drawn as a box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A number, string, None, boolean or anything not drawn as a box.
    Inline { type_name: String, text: String },
    /// A heap object, by its id in the trace.
    Ref(u32),
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Ref(u32),
            Inline(String, String),
        }
        Ok(match Raw::deserialize(deserializer)? {
            Raw::Ref(id) => Self::Ref(id),
            Raw::Inline(type_name, text) => Self::Inline { type_name, text },
        })
    }
}

/// One active call (or the global frame) at a step.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Frame {
    /// The function's name (`Point.move`), or `<module>` for the global frame.
    pub name: String,
    /// The parameter names, in order.
    #[serde(default)]
    pub args: Vec<String>,
    /// Every bound name with its value, in the order Python keeps them.
    #[serde(default)]
    pub vars: Vec<(String, Value)>,
    /// What the call returns, at its return step.
    #[serde(default, rename = "ret")]
    pub returned: Option<Value>,
    /// A generator's frame (its "return" is a yield).
    #[serde(default)]
    pub generator: bool,
}

impl Frame {
    /// Whether this is the module's global frame.
    pub fn is_global(&self) -> bool {
        self.name == "<module>"
    }

    /// The frame's heading: "Global frame" or the function's name.
    pub fn title(&self) -> &str {
        if self.is_global() {
            "Global frame"
        } else {
            &self.name
        }
    }

    /// The value bound to `name`, if any.
    pub fn var(&self, name: &str) -> Option<&Value> {
        self.vars.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
}

/// What kind of box a heap object is drawn as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ObjectKind {
    List,
    Tuple,
    Set,
    Dict,
    /// A named tuple: fields by name.
    Record,
    /// An instance of one of the learner's classes.
    Instance,
    Class,
    Function,
    #[serde(other)]
    Other,
}

impl ObjectKind {
    /// The kind in words ("list", "dict", ...), for descriptions.
    pub fn noun(self) -> &'static str {
        match self {
            Self::List => "list",
            Self::Tuple => "tuple",
            Self::Set => "set",
            Self::Dict => "dict",
            Self::Record => "named tuple",
            Self::Instance => "object",
            Self::Class => "class",
            Self::Function => "function",
            Self::Other => "value",
        }
    }
}

/// One object on the heap, drawn once however many names refer to it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct HeapObject {
    pub id: u32,
    pub kind: ObjectKind,
    /// Its Python type's name (`list`, `Counter`, `Point`).
    #[serde(rename = "type")]
    pub type_name: String,
    /// A function's signature or a class's name.
    #[serde(default)]
    pub label: String,
    /// The elements of a list, tuple or set (at most 50).
    #[serde(default)]
    pub items: Vec<Value>,
    /// The entries of a dict (at most 50).
    #[serde(default)]
    pub entries: Vec<(Value, Value)>,
    /// An instance's attributes, a class's methods and attributes, a named
    /// tuple's fields.
    #[serde(default)]
    pub attrs: Vec<(String, Value)>,
    /// A class's base classes, by name.
    #[serde(default)]
    pub bases: Vec<String>,
    /// How many elements were left out after the first 50.
    #[serde(default)]
    pub more: u64,
}

impl HeapObject {
    /// Every value the box shows, in order (keys too): where arrows start.
    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.items
            .iter()
            .chain(self.entries.iter().flat_map(|(k, v)| [k, v]))
            .chain(self.attrs.iter().map(|(_, v)| v))
    }

    /// "… 950 more", when elements were left out.
    pub fn more_text(&self) -> Option<String> {
        (self.more > 0).then(|| format!("\u{2026} {} more", thousands(self.more)))
    }
}

/// What happened at a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StepEvent {
    /// A line is about to run.
    Line,
    /// A function returns (the value is in its frame).
    Return,
    /// An exception was raised.
    Exception,
}

/// The plain-words explanation of an exception (from `explain.py`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Explanation {
    /// What happened, in one sentence.
    #[serde(default)]
    pub what: String,
    /// The learner's line (1-based) it happened on.
    #[serde(default)]
    pub line: Option<u32>,
    /// How to fix it.
    #[serde(default)]
    pub fix: String,
}

/// An exception raised at a step.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct StepException {
    #[serde(rename = "type")]
    pub type_name: String,
    #[serde(default)]
    pub message: String,
    /// The line it was raised on, when known.
    #[serde(default)]
    pub line: Option<u32>,
    /// For the exception that ended the program, when one could be given.
    #[serde(default)]
    pub explanation: Option<Explanation>,
}

impl StepException {
    /// `ZeroDivisionError: division by zero`.
    pub fn headline(&self) -> String {
        if self.message.is_empty() {
            self.type_name.clone()
        } else {
            format!("{}: {}", self.type_name, self.message)
        }
    }
}

/// The program's state at one step.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub event: StepEvent,
    /// The line this step is at (1-based).
    pub line: u32,
    /// The line that has just run, if any.
    pub done: Option<u32>,
    /// The line that runs next, if known.
    pub next: Option<u32>,
    /// The global frame, then one per active call, innermost last.
    pub frames: Vec<Frame>,
    /// Calls left out of `frames` in the middle of a deep recursion.
    pub hidden_frames: u32,
    /// The objects the frames reach, each once, in the order first reached.
    pub heap: Vec<Arc<HeapObject>>,
    /// How much of [`Trace::stdout`] had been printed (bytes).
    pub printed_len: usize,
    pub exception: Option<StepException>,
}

impl Step {
    /// The heap object with this id at this step.
    pub fn object(&self, id: u32) -> Option<&HeapObject> {
        self.heap.iter().find(|o| o.id == id).map(AsRef::as_ref)
    }

    /// The frame the step is in (the innermost call).
    pub fn current_frame(&self) -> Option<&Frame> {
        self.frames.last()
    }
}

/// How the recorded program ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TraceEnd {
    /// It ran to the end.
    Finished,
    /// It called `sys.exit` with this code.
    Exit(i32),
    /// An exception nobody caught ended it (see the last exception step).
    Exception,
    /// The step limit stopped it.
    StepLimit(u32),
    /// The trace stops early: the run was stopped or hit a limit.
    Cut,
}

/// A whole recorded run.
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    pub steps: Vec<Step>,
    /// Everything the program printed to stdout while it was traced.
    pub stdout: String,
    pub end: TraceEnd,
    /// Lines of the trace file that could not be read (a tracer bug).
    pub unreadable_lines: usize,
}

impl Trace {
    /// What the program had printed by `step`.
    pub fn printed(&self, step: usize) -> &str {
        let len = self.steps.get(step).map_or(0, |s| s.printed_len);
        self.stdout.get(..len).unwrap_or(&self.stdout)
    }

    /// Why the trace stops early, in words, if it does.
    pub fn end_message(&self) -> Option<String> {
        match self.end {
            TraceEnd::StepLimit(limit) => Some(format!(
                "Stopped after {} steps: the program may loop forever",
                thousands(u64::from(limit))
            )),
            TraceEnd::Cut => Some(
                "The trace stops here: the run was stopped or reached a limit before the program ended"
                    .to_owned(),
            ),
            TraceEnd::Finished | TraceEnd::Exit(_) | TraceEnd::Exception => None,
        }
    }

    /// The step in words, for screen readers: "Line 4: `total` is 10;
    /// `items` and `copy` refer to the same list".
    pub fn describe(&self, index: usize) -> String {
        let Some(step) = self.steps.get(index) else {
            return "Nothing was recorded.".to_owned();
        };
        let mut text = match (step.event, step.done) {
            (StepEvent::Line, Some(done)) => format!("Line {done}"),
            (StepEvent::Line, None) => "Start".to_owned(),
            (_, _) => format!("Line {}", step.line),
        };
        if let Some(frame) = step.current_frame().filter(|f| !f.is_global()) {
            text.push_str(&format!(", in {}", frame.name));
        }
        text.push(':');
        let mut parts = Vec::new();
        if let Some(exception) = &step.exception {
            parts.push(format!("{} was raised", exception.headline()));
        }
        if let Some(frame) = step.current_frame() {
            if let (StepEvent::Return, Some(value)) = (step.event, &frame.returned) {
                let verb = if frame.generator { "yields" } else { "returns" };
                parts.push(format!(
                    "`{}` {verb} {}",
                    frame.name,
                    value_words(step, value)
                ));
            }
            parts.extend(names_in_words(step, frame));
        }
        if parts.is_empty() {
            parts.push("no names yet".to_owned());
        }
        text.push(' ');
        text.push_str(&parts.join("; "));
        if let Some(next) = step.next.filter(|_| step.event == StepEvent::Line) {
            text.push_str(&format!(". Line {next} runs next."));
        } else {
            text.push('.');
        }
        if index + 1 == self.steps.len() && step.next.is_none() {
            match self.end {
                TraceEnd::Finished => text.push_str(" The program has finished."),
                TraceEnd::Exit(code) => {
                    text.push_str(&format!(" The program ended with exit code {code}."));
                }
                TraceEnd::Exception | TraceEnd::StepLimit(_) | TraceEnd::Cut => {}
            }
        }
        text
    }
}

#[cfg(test)]
mod tests;
