//! A step in words, for screen readers: what each name holds and which
//! names share an object.

use super::{Frame, ObjectKind, Step, Value};

/// "`total` is 10", "`items` and `copy` refer to the same list", one per
/// value, in the frame's order.
pub(super) fn names_in_words(step: &Step, frame: &Frame) -> Vec<String> {
    let mut parts = Vec::new();
    let mut described = Vec::new();
    for (name, value) in &frame.vars {
        match value {
            Value::Inline { text, .. } => parts.push(format!("`{name}` is {text}")),
            Value::Ref(id) => {
                if described.contains(id) {
                    continue;
                }
                described.push(*id);
                let names: Vec<String> = frame
                    .vars
                    .iter()
                    .filter(|(_, v)| *v == Value::Ref(*id))
                    .map(|(n, _)| format!("`{n}`"))
                    .collect();
                let what = value_words(step, value);
                if names.len() > 1 {
                    let noun = step
                        .object(*id)
                        .map_or("object", |o| o.kind.noun().trim_start_matches("named "));
                    parts.push(format!("{} refer to the same {noun}", join_and(&names)));
                } else {
                    parts.push(format!("`{name}` is {what}"));
                }
            }
        }
    }
    parts
}

/// A value in words: inline text as it is, an object by its kind and size.
pub(super) fn value_words(step: &Step, value: &Value) -> String {
    match value {
        Value::Inline { text, .. } => text.clone(),
        Value::Ref(id) => match step.object(*id) {
            None => "an object".to_owned(),
            Some(object) => match object.kind {
                ObjectKind::List | ObjectKind::Tuple | ObjectKind::Set | ObjectKind::Dict => {
                    let count = object.items.len() + object.entries.len();
                    let count = u64::try_from(count).unwrap_or(u64::MAX) + object.more;
                    let noun = if object.type_name == object.kind.noun() {
                        object.kind.noun()
                    } else {
                        &object.type_name
                    };
                    match count {
                        0 => format!("an empty {noun}"),
                        1 => format!("a {noun} of 1 item"),
                        n => format!("a {noun} of {} items", thousands(n)),
                    }
                }
                ObjectKind::Function => format!("the function {}", object.label),
                ObjectKind::Class => format!("the class {}", object.label),
                ObjectKind::Instance | ObjectKind::Record | ObjectKind::Other => {
                    format!("a {} object", object.type_name)
                }
            },
        },
    }
}

/// "`a`, `b` and `c`".
fn join_and(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// 1000 as "1,000".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
