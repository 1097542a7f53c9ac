//! `pyroadmap check`: every problem it reports, on small packs in temp dirs.

use std::fs;
use std::path::Path;
use std::process::Command;

use pyroadmap::course::{self, PackSource};

const MANIFEST: &str = r#"(
    id: "t",
    title: "Test pack",
    sections: [
        (id: "basics", title: "Basics", topics: ["one", "two"]),
    ],
)"#;

const GOOD_LESSON: &str = "# One\n\nText with a [link](topic:two).\n\n```python\nprint(1)\n```\n\n```output\n1\n```\n\n```quiz\n[(id: \"q1\", question: \"Q?\", choices: [\"a\", \"b\"], answer: 1, explain: \"Because.\")]\n```\n";

/// Writes a pack whose files are all fine, then applies `edit`.
fn pack(edit: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("basics")).unwrap();
    fs::write(root.join("roadmap.ron"), MANIFEST).unwrap();
    fs::write(root.join("basics/index.md"), "# Basics\n\nAn overview.\n").unwrap();
    fs::write(root.join("basics/one.md"), GOOD_LESSON).unwrap();
    fs::write(
        root.join("basics/two.md"),
        "# Two\n\nBack to [one](topic:one).\n",
    )
    .unwrap();
    edit(root);
    dir
}

/// The problems `check` finds, as printed lines without the folder prefix.
fn problems(dir: &tempfile::TempDir) -> Vec<String> {
    let loaded = course::check(&PackSource::Dir(dir.path().to_owned())).unwrap();
    let prefix = format!("{}{}", dir.path().display(), std::path::MAIN_SEPARATOR);
    loaded
        .problems
        .iter()
        .map(|p| p.to_string().replace(&prefix, "").replace('\\', "/"))
        .collect()
}

fn only_problem(dir: &tempfile::TempDir) -> String {
    let found = problems(dir);
    assert_eq!(
        found.len(),
        1,
        "expected exactly one problem, got {found:#?}"
    );
    found.into_iter().next().unwrap()
}

#[test]
fn a_good_pack_has_no_problems() {
    let dir = pack(|_| {});
    let loaded = course::load(&PackSource::Dir(dir.path().to_owned())).unwrap();
    assert_eq!(loaded.problems, []);
    assert_eq!(
        loaded.summary(),
        "Test pack: 1 sections, 2 topics, 1 code blocks, 1 quiz questions"
    );
    assert_eq!(loaded.course.topic("one").unwrap().title, "One");
}

#[test]
fn missing_lesson_file() {
    let dir = pack(|root| fs::remove_file(root.join("basics/two.md")).unwrap());
    let problem = only_problem(&dir);
    assert!(
        problem.starts_with("basics/two.md:1: file missing"),
        "{problem}"
    );
}

#[test]
fn file_not_in_manifest() {
    let dir = pack(|root| fs::write(root.join("basics/three.md"), "# Three\n").unwrap());
    let problem = only_problem(&dir);
    assert!(
        problem.starts_with("basics/three.md:1: this file is not listed in roadmap.ron"),
        "{problem}"
    );
}

#[test]
fn duplicate_topic_id() {
    let dir = pack(|root| {
        fs::write(
            root.join("roadmap.ron"),
            MANIFEST.replace(r#"["one", "two"]"#, r#"["one", "two", "one"]"#),
        )
        .unwrap();
    });
    let problem = only_problem(&dir);
    assert!(
        problem.starts_with("roadmap.ron:5: duplicate topic id `one`"),
        "{problem}"
    );
}

#[test]
fn lesson_without_title() {
    let dir =
        pack(|root| fs::write(root.join("basics/two.md"), "Just text, no heading.\n").unwrap());
    let problem = only_problem(&dir);
    assert!(
        problem.starts_with("basics/two.md:1: no `# Title`"),
        "{problem}"
    );
}

#[test]
fn unknown_code_language() {
    let dir = pack(|root| {
        fs::write(root.join("basics/two.md"), "# Two\n\n```cobolish\nx\n```\n").unwrap();
    });
    assert_eq!(
        only_problem(&dir),
        "basics/two.md:3: unknown code language `cobolish`: the highlighter does not know it"
    );
}

#[test]
fn malformed_quiz_reports_the_ron_position() {
    let lesson = "# Two\n\n```quiz\n[\n    (id: \"q1\", question: \"Q?\", choices: [\"a\" \"b\"], answer: 0, explain: \"e\"),\n]\n```\n";
    let dir = pack(|root| fs::write(root.join("basics/two.md"), lesson).unwrap());
    let problem = only_problem(&dir);
    assert!(
        problem.starts_with("basics/two.md:5: the quiz is not valid"),
        "{problem}"
    );
    assert!(problem.contains("line 2, column"), "{problem}");
}

#[test]
fn quiz_answer_out_of_range() {
    let lesson = "# Two\n\n```quiz\n[(id: \"q1\", question: \"Q?\", choices: [\"a\", \"b\"], answer: 5, explain: \"e\")]\n```\n";
    let dir = pack(|root| fs::write(root.join("basics/two.md"), lesson).unwrap());
    let problem = only_problem(&dir);
    assert!(
        problem.contains("question 1 has answer 5 but only 2 choices"),
        "{problem}"
    );
}

#[test]
fn output_block_not_after_python() {
    let lesson = "# Two\n\nSome text.\n\n```output\n1\n```\n";
    let dir = pack(|root| fs::write(root.join("basics/two.md"), lesson).unwrap());
    assert_eq!(
        only_problem(&dir),
        "basics/two.md:5: an `output` block must directly follow a runnable `python` block"
    );
}

#[test]
fn link_to_unknown_topic() {
    let lesson = "# Two\n\nSee\n[nowhere](topic:no-such-topic).\n";
    let dir = pack(|root| fs::write(root.join("basics/two.md"), lesson).unwrap());
    assert_eq!(
        only_problem(&dir),
        "basics/two.md:4: link to unknown topic `no-such-topic`"
    );
}

#[test]
fn broken_manifest_is_fatal_with_position() {
    let dir = pack(|root| {
        fs::write(
            root.join("roadmap.ron"),
            "(\n  id: \"t\",\n  title: oops\n)",
        )
        .unwrap();
    });
    let error = course::load(&PackSource::Dir(dir.path().to_owned())).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("roadmap.ron:3: the manifest is not valid RON"),
        "{error}"
    );
}

#[test]
fn check_command_prints_problems_and_fails() {
    let dir =
        pack(|root| fs::write(root.join("basics/two.md"), "# Two\n\n[x](topic:nope)\n").unwrap());
    let out = Command::new(env!("CARGO_BIN_EXE_pyroadmap"))
        .arg("check")
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("two.md:3: link to unknown topic `nope`"),
        "{stdout}"
    );
}

#[test]
fn check_command_summarises_a_good_pack() {
    let dir = pack(|_| {});
    let out = Command::new(env!("CARGO_BIN_EXE_pyroadmap"))
        .arg("check")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "Test pack: 1 sections, 2 topics, 1 code blocks, 1 quiz questions"
    );
}

const PICTURE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><rect width="200" height="100" rx="12" fill="#f6f5f0"/><text x="20" y="50" font-family="sans-serif" font-size="14">names</text></svg>"##;

#[test]
fn a_picture_is_loaded_and_counted() {
    let dir = pack(|root| {
        fs::create_dir_all(root.join("basics/images")).unwrap();
        fs::write(root.join("basics/images/names.svg"), PICTURE).unwrap();
        let lesson = GOOD_LESSON.replacen(
            "\n\n",
            "\n\n![Two names point at one list.](images/names.svg)\n\n",
            1,
        );
        fs::write(root.join("basics/one.md"), lesson).unwrap();
    });
    let loaded = course::check(&PackSource::Dir(dir.path().to_owned())).unwrap();
    assert_eq!(loaded.problems, []);
    assert!(
        loaded.summary().ends_with(", 1 pictures"),
        "{}",
        loaded.summary()
    );
    assert_eq!(
        loaded.course.image("basics/images/names.svg"),
        Some(PICTURE)
    );
}

#[test]
fn a_missing_picture_one_without_alt_text_and_a_broken_one_are_problems() {
    let dir = pack(|root| {
        fs::create_dir_all(root.join("basics/images")).unwrap();
        fs::write(root.join("basics/images/broken.svg"), "<svg><g></svg>").unwrap();
        fs::write(
            root.join("basics/two.md"),
            "# Two\n\n![](images/broken.svg)\n\n![A chart.](images/gone.svg)\n",
        )
        .unwrap();
    });
    let found = problems(&dir);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found[0].starts_with("basics/two.md:3: the picture `images/broken.svg` has no alt text"),
        "{found:?}"
    );
    assert!(
        found[1].starts_with("basics/two.md:5: the picture `images/gone.svg` is not in the pack"),
        "{found:?}"
    );
    assert!(
        found[2].starts_with("basics/images/broken.svg:1: this picture does not parse as SVG"),
        "{found:?}"
    );
}

#[test]
fn check_reports_exercise_problems_with_their_place_and_counts_exercises() {
    let exercise = "# Add\n\nWrite `add`.\n\n## Starter\n\n```python\ndef add(a, b):\n    pass\n```\n\n## Checks\n\n```python\nexpect_equal('add(1, 2)', 3)\n```\n\n## Hints\n\n1. Use `+`.\n";
    let dir = pack(|root| {
        fs::create_dir_all(root.join("basics/exercises/one")).unwrap();
        fs::write(root.join("basics/exercises/one/01-add.md"), exercise).unwrap();
        fs::create_dir_all(root.join("basics/exercises/nope")).unwrap();
        fs::write(root.join("basics/exercises/nope/01-add.md"), exercise).unwrap();
    });
    let found = problems(&dir);
    assert!(
        found.iter().any(|p| p
            == "basics/exercises/one/01-add.md:1: missing `## Solution` with a ```python block"),
        "{found:?}"
    );
    assert!(
        found.iter().any(|p| p.starts_with(
            "basics/exercises/nope/01-add.md:1: these exercises are for `basics/nope`"
        )),
        "{found:?}"
    );
    let loaded = course::check(&PackSource::Dir(dir.path().to_owned())).unwrap();
    assert!(
        loaded.summary().contains(", 1 exercises"),
        "{}",
        loaded.summary()
    );
}

#[test]
fn aliases_must_point_at_topics_and_be_listed_once() {
    let dir = pack(|root| {
        fs::write(
            root.join("aliases.ron"),
            "[\n    (say: \"ctor\", means: \"__init__\", topics: [\"one\"]),\n    (say: \"thing\", topics: [\"three\"]),\n    (say: \"ctor\", topics: [\"two\"]),\n]\n",
        )
        .unwrap();
    });
    let found = problems(&dir);
    assert_eq!(
        found,
        vec![
            "aliases.ron:3: the alias `thing` points at `three`, which is not a topic in roadmap.ron",
            "aliases.ron:4: the alias `ctor` is listed twice: merge its topics",
        ],
        "{found:#?}"
    );
}

#[test]
fn an_alias_table_that_does_not_read_is_reported_with_its_line() {
    let dir = pack(|root| {
        fs::write(
            root.join("aliases.ron"),
            "[\n    (say: \"x\", topic: [\"one\"]),\n]\n",
        )
        .unwrap();
    });
    let problem = only_problem(&dir);
    assert!(
        problem.starts_with("aliases.ron:2: the alias table does not read"),
        "{problem}"
    );
}
