//! Reading a lesson's SVG picture safely: the checks `pyroadmap check` and
//! the app's drawing share, so that what check passes, the app can draw.

use resvg::usvg::{self, roxmltree};

/// How deep a picture's elements may nest. The built-in pictures nest 4
/// deep; the SVG reader walks the tree by recursion, and 5,000 levels
/// overflow the stack of the thread that draws pictures.
pub const MAX_SVG_DEPTH: usize = 64;

/// The most XML nodes a picture may have (the built-in ones have a few
/// hundred): parsing and drawing take time and memory in proportion.
pub const MAX_SVG_NODES: u32 = 200_000;

/// SVG options that never read a file: an `<image href>` is not loaded,
/// neither a path (usvg's default reads any local file, `/dev/zero`
/// included) nor embedded data. No built-in picture uses `<image>`.
pub fn options() -> usvg::Options<'static> {
    usvg::Options {
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    }
}

/// Why a picture cannot be shown as it is, at a 1-based line of its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SvgProblem {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for SvgProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

fn xml(svg: &str) -> Result<roxmltree::Document<'_>, SvgProblem> {
    let xml_options = roxmltree::ParsingOptions {
        // As usvg parses: SVG files may declare entities.
        allow_dtd: true,
        nodes_limit: MAX_SVG_NODES,
    };
    roxmltree::Document::parse_with_options(svg, xml_options).map_err(|error| SvgProblem {
        line: error.pos().row as usize,
        message: format!("this picture does not parse as SVG: {error}"),
    })
}

/// Parses a picture, refusing one nested too deep before the SVG reader
/// walks it.
pub fn parse(svg: &str, options: &usvg::Options<'_>) -> Result<usvg::Tree, SvgProblem> {
    check_depth(svg)?;
    let doc = xml(svg)?;
    usvg::Tree::from_xmltree(&doc, options).map_err(|error| SvgProblem {
        line: 1,
        message: format!("this picture does not parse as SVG: {error}"),
    })
}

/// Everything `pyroadmap check` says about a picture: what stops it being
/// drawn, and `<image>` elements, which are not drawn.
pub fn check(svg: &str) -> Vec<SvgProblem> {
    if let Err(problem) = check_depth(svg) {
        return vec![problem];
    }
    let doc = match xml(svg) {
        Ok(doc) => doc,
        Err(problem) => return vec![problem],
    };
    let mut problems: Vec<SvgProblem> = doc
        .descendants()
        .filter(|node| node.has_tag_name("image"))
        .map(|node| SvgProblem {
            line: doc.text_pos_at(node.range().start).row as usize,
            message: "an `<image>` is not drawn: a picture reads no other file, so draw it in the SVG itself".into(),
        })
        .collect();
    if let Err(problem) = usvg::Tree::from_xmltree(&doc, &options()) {
        problems.push(SvgProblem {
            line: 1,
            message: format!("this picture does not parse as SVG: {problem}"),
        });
    }
    problems
}

/// Refuses elements nested deeper than `MAX_SVG_DEPTH`, before any XML
/// parser sees the text: the XML parser itself recurses once per level, so
/// this is a scan over the tags, with no recursion, that counts at least as
/// deep as the parser would go.
fn check_depth(svg: &str) -> Result<(), SvgProblem> {
    let bytes = svg.as_bytes();
    let line_at = |offset: usize| bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
    // Where `needle` ends, searching from `from` (the end of the text if never).
    let end_of = |from: usize, needle: &[u8]| {
        bytes
            .get(from..)
            .and_then(|rest| rest.windows(needle.len()).position(|w| w == needle))
            .map_or(bytes.len(), |at| from + at + needle.len())
    };
    let mut depth = 0usize;
    let mut at = 0usize;
    while let Some(found) = bytes[at..].iter().position(|&b| b == b'<') {
        let start = at + found;
        let rest = &bytes[start..];
        if rest.starts_with(b"<!--") {
            at = end_of(start + 4, b"-->");
        } else if rest.starts_with(b"<![CDATA[") {
            at = end_of(start + 9, b"]]>");
        } else if rest.starts_with(b"<?") {
            at = end_of(start + 2, b"?>");
        } else if rest.starts_with(b"<!DOCTYPE") {
            at = doctype_end(bytes, start).map_err(|offset| SvgProblem {
                line: line_at(offset),
                message: "this picture declares an entity that holds markup: pictures may declare only text entities".into(),
            })?;
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            at = start + 2;
        } else {
            // A start tag: its end is the first `>` outside quotes.
            let mut quote = None;
            let mut end = start + 1;
            while let Some(&b) = bytes.get(end) {
                match quote {
                    Some(q) if b == q => quote = None,
                    Some(_) => {}
                    None if b == b'"' || b == b'\'' => quote = Some(b),
                    None if b == b'>' => break,
                    None => {}
                }
                end += 1;
            }
            if bytes.get(end.wrapping_sub(1)) != Some(&b'/') {
                depth += 1;
                if depth > MAX_SVG_DEPTH {
                    return Err(SvgProblem {
                        line: line_at(start),
                        message: format!(
                            "this picture nests its elements more than {MAX_SVG_DEPTH} levels deep, the most a picture may"
                        ),
                    });
                }
            }
            at = end + 1;
        }
        if at >= bytes.len() {
            break;
        }
    }
    Ok(())
}

/// Where a `<!DOCTYPE` at `start` ends, or the offset of a quoted value in
/// it that holds `<`: an entity whose text is markup would be parsed, nested
/// as deep as it likes, wherever it is used.
fn doctype_end(bytes: &[u8], start: usize) -> Result<usize, usize> {
    let mut in_subset = false;
    let mut at = start + 2;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'"' | b'\'' => {
                let close = bytes[at + 1..]
                    .iter()
                    .position(|&c| c == b)
                    .map_or(bytes.len(), |p| at + 1 + p);
                if bytes[at + 1..close].contains(&b'<') {
                    return Err(at);
                }
                at = close;
            }
            b'<' if bytes[at..].starts_with(b"<!--") => {
                at = bytes[at + 4..]
                    .windows(3)
                    .position(|w| w == b"-->")
                    .map_or(bytes.len(), |p| at + 4 + p + 2);
            }
            b'[' => in_subset = true,
            b']' => in_subset = false,
            b'>' if !in_subset => return Ok(at + 1),
            _ => {}
        }
        at += 1;
    }
    Ok(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">{}<rect width=\"5\" height=\"5\"/>{}</svg>",
            "<g>".repeat(levels),
            "</g>".repeat(levels)
        )
    }

    #[test]
    fn a_picture_nested_thousands_deep_is_refused_before_it_is_walked() {
        // On a small stack, as the drawing thread has: usvg's own walk of
        // this tree would overflow it.
        let svg = nested(100_000);
        let refused = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || parse(&svg, &options()).err())
            .expect("thread")
            .join()
            .expect("no stack overflow");
        let error = refused.expect("refused");
        assert!(
            error.message.contains("elements more than 64 levels deep"),
            "{error}"
        );
        assert_eq!(check(&nested(100_000))[0], error);
        assert!(parse(&nested(10), &options()).is_ok());
        // Quoted `>`, comments, self-closed tags and CDATA do not count.
        let busy = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">{}</svg>",
            "<g><!-- <g> --><rect width=\"5\" height=\"5\" class=\"a>b\"/><![CDATA[<g>]]></g>"
                .repeat(200)
        );
        assert!(parse(&busy, &options()).is_ok());
    }

    #[test]
    fn a_long_chain_of_uses_does_not_overflow_the_drawing_stack() {
        let mut defs = String::from("<g id=\"g0\"><rect width=\"5\" height=\"5\"/></g>");
        for i in 1..3_000 {
            defs.push_str(&format!("<g id=\"g{i}\"><use href=\"#g{}\"/></g>", i - 1));
        }
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><defs>{defs}</defs><use href=\"#g2999\"/></svg>"
        );
        let parsed = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || parse(&svg, &options()).is_ok())
            .expect("thread")
            .join()
            .expect("no stack overflow");
        assert!(!parsed, "usvg refuses the chain");
    }

    #[test]
    fn uses_that_multiply_are_refused_in_time() {
        let mut defs = String::from("<g id=\"g0\"><rect width=\"5\" height=\"5\"/></g>");
        for i in 1..10 {
            let uses = format!("<use href=\"#g{}\"/>", i - 1).repeat(10);
            defs.push_str(&format!("<g id=\"g{i}\">{uses}</g>"));
        }
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><defs>{defs}</defs><use href=\"#g9\"/></svg>"
        );
        let started = std::time::Instant::now();
        let parsed = parse(&svg, &options());
        assert!(parsed.is_err(), "a billion rectangles");
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }

    #[test]
    fn an_entity_holding_markup_is_refused() {
        let svg = format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY deep \"{}\">\n<!ENTITY ns \"http://www.w3.org/2000/svg\">\n]>\n<svg xmlns=\"&ns;\" width=\"10\" height=\"10\">&deep;</svg>",
            "<g>".repeat(3)
        );
        let error = parse(&svg, &options()).expect_err("refused");
        assert_eq!(error.line, 3, "{error}");
        let text_only = svg.replace("<g><g><g>", "text");
        assert!(parse(&text_only, &options()).is_ok());
    }

    #[test]
    fn an_image_element_reads_no_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let png = dir.path().join("secret.png");
        // A 1x1 PNG: usvg's default resolver would load it.
        let bytes: &[u8] = &[
            0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
            0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0d, 0x49,
            0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0, 0x05, 0, 0x01,
            0xff, 0x89, 0x99, 0x3d, 0x1d, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60,
            0x82,
        ];
        std::fs::write(&png, bytes).expect("write");
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\"><image width=\"10\" height=\"10\" xlink:href=\"{}\"/></svg>",
            png.display()
        );
        let with_default = usvg::Tree::from_str(&svg, &usvg::Options::default()).expect("parses");
        assert!(
            with_default.root().has_children(),
            "usvg's default reads the file (the test's control)"
        );
        let ours = parse(&svg, &options()).expect("parses");
        assert!(!ours.root().has_children(), "the file was read");
        assert_eq!(check(&svg)[0].line, 1, "check reports it");
    }
}
