use super::*;

fn index() -> SearchIndex {
    SearchIndex::build(&crate::course::load_embedded().course)
}

fn first_topic(index: &mut SearchIndex, query: &str) -> Option<String> {
    index
        .search(query, &Kind::ALL, 10)
        .into_iter()
        .next()
        .and_then(|h| h.topic)
}

#[test]
fn fuzzy_title_tolerates_a_missing_letter() {
    let mut index = index();
    let hits = index.search("dcorator", &Kind::ALL, 10);
    let first = hits.first().expect("a hit");
    assert_eq!(first.kind, Kind::Title);
    assert!(first.snippet.starts_with("Decorators"), "{first:?}");
    assert!(!first.highlights.is_empty());
}

#[test]
fn words_in_prose_and_code_are_found_with_a_snippet() {
    let mut index = index();
    let hits = index.search("setdefault", &[Kind::Lesson, Kind::Code], 20);
    let hit = hits
        .iter()
        .find(|h| h.topic.as_deref() == Some("dicts"))
        .unwrap_or_else(|| panic!("{hits:#?}"));
    let marked = &hit.snippet[hit.highlights[0].clone()];
    assert_eq!(marked.to_lowercase(), "setdefault");
    assert!(hit.block.is_some());
}

#[test]
fn notes_are_found_and_follow_edits() {
    let mut index = index();
    index.set_note("sets", "Zanzibar trick: frozenset works as a key");
    let hits = index.search("zanzib", &Kind::ALL, 10);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].kind, Kind::Note);
    assert_eq!(hits[0].topic.as_deref(), Some("sets"));
    assert_eq!(&hits[0].snippet[hits[0].highlights[0].clone()], "Zanzib");
    index.set_note("sets", "nothing special");
    assert!(index.search("zanzib", &Kind::ALL, 10).is_empty());
}

#[test]
fn filters_apply_and_nonsense_finds_nothing() {
    let mut index = index();
    let hits = index.search("with stat", &[Kind::Lesson], 50);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.kind == Kind::Lesson));
    assert!(index.search("qqqqzz xxyyzzq", &Kind::ALL, 50).is_empty());
}

#[test]
fn one_result_per_topic() {
    let mut index = index();
    let hits = index.search("list", &[Kind::Title, Kind::Lesson, Kind::Code], 40);
    let mut topics: Vec<_> = hits.iter().map(|h| (&h.topic, h.section)).collect();
    let count = topics.len();
    topics.sort();
    topics.dedup();
    assert_eq!(topics.len(), count, "a topic is listed once");
}

#[test]
fn a_phrase_outranks_scattered_words_and_an_exact_title_comes_first() {
    let mut index = index();
    let hits = index.search("with stat", &Kind::ALL, 40);
    assert_eq!(hits[0].snippet, "The with statement", "{:#?}", &hits[..3]);
}

#[test]
fn the_lesson_about_a_thing_comes_before_a_passing_mention() {
    let mut index = index();
    let hits = index.search("walrus", &Kind::ALL, 10);
    assert_eq!(hits[0].topic.as_deref(), Some("operators"), "{hits:#?}");
    assert_eq!(hits[0].kind, Kind::Lesson);
}

#[test]
fn common_words_and_short_words_never_mark_inside_other_words() {
    let mut index = index();
    let hits = index.search("how to read a file", &Kind::ALL, 10);
    assert_eq!(
        hits[0].topic.as_deref(),
        Some("reading-writing-files"),
        "{hits:#?}"
    );
    for hit in &hits {
        for range in &hit.highlights {
            let marked = hit.snippet[range.clone()].to_lowercase();
            assert!(
                !["how", "to", "a", "an"].contains(&marked.as_str()),
                "{marked:?} marked in {hit:#?}"
            );
            assert!(marked.len() > 2, "{marked:?} in {:?}", hit.snippet);
        }
    }
}

#[test]
fn typos_spacing_and_partial_matches_still_find_the_lesson() {
    let mut index = index();
    for query in ["fstring", "f strings", "f-string", "how to use f-strings"] {
        let first = first_topic(&mut index, query);
        assert!(first.is_some(), "{query}");
        let hits = index.search(query, &Kind::ALL, 5);
        assert!(
            hits.iter()
                .any(|h| h.snippet.to_lowercase().contains("f-string")
                    || h.passage
                        .as_ref()
                        .is_some_and(|p| p.text.to_lowercase().contains("f-string"))),
            "{query}: {hits:#?}"
        );
    }
    assert_eq!(
        first_topic(&mut index, "dictionnary").as_deref(),
        Some("dicts")
    );
    assert!(
        !index.search("reverse a string", &Kind::ALL, 10).is_empty(),
        "some of the words match"
    );
}

#[test]
fn snippets_carry_inline_code_instead_of_backticks() {
    let mut index = index();
    for query in ["def", "setdefault", "venv activate"] {
        // Code is shown as written; prose never shows Markdown.
        for hit in index.search(query, &[Kind::Title, Kind::Lesson], 40) {
            assert!(!hit.snippet.contains('`'), "{query}: {:?}", hit.snippet);
        }
    }
    let hits = index.search("d.setdefault key default", &[Kind::Lesson], 10);
    assert!(
        hits.iter()
            .any(|h| h.styles.iter().any(|(_, s)| *s == Style::Code)),
        "{hits:#?}"
    );
}

#[test]
fn identifiers_are_found_whole_and_by_their_parts() {
    let mut index = index();
    let hits = index.search("__init__", &Kind::ALL, 10);
    assert_eq!(hits[0].topic.as_deref(), Some("init-method"), "{hits:#?}");
}

#[test]
fn every_prefix_of_odd_input_searches_without_a_panic() {
    let mut index = index();
    index.set_note("sets", "ünïcode nötes, emoji 🐍 and CJK 字典");
    for typed in [
        "s",
        "es",
        "ies",
        "ys",
        "a-b",
        "-",
        "__",
        "._.",
        "字典",
        "🐍",
        "ünï",
        "x".repeat(80).as_str(),
        "how to do it is a the",
        "f - string",
        "e.g. re.sub(r'\\d+', '', s)",
    ] {
        for end in (1..=typed.len()).filter(|&e| typed.is_char_boundary(e)) {
            let hits = index.search(&typed[..end], &Kind::ALL, 40);
            for hit in hits {
                for range in &hit.highlights {
                    assert!(hit.snippet.is_char_boundary(range.start));
                    assert!(hit.snippet.is_char_boundary(range.end));
                }
            }
        }
    }
}

/// A long note, as a learner's diary grows, with `phrase` in the middle.
fn diary_with(phrase: &str) -> String {
    let mut note = String::new();
    for day in 1..=30 {
        if day == 15 {
            note.push_str(&format!("Day {day}: {phrase}, to look at again.\n"));
        }
        note.push_str(&format!(
            "Day {day}: worked through the lesson on loops and lists, \
             wrote down what I learned and what to practise tomorrow.\n"
        ));
    }
    note
}

#[test]
fn a_notes_exact_phrase_outranks_a_fuzzy_title_match() {
    let mut index = index();
    // "observed" is one letter from the title "Observer", "flash" from
    // "Flask": the learner typed their own words, which the note has.
    for (topic, phrase) in [("tuples", "observed pattern"), ("strings", "flash routing")] {
        index.set_note(topic, &diary_with(phrase));
        let hits = index.search(phrase, &Kind::ALL, 10);
        assert_eq!(hits[0].kind, Kind::Note, "{phrase}: {:#?}", &hits[..2]);
        assert_eq!(hits[0].topic.as_deref(), Some(topic));
        assert!(hits[0].snippet.contains(phrase), "{:?}", hits[0].snippet);
    }
}

/// The lines of a topic's code blocks.
fn code_lines(topic: &str) -> Vec<String> {
    let course = crate::course::load_embedded().course;
    let topic = course.topic(topic).expect("the topic exists");
    let mut lines = Vec::new();
    for block in &topic.doc().blocks {
        if let crate::course::Block::Code(code) = block {
            lines.extend(code.text.lines().map(str::to_owned));
            lines.extend(
                code.output
                    .iter()
                    .flat_map(|o| o.lines().map(str::to_owned)),
            );
        }
    }
    lines
}

#[test]
fn a_code_snippet_is_one_line_of_the_code() {
    let mut index = index();
    for query in ["hashlib", "setdefault", "chunksize", "subplots"] {
        let hits = index.search(query, &[Kind::Code], 10);
        assert!(!hits.is_empty(), "{query}");
        for hit in hits {
            let shown = hit.snippet.trim_matches('…').trim();
            // (A section's overview has little code; topics have the rest.)
            let Some(topic) = hit.topic.as_deref() else {
                continue;
            };
            assert!(
                code_lines(topic).iter().any(|line| line.contains(shown)),
                "{query}: {:?} is not one line of {topic}'s code",
                hit.snippet
            );
            assert!(
                hit.styles.iter().any(|(_, s)| *s == Style::Code),
                "code is shown as code"
            );
        }
    }
}

#[test]
fn a_table_is_shown_as_its_rows() {
    let mut index = index();
    let hits = index.search("symmetric_difference", &[Kind::Lesson], 10);
    let hit = hits
        .iter()
        .find(|h| h.topic.as_deref() == Some("sets"))
        .unwrap_or_else(|| panic!("{hits:#?}"));
    // The row, its cells apart, and no other row.
    let row = "a ^ b │ a.symmetric_difference(b) │ items in exactly one";
    assert_eq!(hit.snippet.trim_matches('…'), row, "{hit:#?}");
}
