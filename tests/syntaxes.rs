//! The highlighter's cut-down syntax set (`assets/syntaxes.bin`) is what
//! `examples/syntax_subset.rs` writes from two-face now, and colours code
//! in every language lessons may use exactly as two-face's whole set does.

#[path = "../examples/syntax_subset.rs"]
mod syntax_subset;

use pyroadmap::course::{self, languages};
use pyroadmap::highlight::{highlight, syntaxes};

#[test]
fn the_cut_down_set_is_what_the_example_writes_now() {
    let (bytes, names) = syntax_subset::subset();
    assert!(
        bytes == syntaxes::DUMP,
        "assets/syntaxes.bin is stale: run `cargo run --example syntax_subset`"
    );
    for (token, name) in languages::LANGUAGES {
        assert!(names.iter().any(|n| n == name), "`{token}`: {name} is kept");
    }
    assert!(
        syntaxes::DUMP.len() * 4 < two_face_dump_len(),
        "{} bytes is not much less than the whole set",
        syntaxes::DUMP.len()
    );
}

fn two_face_dump_len() -> usize {
    bincode::serialize(&two_face::syntax::extra_newlines())
        .expect("writes")
        .len()
}

#[test]
fn every_language_colours_the_course_as_the_whole_set_does() {
    let cut = syntaxes::load();
    let whole = two_face::syntax::extra_newlines();
    let themes = two_face::theme::extra();
    let dark = themes.get(two_face::theme::EmbeddedThemeName::OneHalfDark);
    let light = themes.get(two_face::theme::EmbeddedThemeName::OneHalfLight);
    // Every code block of the course, in its own language and, to reach
    // more of each syntax (the languages it embeds too), in every other.
    let loaded = course::load_embedded();
    let mut all_code = String::new();
    let mut blocks = 0;
    for topic in loaded.course.topics() {
        for (lang, text) in pyroadmap::ui::code_blocks_of(topic.doc()) {
            blocks += 1;
            assert_eq!(
                highlight(&cut, dark, lang, text),
                highlight(&whole, dark, lang, text),
                "{}: a ```{lang} block",
                topic.id
            );
            all_code.push_str(text);
            all_code.push('\n');
        }
    }
    assert!(blocks > 700, "{blocks} code blocks");
    let samples = [
        all_code.as_str(),
        "<!doctype html>\n<html><head><style>p { color: red; }</style>\n\
         <script>const x = `a ${1 + 2}`; /ab+c/.test(x);</script></head>\n\
         <body>{% for item in items %}<p>{{ item.name | title }}</p>{% endfor %}</body></html>\n",
        "cat <<EOF > run.py\nprint('hi')\nEOF\nfor f in *.py; do python3 \"$f\"; done\n\
         x=$(( 1 + 2 )); echo \"${x:-none}\" | grep -E '^[0-9]+$'\n",
        "location / { content_by_lua_block { ngx.say(\"hi\") } }\n",
        "SELECT name, COUNT(*) FROM books WHERE year > 1950 GROUP BY name;\n",
    ];
    for (token, _) in languages::LANGUAGES {
        for (i, text) in samples.iter().enumerate() {
            // The whole course once; the short samples in both looks.
            let looks = if i == 0 {
                &[dark][..]
            } else {
                &[dark, light][..]
            };
            for theme in looks {
                assert_eq!(
                    highlight(&cut, theme, token, text),
                    highlight(&whole, theme, token, text),
                    "`{token}` colours a sample differently"
                );
            }
        }
    }
}
