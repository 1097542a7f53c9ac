//! Quiz answers are kept by question id: reordering a lesson's questions
//! keeps each answer with its question, and answers saved by position (files
//! from before ids) move to the ids.

mod support;

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use pyroadmap::course::{Block, PackSource};
use pyroadmap::study::Progress;
use pyroadmap::{Config, PyroadmapApp};
use support::{app, app_with_config, has_label_containing, open_topic, seed};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn lists_quiz() -> Vec<pyroadmap::course::Question> {
    let loaded = pyroadmap::course::load_embedded();
    match loaded.course.topic("lists").unwrap().doc().blocks.last() {
        Some(Block::Quiz(questions)) => questions.clone(),
        _ => panic!("lists ends with a quiz"),
    }
}

#[test]
fn reordering_a_lessons_questions_keeps_each_answer_with_its_question() {
    let questions = lists_quiz();
    let (first, second) = (&questions[0], &questions[1]);
    let pack = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content/python"),
        pack.path(),
    );
    // The author moves the first question to the end of the quiz.
    let lesson = pack.path().join("data-structures/lists.md");
    let text = std::fs::read_to_string(&lesson).unwrap();
    let start = text.find("    (\n        id: \"q1\"").expect("q1's block");
    let end = text[start..].find("\n    ),\n").unwrap() + start + "\n    ),\n".len();
    let block = text[start..end].to_owned();
    let mut moved = text.replacen(&block, "", 1);
    let close = moved.rfind("]\n```").unwrap();
    moved.insert_str(close, &block);
    std::fs::write(&lesson, &moved).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let mut progress = Progress::default();
    let wrong = (first.answer + 1) % first.choices.len();
    progress.update_topic("lists", 5, |r| {
        r.quiz.insert(first.id.clone(), wrong);
    });
    seed(dir.path(), &progress);
    let mut config = Config::new(dir.path().to_owned());
    config.content = PackSource::Dir(pack.path().to_owned());
    let mut harness = app_with_config(config);
    open_topic(&mut harness, "Data structures", "lists");
    let picked = first.choices[wrong].replace('`', "");
    assert!(
        has_label_containing(&harness, &format!("✖ {picked} (your answer, wrong)")),
        "the answer stayed with its question, now the last one"
    );
    // The question now first was never answered: its choices are open.
    let open_choice = second.choices[0].replace('`', "");
    assert!(
        harness
            .query_all_by_role_and_label(Role::RadioButton, &open_choice)
            .next()
            .is_some(),
        "the question now in first place is unanswered"
    );
}

#[test]
fn answers_saved_by_position_move_to_the_question_ids() {
    let dir = tempfile::tempdir().unwrap();
    // A file from before question ids: answers keyed by position.
    std::fs::write(
        dir.path().join("progress.ron"),
        "{\n  \"version\": 1,\n  \"topics\": {\n    \"lists\": {\n      \"status\": InProgress,\n      \"status_ms\": 5,\n      \"quiz\": {0: 1, 2: 0},\n      \"quiz_ms\": {0: 5, 2: 6},\n    },\n  },\n}\n",
    )
    .unwrap();
    let questions = lists_quiz();
    {
        let harness = app(dir.path());
        let record = harness.state().progress().topic("lists");
        assert_eq!(record.quiz.get(&questions[0].id), Some(&1));
        assert_eq!(record.quiz.get(&questions[2].id), Some(&0));
        assert_eq!(record.quiz.len(), 2);
        drop::<egui_kittest::Harness<'_, PyroadmapApp>>(harness);
    }
    let saved = std::fs::read_to_string(dir.path().join("progress.ron")).unwrap();
    assert!(
        saved.contains(&format!("\"{}\":1", questions[0].id)),
        "the file now keys answers by id: {saved}"
    );
}
