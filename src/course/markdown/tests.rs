use super::*;

#[test]
fn title_paragraph_and_styles() {
    let (doc, problems) = parse("# Dicts\n\nA **bold** and *it* `code` [x](topic:sets).\n");
    assert!(problems.is_empty());
    assert_eq!(doc.title, "Dicts");
    let Block::Paragraph(spans) = &doc.blocks[0] else {
        panic!("paragraph expected")
    };
    assert!(spans.iter().any(|s| s.text == "bold" && s.is_bold));
    assert!(spans.iter().any(|s| s.text == "it" && s.is_italic));
    assert!(spans.iter().any(|s| s.text == "code" && s.is_code));
    assert!(
        spans
            .iter()
            .any(|s| s.text == "x" && s.link.as_deref() == Some("topic:sets"))
    );
}

#[test]
fn code_block_keeps_exact_text_and_output() {
    let src = "# T\n\n```python norun min=3.11\nx = 1\n\n  y = 2\n```\n\n```python\nprint(1)\n```\n\n```output\n1\n```\n";
    let (doc, problems) = parse(src);
    assert!(problems.is_empty(), "{problems:?}");
    let Block::Code(first) = &doc.blocks[0] else {
        panic!("code expected")
    };
    assert_eq!(first.text, "x = 1\n\n  y = 2\n");
    assert_eq!(first.flags, ["norun", "min=3.11"]);
    assert!(first.needs().is_empty());
    let flask = CodeBlock {
        flags: vec!["needs=flask,httpx".into(), "min=3.12".into()],
        ..CodeBlock::default()
    };
    assert_eq!(flask.needs(), ["flask", "httpx"]);
    assert_eq!(first.min_python(), Some((3, 11)));
    assert_eq!(first.line, 3);
    let Block::Code(second) = &doc.blocks[1] else {
        panic!("code expected")
    };
    assert_eq!(second.output.as_deref(), Some("1\n"));
    assert_eq!(doc.blocks.len(), 2);
}

#[test]
fn output_after_non_python_is_a_problem() {
    let (_, problems) = parse("# T\n\n```bash\nls\n```\n\n```output\nx\n```\n");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, 7);
}

#[test]
fn tight_list_items_become_paragraphs() {
    let (doc, _) = parse("# T\n\n- one `a`\n- two\n\n1. first\n");
    let Block::List { start: None, items } = &doc.blocks[0] else {
        panic!("list expected")
    };
    assert_eq!(items.len(), 2);
    assert!(matches!(&items[0][0], Block::Paragraph(spans) if plain_text(spans) == "one a"));
    assert!(matches!(&doc.blocks[1], Block::List { start: Some(1), .. }));
}

#[test]
fn quotes_and_lists_deeper_than_the_limit_are_flattened_into_text() {
    for opener in ["> ", "- ", "1. "] {
        let source = format!("# T\n\n{}the bottom\n\nAfter.\n", opener.repeat(100_000));
        // On a small stack: nothing walks the levels by recursion.
        let started = std::time::Instant::now();
        let (doc, problems) = std::thread::Builder::new()
            .stack_size(512 * 1024)
            .spawn(move || parse(&source))
            .expect("thread")
            .join()
            .expect("no stack overflow");
        eprintln!("{opener:?} x 100,000: {:?}", started.elapsed());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 3);
        let mut depth = 0;
        let mut deepest: &[Block] = &doc.blocks;
        loop {
            deepest = match deepest.first() {
                Some(Block::Quote(inner)) => inner,
                Some(Block::List { items, .. }) => &items[0],
                _ => break,
            };
            depth += 1;
        }
        assert_eq!(depth, MAX_NESTING, "{opener:?}");
        assert!(
            matches!(&deepest[0], Block::Paragraph(spans) if plain_text(spans) == "the bottom"),
            "{deepest:?}"
        );
        assert!(matches!(doc.blocks.last(), Some(Block::Paragraph(_))));
    }
}

#[test]
fn table_cells_are_kept() {
    let (doc, _) = parse("# T\n\n| a | b |\n| - | - |\n| 1 | `2` |\n");
    let Block::Table { header, rows } = &doc.blocks[0] else {
        panic!("table expected")
    };
    assert_eq!(header.len(), 2);
    assert_eq!(plain_text(&rows[0][1]), "2");
}
