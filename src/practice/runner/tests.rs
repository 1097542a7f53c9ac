use super::*;

fn python() -> Option<Interpreter> {
    super::super::find_python(&[vec!["python3".into()], vec!["python".into()]]).ok()
}

fn request(code: &str) -> Option<RunRequest> {
    Some(RunRequest {
        python: python()?,
        code: code.to_owned(),
        stdin: None,
        checks: None,
        limits: Limits::default(),
    })
}

/// Runs to the end; returns (stdout, stderr, outcome).
fn run_to_end(request: RunRequest) -> (String, String, Outcome) {
    let run = Run::start(request, || {});
    let (mut out, mut err) = (String::new(), String::new());
    loop {
        match run
            .wait_event(Duration::from_secs(30))
            .expect("the run reports")
        {
            RunEvent::Output {
                text,
                is_stderr: false,
            } => out.push_str(&text),
            RunEvent::Output {
                text,
                is_stderr: true,
            } => err.push_str(&text),
            RunEvent::Finished(outcome) => return (out, err, outcome),
        }
    }
}

#[test]
fn output_arrives_with_the_exit_code_and_utf8() {
    let Some(request) =
        request("import sys\nprint('héllo ✓')\nprint('oops', file=sys.stderr)\nsys.exit(3)\n")
    else {
        return eprintln!("no python3: skipped");
    };
    let (out, err, outcome) = run_to_end(request);
    assert_eq!(out, "héllo ✓\n");
    assert_eq!(err, "oops\n");
    assert_eq!(outcome.exit_code, Some(3));
    assert!(!outcome.is_success());
}

#[test]
fn stdin_is_given_or_closed() {
    let Some(mut with_input) = request("name = input('Name? ')\nprint(f'Hi {name}')\n") else {
        return;
    };
    with_input.stdin = Some("Ada\n".into());
    let (out, _, outcome) = run_to_end(with_input.clone());
    assert_eq!(out, "Name? Hi Ada\n");
    assert!(outcome.is_success());
    with_input.stdin = None;
    let (_, err, outcome) = run_to_end(with_input);
    assert!(err.contains("EOFError"), "{err}");
    assert_eq!(outcome.exit_code, Some(1));
}

#[test]
fn a_run_that_spawns_a_sleeping_child_is_killed_with_its_child() {
    let code = "import subprocess, sys, time\n\
        child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n\
        print(child.pid, flush=True)\n\
        time.sleep(60)\n";
    let Some(mut request) = request(code) else {
        return;
    };
    request.limits.time = Duration::from_secs(2);
    let started = Instant::now();
    let (out, _, outcome) = run_to_end(request);
    assert!(outcome.is_timed_out);
    assert!(started.elapsed() < Duration::from_secs(10));
    let child_pid: u32 = out.trim().parse().expect("the child's pid");
    #[cfg(unix)]
    {
        // The grandchild is gone too (give the kernel a moment to reap it).
        std::thread::sleep(Duration::from_millis(300));
        let status =
            std::fs::read_to_string(format!("/proc/{child_pid}/status")).unwrap_or_default();
        let is_alive = !status.is_empty() && !status.contains("State:\tZ");
        assert!(
            !is_alive,
            "the sleeping child {child_pid} survived:\n{status}"
        );
    }
    let _ = child_pid;
}

#[test]
fn stop_kills_a_run_at_once() {
    let Some(request) = request("while True:\n    pass\n") else {
        return;
    };
    let run = Run::start(request, || {});
    std::thread::sleep(Duration::from_millis(300));
    let stopped = Instant::now();
    run.stop();
    let outcome = loop {
        if let RunEvent::Finished(outcome) =
            run.wait_event(Duration::from_secs(10)).expect("it ends")
        {
            break outcome;
        }
    };
    assert!(outcome.is_stopped);
    assert!(stopped.elapsed() < Duration::from_secs(2));
}

#[test]
fn output_over_the_cap_is_truncated_and_the_run_stopped() {
    let Some(mut request) = request("while True:\n    print('x' * 1000)\n") else {
        return;
    };
    request.limits.output_bytes = 100_000;
    let (out, _, outcome) = run_to_end(request);
    assert!(outcome.is_truncated);
    assert_eq!(out.len(), 100_000);
}

#[test]
fn a_run_leaves_no_temp_folder() {
    let Some(request) = request("import os\nprint(os.getcwd())\n") else {
        return;
    };
    let (out, _, _) = run_to_end(request);
    let folder = std::path::PathBuf::from(out.trim());
    assert!(
        folder
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("pyroadmap-run-")
    );
    assert!(!folder.exists(), "{} was left behind", folder.display());
}

#[test]
fn checks_report_each_verdict_in_words() {
    let Some(mut request) =
        request("def count_vowels(text):\n    return sum(c in 'aeiouy' for c in text.lower())\n")
    else {
        return;
    };
    request.checks = Some(
        "expect_equal(\"count_vowels('Sky')\", 0)\nexpect_equal(\"count_vowels('Ada')\", 2)\n"
            .into(),
    );
    let (_, _, outcome) = run_to_end(request);
    assert_eq!(
        outcome.checks,
        [
            CheckResult {
                name: "count_vowels('Sky')".into(),
                passed: false,
                message: "`count_vowels('Sky')` returned 1, expected 0".into(),
            },
            CheckResult {
                name: "count_vowels('Ada')".into(),
                passed: true,
                message: String::new(),
            },
        ]
    );
}

#[test]
fn code_that_raises_at_import_fails_every_check_with_its_line() {
    let Some(mut request) = request("x = 1\nraise ValueError('bad start')\n") else {
        return;
    };
    request.checks = Some("expect_equal('x', 1)\n".into());
    let (_, _, outcome) = run_to_end(request);
    assert_eq!(outcome.checks.len(), 1);
    assert!(!outcome.checks[0].passed);
    assert_eq!(
        outcome.checks[0].message,
        "your code raised ValueError: bad start (your line 2: raise ValueError('bad start')) when it ran"
    );
}

#[test]
fn stop_and_wait_returns_once_the_processes_are_gone() {
    let code = "import subprocess, sys, time\n\
        child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n\
        print(child.pid, flush=True)\n\
        time.sleep(60)\n";
    let Some(request) = request(code) else { return };
    let run = Run::start(request, || {});
    let pid = match run.wait_event(Duration::from_secs(30)).expect("output") {
        RunEvent::Output { text, .. } => text.trim().parse::<u32>().expect("a pid"),
        RunEvent::Finished(outcome) => panic!("ended early: {outcome:?}"),
    };
    let started = Instant::now();
    run.stop_and_wait(Duration::from_secs(5));
    assert!(started.elapsed() < Duration::from_secs(5));
    #[cfg(unix)]
    {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        assert!(
            status.is_empty() || status.contains("State:\tZ"),
            "the grandchild {pid} is still running after stop_and_wait"
        );
    }
    let _ = pid;
}
