//! The learner's work on projects, per project and per stage: the project's
//! files at the stage's last check, attempts, hints shown, when it passed.
//! Saved in `progress.ron` under `projects`, merged per field like
//! exercises; a project record this build cannot read is kept as it was.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Raw;
use super::ron_text;

/// One project's record. Older files without a field load it empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectRecord {
    /// By stage number (1, 2, ...).
    pub stages: BTreeMap<u32, StageRecord>,
}

/// The learner's work on one stage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StageRecord {
    /// The project's text files at this stage's last check (path to text,
    /// bounded by the check that took them), and when they last changed.
    pub files: BTreeMap<String, String>,
    pub files_ms: u64,
    /// How many times the learner pressed Check with this stage open.
    pub attempts: u32,
    /// How many hints they have revealed.
    pub hints_shown: u32,
    /// When the stage's checks first all passed; 0 while not passed.
    pub passed_ms: u64,
    /// Whether they asked for the reference solution before passing.
    pub solution_shown: bool,
}

impl StageRecord {
    /// Whether every check of the stage has passed at some point.
    pub fn is_passed(&self) -> bool {
        self.passed_ms > 0
    }
}

impl ProjectRecord {
    /// The stage record, or an empty one.
    pub fn stage(&self, number: u32) -> &StageRecord {
        static EMPTY: std::sync::OnceLock<StageRecord> = std::sync::OnceLock::new();
        self.stages
            .get(&number)
            .unwrap_or_else(|| EMPTY.get_or_init(StageRecord::default))
    }

    /// The stage the learner works on: the first not passed, counting from
    /// 1 (stage N+1 opens when stage N passes), at most `stage_count`.
    pub fn current_stage(&self, stage_count: usize) -> u32 {
        let count = u32::try_from(stage_count).unwrap_or(u32::MAX).max(1);
        (1..=count)
            .find(|n| !self.stage(*n).is_passed())
            .unwrap_or(count)
    }

    /// How many stages have passed, counting from 1 without a gap.
    pub fn passed_stages(&self, stage_count: usize) -> usize {
        (1..=u32::try_from(stage_count).unwrap_or(u32::MAX))
            .take_while(|n| self.stage(*n).is_passed())
            .count()
    }

    /// Whether the learner has done anything on the project.
    pub fn is_started(&self) -> bool {
        self.stages
            .values()
            .any(|s| s.attempts > 0 || s.hints_shown > 0 || s.is_passed())
    }
}

/// Merges both sides' projects: each project's stages by field; kept
/// unreadable records from both sides.
pub fn merge_projects(
    ours: &super::Progress,
    theirs: &super::Progress,
) -> (BTreeMap<String, ProjectRecord>, BTreeMap<String, Raw>) {
    let mut projects = theirs.projects.clone();
    for (id, record) in &ours.projects {
        let merged = match theirs.projects.get(id) {
            Some(other) => merge_project(record, other),
            None => record.clone(),
        };
        projects.insert(id.clone(), merged);
    }
    let mut unreadable = theirs.unreadable_projects.clone();
    unreadable.extend(ours.unreadable_projects.clone());
    (projects, unreadable)
}

/// Merges two sides' records of one project, stage by stage: the newer
/// files, the larger counts, the first pass.
pub fn merge_project(ours: &ProjectRecord, theirs: &ProjectRecord) -> ProjectRecord {
    let mut merged = ProjectRecord::default();
    for number in ours.stages.keys().chain(theirs.stages.keys()) {
        let (o, t) = (ours.stage(*number), theirs.stage(*number));
        let newer = if t.files_ms > o.files_ms { &t } else { &o };
        let passed_ms = match (o.passed_ms, t.passed_ms) {
            (0, other) | (other, 0) => other,
            (a, b) => a.min(b),
        };
        merged.stages.insert(
            *number,
            StageRecord {
                files: newer.files.clone(),
                files_ms: newer.files_ms,
                attempts: o.attempts.max(t.attempts),
                hints_shown: o.hints_shown.max(t.hints_shown),
                passed_ms,
                solution_shown: o.solution_shown || t.solution_shown,
            },
        );
    }
    merged
}

/// Reads the `projects` map of `progress.ron`: each project on its own, so
/// one unreadable record is kept raw (and named in `problems`) and the rest
/// load.
pub(super) fn read_projects(
    value: &str,
    line: usize,
    problems: &mut Vec<String>,
) -> (BTreeMap<String, ProjectRecord>, BTreeMap<String, Raw>) {
    let mut readable = BTreeMap::new();
    let mut unreadable = BTreeMap::new();
    let entries = ron_text::split(value, line);
    if let Some(error) = &entries.error {
        problems.push(format!(
            "line {}: the projects could not all be read ({}); what could not is kept as it was",
            error.line, error.message
        ));
    }
    for item in entries.items.iter().filter(|item| !item.is_partial) {
        match ron_text::parse_value::<ProjectRecord>(item.value) {
            Ok(record) => {
                readable.insert(item.key.to_string(), record);
            }
            Err(message) => {
                problems.push(format!(
                    "line {}: project `{}` has a value this version cannot read ({message}); it is kept as it was",
                    item.line, item.key
                ));
                unreadable.insert(item.key.to_string(), Raw(item.value.to_owned()));
            }
        }
    }
    (readable, unreadable)
}

/// Writes the `projects` map: every readable record, then each kept
/// unreadable one the learner has not replaced.
pub(super) fn write_projects(
    w: &mut ron_text::Writer,
    projects: &BTreeMap<String, ProjectRecord>,
    unreadable: &BTreeMap<String, Raw>,
) {
    if projects.is_empty() && unreadable.is_empty() {
        return;
    }
    w.open("projects");
    for (id, record) in projects {
        w.field(id, record);
    }
    for (id, raw) in unreadable {
        if !projects.contains_key(id) {
            w.raw(id, raw);
        }
    }
    w.close();
}

#[cfg(test)]
mod tests;
