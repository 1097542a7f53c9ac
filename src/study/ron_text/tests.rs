use super::*;

#[test]
fn splits_maps_and_structs_keeping_value_text() {
    let text = "\u{feff}{\r\n  \"a\": Daily(3), // note\r\n  \"b\": {\"x\": [1, (2)], \"y\": \"},\\\"\"},\r\n  c: r#\"raw \" }\"#,\r\n  \"d\": 'x',\r\n}";
    let entries = split(text, 1);
    assert_eq!(entries.error, None);
    let got: Vec<(&str, &str, usize)> = entries
        .items
        .iter()
        .map(|e| (&*e.key, e.value, e.line))
        .collect();
    assert_eq!(
        got,
        [
            ("a", "Daily(3)", 2),
            ("b", "{\"x\": [1, (2)], \"y\": \"},\\\"\"}", 3),
            ("c", "r#\"raw \" }\"#", 4),
            ("d", "'x'", 5),
        ]
    );
}

#[test]
fn a_truncated_map_keeps_the_entries_before_the_break() {
    let mut entries = split("{\n\"a\": 1,\n\"b\": {\"note\": \"unfinished", 1);
    assert_eq!(entries.items.len(), 2);
    assert_eq!(entries.items[0].key, "a");
    assert!(entries.items[1].is_partial);
    assert!(
        entries.take::<u32>("b").is_none(),
        "a cut-off value is not parsed"
    );
    let error = entries.error.expect("an error");
    assert_eq!(error.line, 3, "{error}");
}

#[test]
fn written_text_reads_back() {
    let mut writer = Writer::new();
    writer.field("version", &1u32);
    writer.open("topics");
    writer.field("note", "line \"one\"\nline two");
    writer.raw("future", &Raw("Daily(3)".into()));
    writer.close();
    let text = writer.finish();
    let mut top = split(&text, 1);
    assert_eq!(top.take::<u32>("version").unwrap().unwrap(), 1);
    let topics = top.take_text("topics").unwrap();
    let mut inner = split(topics.value, topics.line);
    assert_eq!(
        inner.take::<String>("note").unwrap().unwrap(),
        "line \"one\"\nline two"
    );
    assert_eq!(inner.take_text("future").unwrap().value, "Daily(3)");
}

#[test]
fn stray_text_between_entries_is_skipped_and_the_rest_still_read() {
    let text = "{\n\"a\": 1,\nx \"b\": 2,\n\u{fffd}\n\"c\" y: 3,\n\"d\": 4,\n} tail";
    let entries = split(text, 1);
    assert_eq!(entries.error, None);
    let got: Vec<(&str, &str)> = entries.items.iter().map(|e| (&*e.key, e.value)).collect();
    assert_eq!(got, [("a", "1"), ("b", "2"), ("y", "3"), ("d", "4")]);
    let lines: Vec<usize> = entries.skipped.iter().map(|s| s.line).collect();
    assert_eq!(lines, [3, 4, 5, 7], "{:?}", entries.skipped);
}

#[test]
fn a_string_that_never_closes_is_a_break_not_stray_text() {
    let entries = split("{\n\"a\": 1,\n\"b: 2,\n", 1);
    assert_eq!(entries.items.len(), 1);
    assert_eq!(entries.error.expect("a break").line, 3);
}

#[test]
fn duplicates_keep_the_last_and_say_which_was_dropped() {
    let mut entries = split("{\n\"a\": 1,\n\"b\": 2,\n\"a\": 3,\n}", 1);
    let duplicates = entries.drop_duplicates();
    assert_eq!(
        duplicates,
        [Duplicate {
            key: "a".into(),
            dropped_line: 2,
            kept_line: 4
        }]
    );
    assert_eq!(entries.take::<u32>("a").unwrap().unwrap(), 3);
    assert_eq!(entries.items.len(), 1);
}

#[test]
fn lines_are_right_far_into_a_long_text() {
    let mut text = String::from("{\n");
    for i in 0..20_000 {
        text.push_str(&format!("\"k{i}\": \"line\\none\",\n"));
    }
    text.push_str("\"last\": 1,\n}");
    let entries = split(&text, 1);
    assert_eq!(entries.items.len(), 20_001);
    assert_eq!(entries.items[0].line, 2);
    assert_eq!(entries.items[19_999].line, 20_001);
    assert_eq!(entries.items[20_000].line, 20_002);
}

#[test]
fn a_comment_after_a_value_is_not_part_of_it() {
    let entries = split("{\"a\": Daily(3) // until June\n, \"b\": 1}", 1);
    assert_eq!(entries.items[0].value, "Daily(3)");
    let mut writer = Writer::new();
    writer.raw("a", &Raw(entries.items[0].value.to_owned()));
    writer.field("b", &1u32);
    let written = writer.finish();
    let mut again = split(&written, 1);
    assert_eq!(
        again.take::<u32>("b").unwrap().unwrap(),
        1,
        "the `,` after it is not hidden"
    );
}

#[test]
fn stray_text_around_a_key_costs_at_most_that_entry() {
    let text =
        "{\n\"a\"\u{fffd}: {\"x\": 1},\nq\u{fffd}\n\"b\": 2,\n\"c\" {\"y\": 3},\n\"d\": 4,\n}";
    let entries = split(text, 1);
    assert_eq!(entries.error, None);
    let got: Vec<(&str, &str)> = entries.items.iter().map(|e| (&*e.key, e.value)).collect();
    assert_eq!(
        got,
        [
            ("a", "{\"x\": 1}"),
            ("b", "2"),
            ("c", "{\"y\": 3}"),
            ("d", "4")
        ]
    );
    let lines: Vec<usize> = entries.skipped.iter().map(|s| s.line).collect();
    assert_eq!(lines, [2, 3, 5], "{:?}", entries.skipped);
}
