use std::fs;

use super::*;

const FIXTURE: &str = "tests/project_pack/basics/projects/greeter";

fn python() -> Option<Interpreter> {
    super::super::find_python(&[vec!["python3".into()], vec!["python".into()]]).ok()
}

/// Stage folders 1..=n of the fixture project, as the pack hands them over.
fn stages(n: usize) -> Vec<Vec<(String, Vec<u8>)>> {
    (1..=n)
        .map(|stage| {
            let dir = Path::new(FIXTURE).join(format!("stage-{stage}"));
            let mut files = vec![(
                "checks.py".to_owned(),
                fs::read(dir.join("checks.py")).unwrap(),
            )];
            for entry in fs::read_dir(dir.join("solution")).unwrap() {
                let entry = entry.unwrap();
                let name = format!("solution/{}", entry.file_name().to_string_lossy());
                files.push((name, fs::read(entry.path()).unwrap()));
            }
            files
        })
        .collect()
}

/// Checks `project_dir` against stages 1..=n; the check's verdict.
fn check(project_dir: &Path, n: usize) -> Option<Result<Verdict, String>> {
    let request = ProjectCheckRequest {
        python: python()?,
        limits: Limits::default(),
        project_dir: project_dir.to_owned(),
        stages: stages(n),
    };
    let check = ProjectCheck::start(request, || {});
    loop {
        match check
            .wait_event(Duration::from_secs(60))
            .expect("the check reports")
        {
            RunEvent::Finished(outcome) => return Some(check.verdict(&outcome)),
            RunEvent::Output { .. } => {}
        }
    }
}

#[test]
fn the_starter_fails_stage_one_saying_what_was_run_and_what_came_out() {
    let Some(verdict) = check(&Path::new(FIXTURE).join("starter"), 1) else {
        return;
    };
    let verdict = verdict.unwrap();
    assert_eq!(verdict.stages.len(), 1);
    let failed = &verdict.stages[0].checks[0];
    assert_eq!(failed.status, CheckStatus::Failed);
    assert!(
        failed.message.contains("python greet.py Ada"),
        "{}",
        failed.message
    );
    assert!(failed.message.contains("Hello, Ada!"), "{}", failed.message);
    assert!(!verdict.stages[0].is_passed());
}

#[test]
fn a_later_solution_passes_every_stage_and_an_earlier_one_fails_the_later_stage() {
    let Some(verdict) = check(&Path::new(FIXTURE).join("stage-2/solution"), 2) else {
        return;
    };
    let verdict = verdict.unwrap();
    assert!(
        verdict.stages.iter().all(StageVerdict::is_passed),
        "{verdict:?}"
    );
    let verdict = check(&Path::new(FIXTURE).join("stage-1/solution"), 2)
        .unwrap()
        .unwrap();
    assert!(verdict.stages[0].is_passed());
    assert!(!verdict.stages[1].is_passed());
}

#[test]
fn a_missing_project_folder_is_a_clear_failure() {
    let dir = tempfile::tempdir().unwrap();
    let Some(verdict) = check(&dir.path().join("nowhere"), 1) else {
        return;
    };
    let error = verdict.unwrap_err();
    assert!(error.contains("does not exist yet"), "{error}");
}

#[test]
fn a_missing_or_malformed_verdict_is_never_a_pass() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("verdict.json");
    assert!(read_verdict(&path).unwrap_err().contains("no verdict"));
    fs::write(
        &path,
        "{\"stages\": [{\"stage\": 1, \"checks\": [{\"name\": \"x\", \"status\": \"maybe\"}]}]}",
    )
    .unwrap();
    assert!(read_verdict(&path).unwrap_err().contains("malformed"));
    fs::write(&path, "{\"stages\": [{\"stage\": 1, \"checks\": []}]}").unwrap();
    let verdict = read_verdict(&path).unwrap();
    assert!(
        !verdict.stages[0].is_passed(),
        "a stage without checks passed"
    );
}

#[test]
fn the_copy_leaves_out_tool_folders_and_links_and_refuses_huge_folders() {
    let from = tempfile::tempdir().unwrap();
    let to = tempfile::tempdir().unwrap();
    fs::write(from.path().join("main.py"), "print(1)\n").unwrap();
    fs::create_dir_all(from.path().join("pkg")).unwrap();
    fs::write(from.path().join("pkg/mod.py"), "x = 1\n").unwrap();
    for skipped in SKIPPED_FOLDERS {
        fs::create_dir_all(from.path().join(skipped)).unwrap();
        fs::write(from.path().join(skipped).join("big"), "x").unwrap();
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc", from.path().join("etc")).unwrap();
    copy_project(from.path(), &to.path().join("copy")).unwrap();
    let copy = to.path().join("copy");
    assert!(copy.join("main.py").is_file());
    assert!(copy.join("pkg/mod.py").is_file());
    assert!(!copy.join("etc").exists());
    for skipped in SKIPPED_FOLDERS {
        assert!(!copy.join(skipped).exists(), "{skipped} was copied");
    }
    for n in 0..=MAX_PROJECT_FILES {
        fs::write(from.path().join(format!("f{n}.txt")), "").unwrap();
    }
    let error = copy_project(from.path(), &to.path().join("again")).unwrap_err();
    assert!(error.contains("more than 1000 files"), "{error}");
}

#[test]
fn stop_ends_a_check_without_a_verdict() {
    let Some(python) = python() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("greet.py"), "import time\ntime.sleep(60)\n").unwrap();
    let check = ProjectCheck::start(
        ProjectCheckRequest {
            python,
            limits: Limits::default(),
            project_dir: dir.path().to_owned(),
            stages: stages(1),
        },
        || {},
    );
    std::thread::sleep(Duration::from_millis(500));
    check.stop();
    let started = std::time::Instant::now();
    loop {
        match check
            .wait_event(Duration::from_secs(20))
            .expect("the check reports")
        {
            RunEvent::Finished(outcome) => {
                assert_eq!(check.verdict(&outcome), Err("Stopped.".into()));
                break;
            }
            RunEvent::Output { .. } => {}
        }
    }
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn the_snapshot_holds_the_checked_text_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("pkg")).unwrap();
    fs::write(dir.path().join("pkg/a.py"), "x = 1\n").unwrap();
    fs::write(dir.path().join("blob.bin"), [0xff_u8, 0xfe, 0x00]).unwrap();
    let taken = snapshot(dir.path());
    assert_eq!(taken.len(), 1, "{taken:?}");
    assert_eq!(taken["pkg/a.py"], "x = 1\n");
}

#[test]
fn every_stage_of_a_check_gets_its_own_time() {
    let short = Duration::from_secs(10);
    assert_eq!(check_time(short, 1), MIN_PROJECT_TIME);
    assert_eq!(check_time(short, 5), MIN_PROJECT_TIME * 5);
    assert_eq!(
        check_time(Duration::from_secs(60), 2),
        Duration::from_secs(120)
    );
}
