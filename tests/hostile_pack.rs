//! Hostile content packs (`--content DIR`): `pyroadmap check` reports each
//! case at its path:line and ends in time, and the app loads the same packs
//! without crashing, hanging or reading outside the pack.

mod support;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use pyroadmap::Config;
use pyroadmap::course::{self, PackSource};
use pyroadmap::study::Progress;

const MANIFEST: &str = r#"(
    id: "t",
    title: "Test pack",
    sections: [
        (id: "basics", title: "Basics", topics: ["one", "two"]),
    ],
)"#;

/// How long `check` may take on a small pack, even in a debug build on a
/// busy machine; a hang is far longer.
const CHECK_LIMIT: Duration = Duration::from_secs(60);

/// A pack folder (inside a temp dir, so that a file can lie beside it,
/// outside the pack) whose files are fine, after `edit`.
fn pack(edit: impl FnOnce(&Path)) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("pack");
    fs::create_dir_all(root.join("basics/images")).unwrap();
    fs::write(root.join("roadmap.ron"), MANIFEST).unwrap();
    fs::write(root.join("basics/index.md"), "# Basics\n\nAn overview.\n").unwrap();
    fs::write(
        root.join("basics/one.md"),
        "# One\n\nSee [two](topic:two).\n",
    )
    .unwrap();
    fs::write(
        root.join("basics/two.md"),
        "# Two\n\nBack to [one](topic:one).\n",
    )
    .unwrap();
    edit(&root);
    (dir, root)
}

/// Runs the `pyroadmap check` binary on `root`, failing the test if it
/// does not end within `CHECK_LIMIT`. Returns the exit code and stdout,
/// with the pack's folder taken out of the paths.
fn check_in_time(root: &Path) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pyroadmap"))
        .arg("check")
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).ok();
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > CHECK_LIMIT {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("`pyroadmap check` did not end in {CHECK_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let prefix = format!("{}{}", root.display(), std::path::MAIN_SEPARATOR);
    let stdout = reader
        .join()
        .unwrap()
        .replace(&prefix, "")
        .replace('\\', "/");
    (status.code(), stdout)
}

/// `check` fails on `root` and prints `expected` as one of its lines.
fn check_reports(root: &Path, expected: &str) {
    let (code, stdout) = check_in_time(root);
    assert_eq!(code, Some(1), "check passed:\n{stdout}");
    assert!(
        stdout.lines().any(|line| line.starts_with(expected)),
        "no line starts with {expected:?}:\n{stdout}"
    );
}

/// Loads the pack as the app does (on a thread with a small stack, like the
/// one that reads the course at start), failing if it takes too long.
fn load_in_time(root: &Path) -> course::Loaded {
    let source = PackSource::Dir(root.to_owned());
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let loaded = course::open(&source).expect("the manifest reads");
            // Read every lesson, as opening each would.
            for topic in loaded.course.topics() {
                topic.doc();
            }
            sender.send(loaded).ok();
        })
        .unwrap();
    receiver
        .recv_timeout(CHECK_LIMIT)
        .expect("loading the pack did not end (or crashed)")
}

const PICTURE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="#f6f5f0"/></svg>"##;

fn with_picture(root: &Path, src: &str) {
    fs::write(
        root.join("basics/one.md"),
        format!("# One\n\n![A picture.]({src})\n\nSee [two](topic:two).\n"),
    )
    .unwrap();
}

#[test]
fn a_good_pack_passes() {
    let (_dir, root) = pack(|root| {
        fs::write(root.join("basics/images/ok.svg"), PICTURE).unwrap();
        with_picture(root, "images/ok.svg");
    });
    let (code, stdout) = check_in_time(&root);
    assert_eq!(code, Some(0), "{stdout}");
}

#[test]
fn a_picture_outside_the_pack_is_refused() {
    let (_dir, root) = pack(|root| {
        fs::write(root.join("../outside.svg"), PICTURE).unwrap();
        with_picture(root, "../../outside.svg");
    });
    check_reports(
        &root,
        "basics/one.md:3: the picture `../../outside.svg` is not shown: it is outside the pack folder",
    );
    let loaded = load_in_time(&root);
    assert_eq!(loaded.course.image("basics/../../outside.svg"), None);
}

#[test]
fn a_picture_too_large_is_refused_unread() {
    let (_dir, root) = pack(|root| {
        let file = fs::File::create(root.join("basics/images/huge.svg")).unwrap();
        // Sparse: no disk space is used.
        file.set_len(course::pack::MAX_FILE_BYTES + 1).unwrap();
        with_picture(root, "images/huge.svg");
    });
    check_reports(
        &root,
        "basics/one.md:3: the picture `images/huge.svg` is not shown: it is larger than 10 MB",
    );
    assert_eq!(
        load_in_time(&root).course.image("basics/images/huge.svg"),
        None
    );
}

#[cfg(unix)]
#[test]
fn an_endless_or_waiting_file_as_a_picture_or_lesson_is_never_read() {
    let (_dir, root) = pack(|root| {
        // /dev/zero through a link inside the pack, and a FIFO named like a
        // picture and like a lesson: reading any of them never ends.
        std::os::unix::fs::symlink("/dev/zero", root.join("basics/images/zero.svg")).unwrap();
        mkfifo(&root.join("basics/images/fifo.svg"));
        fs::write(
            root.join("basics/one.md"),
            "# One\n\n![Zero.](images/zero.svg)\n\n![Fifo.](images/fifo.svg)\n\n![Device.](/dev/zero)\n",
        )
        .unwrap();
        fs::remove_file(root.join("basics/two.md")).unwrap();
        mkfifo(&root.join("basics/two.md"));
        fs::create_dir_all(root.join("basics/exercises/one")).unwrap();
        mkfifo(&root.join("basics/exercises/one/01-wait.md"));
    });
    let (code, stdout) = check_in_time(&root);
    assert_eq!(code, Some(1), "{stdout}");
    for expected in [
        "basics/one.md:3: the picture `images/zero.svg` is not shown: it is outside the pack folder",
        "basics/one.md:5: the picture `images/fifo.svg` is not shown: it is not a regular file",
        "basics/one.md:7: the picture `/dev/zero` is not an SVG file",
        "basics/two.md:1: cannot read this file: it is not a regular file",
        "basics/exercises/one/01-wait.md:1: cannot read this exercise: it is not a regular file",
    ] {
        assert!(
            stdout.lines().any(|line| line.starts_with(expected)),
            "no line starts with {expected:?}:\n{stdout}"
        );
    }
    let loaded = load_in_time(&root);
    assert!(loaded.course.topic("two").unwrap().doc().blocks.is_empty());
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn links_that_loop_are_not_followed() {
    let (_dir, root) = pack(|root| {
        std::os::unix::fs::symlink("..", root.join("basics/up")).unwrap();
        std::os::unix::fs::symlink(".", root.join("basics/exercises")).unwrap();
        std::os::unix::fs::symlink("loop-b", root.join("basics/loop-a.md")).unwrap();
        std::os::unix::fs::symlink("loop-a.md", root.join("basics/loop-b")).unwrap();
    });
    let (code, stdout) = check_in_time(&root);
    assert_eq!(code, Some(1), "{stdout}");
    for expected in [
        "basics/exercises:1: a link to a folder: pyroadmap does not look into linked folders",
        "basics/up:1: a link to a folder",
    ] {
        assert!(
            stdout.lines().any(|line| line.starts_with(expected)),
            "no line starts with {expected:?}:\n{stdout}"
        );
    }
    let loaded = load_in_time(&root);
    assert_eq!(loaded.course.topic_count(), 2);
}

#[test]
fn a_picture_nested_thousands_deep_fails_check_and_is_not_drawn() {
    let deep = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\n{}<rect width=\"5\" height=\"5\"/>{}</svg>",
        "<g>".repeat(5_000),
        "</g>".repeat(5_000)
    );
    let (_dir, root) = pack(|root| {
        fs::write(root.join("basics/images/deep.svg"), &deep).unwrap();
        with_picture(root, "images/deep.svg");
    });
    check_reports(
        &root,
        "basics/images/deep.svg:2: this picture nests its elements more than 64 levels deep",
    );
}

#[test]
fn a_picture_with_an_image_element_reads_no_file_and_check_says_so() {
    let (dir, root) = pack(|root| {
        fs::write(
            root.join("basics/images/peek.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\">\n<image width=\"10\" height=\"10\" xlink:href=\"../../../outside.svg\"/>\n</svg>",
        )
        .unwrap();
        with_picture(root, "images/peek.svg");
    });
    fs::write(dir.path().join("outside.svg"), PICTURE).unwrap();
    check_reports(
        &root,
        "basics/images/peek.svg:2: an `<image>` is not drawn: a picture reads no other file",
    );
}

#[test]
fn quotes_or_lists_nested_ten_thousand_deep_fail_check_and_load() {
    let (_dir, root) = pack(|root| {
        fs::write(
            root.join("basics/one.md"),
            format!("# One\n\n{}deep\n", "> ".repeat(10_000)),
        )
        .unwrap();
        fs::write(
            root.join("basics/two.md"),
            format!("# Two\n\nText.\n\n{}deep\n", "- ".repeat(10_000)),
        )
        .unwrap();
    });
    let (code, stdout) = check_in_time(&root);
    assert_eq!(code, Some(1), "{stdout}");
    for expected in [
        "basics/one.md:3: quotes and lists nest more than 16 levels deep here",
        "basics/two.md:5: quotes and lists nest more than 16 levels deep here",
    ] {
        assert!(
            stdout.lines().any(|line| line.starts_with(expected)),
            "no line starts with {expected:?}:\n{stdout}"
        );
    }
    let loaded = load_in_time(&root);
    let mut deepest_text = String::new();
    course::visit_blocks(
        &loaded.course.topic("one").unwrap().doc().blocks,
        &mut |b| {
            if let course::Block::Paragraph(spans) = b {
                deepest_text = course::markdown::plain_text(spans);
            }
        },
    );
    assert_eq!(deepest_text, "deep", "the text is still shown");
}

#[test]
fn the_app_opens_a_lesson_nested_ten_thousand_deep() {
    let (_dir, root) = pack(|root| {
        fs::write(
            root.join("basics/one.md"),
            format!("# One\n\n{}the bottom of the quotes\n", "> ".repeat(10_000)),
        )
        .unwrap();
    });
    let data = tempfile::tempdir().unwrap();
    let mut harness = app_on_lesson(data.path(), &root);
    assert!(support::run_until(&mut harness, 10.0, |h| {
        support::has_label(h, "the bottom of the quotes")
    }));
}

/// The app over `pack`, opened on its topic `one`.
fn app_on_lesson(
    data: &Path,
    pack: &Path,
) -> egui_kittest::Harness<'static, pyroadmap::PyroadmapApp> {
    let progress = Progress {
        last_topic: Some("one".into()),
        ..Progress::default()
    };
    support::seed(data, &progress);
    let mut config = Config::new(data.to_owned());
    config.content = PackSource::Dir(pack.to_owned());
    support::app_with_config(config)
}

#[test]
fn a_tall_narrow_picture_is_drawn_within_the_largest_texture() {
    let (_dir, root) = pack(|root| {
        fs::write(
            root.join("basics/images/tall.svg"),
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="400"><rect width="10" height="400"/></svg>"#,
        )
        .unwrap();
        with_picture(root, "images/tall.svg");
    });
    let data = tempfile::tempdir().unwrap();
    let mut harness = app_on_lesson(data.path(), &root);
    // Drawn at the lesson's width it would be 25,000+ px tall; the test
    // renderer's largest texture is 2048 px (a GPU's is often 8192).
    let max_side = harness.ctx.input(|i| i.max_texture_side) as f32;
    assert!(
        support::run_until(&mut harness, 20.0, |h| {
            h.query_by_role_and_label(Role::Image, "A picture.")
                .is_some()
        }),
        "the picture is never drawn"
    );
    let shown = harness
        .get_by_role_and_label(Role::Image, "A picture.")
        .rect();
    let ppp = harness.ctx.pixels_per_point();
    assert!(
        shown.height() * ppp <= max_side + 1.0,
        "{shown:?} at {ppp} px per point"
    );
    assert!(shown.height() > 100.0, "still drawn large: {shown:?}");
}

#[test]
fn a_file_link_in_a_lesson_opens_nothing_and_says_why_and_check_reports_it() {
    let (_dir, root) = pack(|root| {
        fs::write(
            root.join("basics/one.md"),
            "# One\n\nSee [the docs](https://docs.python.org/3/) and\n[run me](file:///bin/sh), or [two](topic:two).\n",
        )
        .unwrap();
    });
    check_reports(
        &root,
        "basics/one.md:4: the link `file:///bin/sh` would not open: pyroadmap opens only web (http, https) and topic links",
    );

    let data = tempfile::tempdir().unwrap();
    let mut harness = app_on_lesson(data.path(), &root);
    let opened = |harness: &mut egui_kittest::Harness<'_, pyroadmap::PyroadmapApp>, label: &str| {
        harness.get_by_label(label).click();
        harness.step();
        let urls: Vec<String> = harness
            .output()
            .platform_output
            .commands
            .iter()
            .filter_map(|command| match command {
                egui::OutputCommand::OpenUrl(open) => Some(open.url.clone()),
                _ => None,
            })
            .collect();
        harness.run();
        urls
    };
    // The control: a web link does reach the system's opener.
    assert_eq!(
        opened(&mut harness, "the docs"),
        ["https://docs.python.org/3/"]
    );
    assert_eq!(opened(&mut harness, "run me"), Vec::<String>::new());
    assert!(
        support::has_label_containing(
            &harness,
            "Not opened: file:///bin/sh. pyroadmap opens only web (http, https) and topic links."
        ),
        "the learner is told why"
    );
}
