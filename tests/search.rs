//! Search relevance: queries a learner would type, and the topic each should
//! open. Prints the share found first and in the top three.

use pyroadmap::search::{Kind, SearchIndex};

/// (line, query, expected topic) from `tests/search_queries.txt`.
fn queries() -> Vec<(usize, String, String)> {
    let text = include_str!("search_queries.txt");
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
        .map(|(n, line)| {
            let (query, topic) = line
                .split_once("=>")
                .unwrap_or_else(|| panic!("line {}: `query => topic` expected", n + 1));
            (n + 1, query.trim().to_owned(), topic.trim().to_owned())
        })
        .collect()
}

#[test]
fn learners_queries_open_the_lesson_about_them() {
    let course = pyroadmap::course::load_embedded().course;
    let mut index = SearchIndex::build(&course);
    let queries = queries();
    assert!(queries.len() >= 60, "at least 60 queries");
    let sections: std::collections::HashSet<usize> = queries
        .iter()
        .map(|(line, _, topic)| {
            course
                .topic(topic)
                .unwrap_or_else(|| panic!("line {line}: no topic `{topic}`"))
                .section_index
        })
        .collect();
    assert_eq!(
        sections.len(),
        course.sections.len(),
        "every section is asked about"
    );

    let (mut first, mut top3) = (0, 0);
    let mut misses = Vec::new();
    for (line, query, expected) in &queries {
        let hits = index.search(query, &Kind::ALL, 10);
        let topics: Vec<&str> = hits.iter().filter_map(|h| h.topic.as_deref()).collect();
        let place = topics.iter().position(|t| t == expected);
        if place == Some(0) {
            first += 1;
        }
        if place.is_some_and(|p| p < 3) {
            top3 += 1;
        }
        if place != Some(0) {
            misses.push(format!(
                "line {line}: {query:?} wants {expected}, place {}; got {:?}",
                place.map_or("none".into(), |p| (p + 1).to_string()),
                &topics[..topics.len().min(3)]
            ));
        }
    }
    #[allow(clippy::cast_precision_loss)] // a few hundred queries
    let share = |n: usize| 100.0 * n as f64 / queries.len() as f64;
    println!(
        "{} queries: {:.1}% first (target 90%), {:.1}% in the top 3 (target 100%)",
        queries.len(),
        share(first),
        share(top3)
    );
    for miss in &misses {
        println!("  {miss}");
    }
    assert!(
        share(first) >= 90.0,
        "first: {:.1}%\n{}",
        share(first),
        misses.join("\n")
    );
    assert_eq!(
        top3,
        queries.len(),
        "every query in the top 3\n{}",
        misses.join("\n")
    );
}
