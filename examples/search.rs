//! Prints what search finds for each query given, best first: for authors
//! tuning the alias table. `cargo run --example search -- "read a file"`

use pyroadmap::search::{Kind, SearchIndex};

fn main() {
    let course = pyroadmap::course::load_embedded().course;
    let mut index = SearchIndex::build(&course);
    for query in std::env::args().skip(1) {
        println!("{query}");
        for hit in index.search(&query, &Kind::ALL, 5) {
            let topic = hit.topic.as_deref().unwrap_or("(section)");
            let snippet: String = hit.snippet.chars().take(90).collect();
            println!(
                "  {:<6} {topic:<28} {:>7.2} {snippet}",
                hit.kind.label(),
                hit.score()
            );
        }
    }
}
