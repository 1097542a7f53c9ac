use super::*;
use crate::practice::output::Utf8Stream;

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
                explanation: None,
            },
            CheckResult {
                name: "count_vowels('Ada')".into(),
                passed: true,
                message: String::new(),
                explanation: None,
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

/// Runs `request`, stops it once it has printed its first line when
/// `stop_after_first_line`, and returns (stdout, outcome, how long it took
/// from the stop or the start).
#[cfg(target_os = "linux")]
fn run_and_maybe_stop(
    request: RunRequest,
    stop_after_first_line: bool,
) -> (String, Outcome, Duration) {
    let run = Run::start(request, || {});
    let mut out = String::new();
    let mut since = Instant::now();
    loop {
        match run
            .wait_event(Duration::from_secs(30))
            .expect("the run reports within 30 s")
        {
            RunEvent::Output {
                text,
                is_stderr: false,
            } => {
                out.push_str(&text);
                if stop_after_first_line && out.contains('\n') {
                    since = Instant::now();
                    run.stop();
                }
            }
            RunEvent::Output { .. } => {}
            RunEvent::Finished(outcome) => return (out, outcome, since.elapsed()),
        }
    }
}

/// The run's marker and folder, from the first line the program prints.
#[cfg(target_os = "linux")]
fn marker_and_folder(out: &str) -> (String, std::path::PathBuf) {
    let line = out.lines().next().expect("the program printed its marker");
    let (marker, folder) = line.split_once(' ').expect("marker and folder");
    (marker.to_owned(), folder.into())
}

#[cfg(target_os = "linux")]
fn assert_all_gone(marker: &str, folder: &std::path::Path) {
    let left = super::super::tree::linux::marked(marker);
    assert!(
        left.is_empty(),
        "processes of the run are still alive: {left:?}"
    );
    assert!(!folder.exists(), "{} was left behind", folder.display());
}

#[cfg(target_os = "linux")]
const PRINT_MARKER: &str = "import os, subprocess, sys, time\nprint(os.environ['PYROADMAP_RUN'], os.getcwd(), flush=True)\n";

/// A grandchild in a session of its own, holding the run's stdout open.
#[cfg(target_os = "linux")]
const SETSID_GRANDCHILD: &str = "subprocess.Popen([sys.executable, '-c', 'import time\\nwhile True: time.sleep(1)'], start_new_session=True)\n";

#[cfg(target_os = "linux")]
#[test]
fn stop_ends_a_run_whose_setsid_grandchild_holds_its_output() {
    let code = format!("{PRINT_MARKER}{SETSID_GRANDCHILD}time.sleep(60)\n");
    let Some(request) = request(&code) else {
        return;
    };
    let (out, outcome, took) = run_and_maybe_stop(request, true);
    assert!(outcome.is_stopped, "{outcome:?}");
    assert!(took < Duration::from_secs(3), "Stop took {took:?}");
    let (marker, folder) = marker_and_folder(&out);
    assert_all_gone(&marker, &folder);
}

#[cfg(target_os = "linux")]
#[test]
fn the_time_limit_ends_a_run_whose_setsid_grandchild_holds_its_output() {
    let code = format!("{PRINT_MARKER}{SETSID_GRANDCHILD}time.sleep(60)\n");
    let Some(mut request) = request(&code) else {
        return;
    };
    request.limits.time = Duration::from_secs(2);
    let (out, outcome, took) = run_and_maybe_stop(request, false);
    assert!(outcome.is_timed_out, "{outcome:?}");
    assert!(took < Duration::from_secs(5), "the run took {took:?}");
    let (marker, folder) = marker_and_folder(&out);
    assert_all_gone(&marker, &folder);
}

#[cfg(target_os = "linux")]
#[test]
fn a_daemon_that_closed_its_output_does_not_survive_a_normal_finish() {
    // The classic double fork: setsid, fork again, close stdio, live on.
    let code = format!(
        "{PRINT_MARKER}pid = os.fork()\n\
         if pid == 0:\n    os.setsid()\n    if os.fork() == 0:\n        \
         null = os.open(os.devnull, os.O_RDWR)\n        \
         for fd in (0, 1, 2):\n            os.dup2(null, fd)\n        \
         time.sleep(60)\n    os._exit(0)\n\
         os.waitpid(pid, 0)\ntime.sleep(0.3)\n"
    );
    let Some(request) = request(&code) else {
        return;
    };
    let (out, outcome, took) = run_and_maybe_stop(request, false);
    assert_eq!(outcome.exit_code, Some(0), "{outcome:?}");
    assert!(took < Duration::from_secs(5), "the run took {took:?}");
    let (marker, folder) = marker_and_folder(&out);
    assert_all_gone(&marker, &folder);
}

#[cfg(any(target_os = "linux", windows))]
#[test]
fn a_program_that_grows_a_list_is_stopped_by_the_memory_cap() {
    let Some(mut request) =
        request("chunks = []\nwhile True:\n    chunks.append(bytearray(10**6))\n")
    else {
        return;
    };
    request.limits.memory_mb = 200;
    request.limits.time = Duration::from_secs(20);
    let started = Instant::now();
    let (_, err, outcome) = run_to_end(request.clone());
    assert_eq!(
        outcome.limit,
        Some(LimitHit::Memory { limit_mb: 200 }),
        "{outcome:?}\n{err}"
    );
    assert_eq!(
        outcome.limit.map(LimitHit::describe).as_deref(),
        Some("Stopped: your program used more than 200 MB of memory")
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // The traceback still points at the learner's line.
    assert!(err.contains("line 3"), "{err}");
    // The same program under Check: the checks say why, and so does the run.
    request.checks = Some("expect_equal('len(chunks) > 0', True)\n".into());
    let (_, _, outcome) = run_to_end(request);
    assert_eq!(
        outcome.limit,
        Some(LimitHit::Memory { limit_mb: 200 }),
        "{outcome:?}"
    );
    assert!(
        outcome.checks[0].message.contains("MemoryError"),
        "{:?}",
        outcome.checks
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_fork_loop_is_stopped_by_the_process_cap() {
    // Bounded: at most 150 sleeping children, all marked as the run's.
    let code = format!(
        "{PRINT_MARKER}for _ in range(150):\n    if os.fork() == 0:\n        \
         time.sleep(30)\n        os._exit(0)\n    time.sleep(0.01)\ntime.sleep(30)\n"
    );
    let Some(mut request) = request(&code) else {
        return;
    };
    request.limits.processes = 20;
    request.limits.time = Duration::from_secs(20);
    let (out, outcome, took) = run_and_maybe_stop(request, false);
    assert_eq!(
        outcome.limit,
        Some(LimitHit::Processes { limit: 20 }),
        "{outcome:?}"
    );
    assert_eq!(
        outcome.limit.map(LimitHit::describe).as_deref(),
        Some("Stopped: your program started more than 20 processes at once")
    );
    assert!(took < Duration::from_secs(5), "the run took {took:?}");
    let (marker, folder) = marker_and_folder(&out);
    assert_all_gone(&marker, &folder);
}

/// Windows: the job object refuses the process past the cap, and the
/// learner is told which limit stopped the program.
#[cfg(windows)]
#[test]
fn too_many_processes_are_refused_by_the_job() {
    let code = "import subprocess, sys\n\
        children = [subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(30)'])\n\
                    for _ in range(30)]\n";
    let Some(mut request) = request(code) else {
        return;
    };
    request.limits.processes = 10;
    request.limits.time = Duration::from_secs(20);
    let (_, err, outcome) = run_to_end(request);
    assert_eq!(
        outcome.limit,
        Some(LimitHit::Processes { limit: 10 }),
        "{outcome:?}\n{err}"
    );
}

#[test]
fn output_after_invalid_utf8_is_shown() {
    let Some(request) = request(
        "import sys\nsys.stdout.buffer.write(b'\\xff\\xfe')\nsys.stdout.buffer.flush()\nprint('hello')\n",
    ) else {
        return;
    };
    let (out, _, outcome) = run_to_end(request);
    assert_eq!(out, "\u{FFFD}\u{FFFD}hello\n");
    assert!(outcome.is_success());
}

#[test]
fn a_character_split_between_two_reads_arrives_whole() {
    let mut stream = Utf8Stream::default();
    let bytes = "é✓".as_bytes();
    assert_eq!(stream.push(&bytes[..1]), "");
    assert_eq!(stream.push(&bytes[1..3]), "é");
    assert_eq!(stream.push(&bytes[3..]), "✓");
    assert_eq!(stream.push(b"\xffok\xe2\x9c"), "\u{FFFD}ok");
    assert_eq!(stream.finish(), "\u{FFFD}");
}

#[cfg(unix)]
#[test]
fn the_run_folder_is_private() {
    let Some(request) = request("import os\nprint(oct(os.stat('.').st_mode & 0o777))\n") else {
        return;
    };
    let (out, _, _) = run_to_end(request);
    assert_eq!(out, "0o700\n");
}
