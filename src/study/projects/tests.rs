use super::*;
use crate::study::Progress;
use crate::study::file_format;
use crate::study::merge::merge;

fn progress_with_stage(files: &str, ms: u64, passed_ms: u64) -> Progress {
    let mut progress = Progress::default();
    progress.update_project_stage("tracker", 1, ms, |stage| {
        stage.files.insert("tracker.py".into(), files.into());
        stage.attempts += 1;
        stage.passed_ms = passed_ms;
    });
    progress
}

#[test]
fn a_project_record_survives_a_save_and_load() {
    let mut progress = progress_with_stage("print(1)\n", 10, 20);
    progress.update_project_stage("tracker", 2, 30, |stage| stage.hints_shown = 2);
    let text = file_format::write(&progress);
    let read = file_format::read(&text).unwrap().progress;
    assert_eq!(read.projects, progress.projects);
    let record = read.project("tracker");
    assert_eq!(record.current_stage(5), 2);
    assert_eq!(record.passed_stages(5), 1);
    assert_eq!(record.stage(1).files["tracker.py"], "print(1)\n");
    assert_eq!(record.stage(1).files_ms, 10);
}

#[test]
fn older_files_and_missing_fields_load_and_an_unreadable_project_is_kept() {
    let text = "{\n  \"version\": 1,\n  \"projects\": {\n    \"old\": (stages: {1: (attempts: 3)}),\n    \"bad\": (stages: \"nope\"),\n  },\n}\n";
    let parsed = file_format::read(text).unwrap();
    let progress = parsed.progress;
    assert_eq!(progress.project("old").stage(1).attempts, 3);
    assert!(progress.unreadable_projects.contains_key("bad"));
    assert!(
        parsed.problems.iter().any(|p| p.contains("project `bad`")),
        "{:?}",
        parsed.problems
    );
    let written = file_format::write(&progress);
    assert!(written.contains("\"bad\": (stages: \"nope\")"), "{written}");
    assert_eq!(
        file_format::read(&written)
            .unwrap()
            .progress
            .project("old")
            .stage(1)
            .attempts,
        3
    );
}

#[test]
fn a_merge_keeps_the_newer_files_the_larger_counts_and_the_first_pass() {
    let ours = progress_with_stage("ours\n", 50, 0);
    let mut theirs = progress_with_stage("theirs\n", 40, 45);
    theirs.update_project_stage("tracker", 1, 41, |stage| stage.attempts = 5);
    let merged = merge(None, &ours, &theirs);
    let stage = merged.project("tracker").stage(1);
    assert_eq!(stage.files["tracker.py"], "ours\n");
    assert_eq!(stage.attempts, 5);
    assert_eq!(stage.passed_ms, 45);
}

#[test]
fn stage_n_plus_one_opens_only_when_stage_n_has_passed() {
    let mut record = ProjectRecord::default();
    assert_eq!(record.current_stage(3), 1);
    record.stages.insert(
        2,
        StageRecord {
            passed_ms: 5,
            ..StageRecord::default()
        },
    );
    assert_eq!(record.current_stage(3), 1, "stage 2 passed without stage 1");
    record.stages.insert(
        1,
        StageRecord {
            passed_ms: 4,
            ..StageRecord::default()
        },
    );
    assert_eq!(record.current_stage(3), 3);
    record.stages.insert(
        3,
        StageRecord {
            passed_ms: 6,
            ..StageRecord::default()
        },
    );
    assert_eq!(
        record.current_stage(3),
        3,
        "the last stage stays current when all passed"
    );
    assert_eq!(record.passed_stages(3), 3);
}
