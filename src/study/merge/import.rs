//! Merging a file the learner imports: like a second window without a
//! common base, except that code from the file never replaces the
//! learner's own code, and nothing of this machine's (the Python, the run
//! limits) comes with it.

use super::{Draft, Progress, merge};

/// The line put before a version of code that came with an import and
/// differs from the learner's own: it follows their code, commented out.
pub const IMPORTED_CODE_MARKER: &str =
    "# ----- imported version, not run (remove the # to use it) -----";

/// Settings older versions kept in the progress file that belong to one
/// machine: never taken from another file.
pub const MACHINE_KEYS: [&str; 2] = ["python_path", "run_time_limit_s"];

/// `incoming` without what belongs to the machine that wrote it (an older
/// version's Python and time limit), so a merge never carries it here.
pub fn without_machine_settings(incoming: &Progress, local: &Progress) -> Progress {
    let mut incoming = incoming.clone();
    for key in MACHINE_KEYS {
        match local.settings.extra.get(key) {
            Some(raw) => {
                incoming.settings.extra.insert(key.to_owned(), raw.clone());
            }
            None => {
                incoming.settings.extra.remove(key);
            }
        }
    }
    incoming
}

/// Merges an imported file into the learner's data. As `merge` without a
/// base, except for code (lesson example edits, exercise code, the
/// Playground): where the learner has code of their own that differs, their
/// code stays and is what runs, and the imported version is kept below it
/// as comments under `IMPORTED_CODE_MARKER`. Imported code is taken as it
/// is only where the learner has none; where they reset an example to the
/// lesson's code, the reset stays.
pub fn merge_import(local: &Progress, incoming: &Progress) -> Progress {
    let incoming = without_machine_settings(incoming, local);
    let mut merged = merge(None, local, &incoming);
    for (id, record) in &mut merged.topics {
        let (ours, theirs) = (local.topic(id), incoming.topic(id));
        for (key, draft) in &mut record.edits {
            if let Some(own) = ours.edits.get(key) {
                *draft = keep_own(own, theirs.edits.get(key));
            }
        }
        for (key, exercise) in &mut record.exercises {
            if let Some(own) = ours.exercises.get(key) {
                let imported = theirs.exercises.get(key).map(|e| &e.code);
                exercise.code = keep_own(&own.code, imported);
            }
        }
    }
    merged.playground = keep_own(&local.playground, Some(&incoming.playground));
    merged
}

/// The learner's own code, with a different imported version kept below it
/// as comments; the imported code itself where the learner has none.
fn keep_own(own: &Draft, imported: Option<&Draft>) -> Draft {
    let Some(imported) = imported.filter(|i| !i.text.trim().is_empty()) else {
        return own.clone();
    };
    if own.ms == 0 && own.text.is_empty() {
        return imported.clone();
    }
    let commented = commented(&imported.text);
    if own.text.is_empty() || own.text == imported.text || own.text.contains(&commented) {
        // A reset stays a reset: the lesson's code is what the learner chose.
        return own.clone();
    }
    let separator = if own.text.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    Draft {
        text: format!("{}{separator}{commented}", own.text),
        ms: own.ms.max(imported.ms),
    }
}

/// The imported version as it is kept: the marker, then each line commented.
fn commented(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(|l| format!("# {l}")).collect();
    format!("{IMPORTED_CODE_MARKER}\n{}\n", lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_code(edit: Option<&str>, exercise: Option<&str>, ms: u64) -> Progress {
        let mut p = Progress::default();
        if let Some(text) = edit {
            p.set_edit("lists", "k1", Some(text.to_owned()), ms);
        }
        if let Some(code) = exercise {
            p.update_exercise("lists", "sum", ms, |e| code.clone_into(&mut e.code.text));
        }
        p
    }

    #[test]
    fn imported_code_never_replaces_the_learners_own() {
        let local = with_code(Some("print('mine')\n"), Some("total = 0\n"), 10);
        let incoming = with_code(
            Some("print('mine')\nimport os; os.remove('x')\n"),
            Some("import shutil\n"),
            99,
        );
        let merged = merge_import(&local, &incoming);
        let edit = &merged.topic("lists").edits["k1"].text;
        assert!(edit.starts_with("print('mine')\n\n# -----"), "{edit}");
        assert!(edit.contains("\n# import os; os.remove('x')\n"), "{edit}");
        let code = &merged.topic("lists").exercises["sum"].code.text;
        assert!(code.starts_with("total = 0\n"), "{code}");
        assert!(code.ends_with("\n# import shutil\n"), "{code}");
        // Importing the same file again adds nothing.
        assert_eq!(merge_import(&merged, &incoming), merged);
    }

    #[test]
    fn imported_code_is_taken_where_the_learner_has_none() {
        let local = with_code(None, None, 0);
        let incoming = with_code(Some("print(1)\n"), Some("total = 1\n"), 5);
        let merged = merge_import(&local, &incoming);
        assert_eq!(merged.topic("lists").edits["k1"].text, "print(1)\n");
        assert_eq!(
            merged.topic("lists").exercises["sum"].code.text,
            "total = 1\n"
        );
    }
}
