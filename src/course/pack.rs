//! Where a content pack's files come from: compiled in, or a folder on disk.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_pack.rs"));
}

/// The source of a pack's files, addressed by paths relative to the pack.
#[derive(Clone, Debug)]
pub enum PackSource {
    /// The Python pack compiled into the binary.
    Embedded,
    /// A pack folder on disk (for authors: `--content DIR`).
    Dir(PathBuf),
}

impl PackSource {
    /// A name for messages: the folder, or `<embedded>/`.
    pub fn display_path(&self, relative: &str) -> String {
        match self {
            Self::Embedded => format!("content/python/{relative}"),
            Self::Dir(dir) => dir.join(relative).display().to_string(),
        }
    }

    /// The text of one file, or why it could not be read.
    /// The built-in pack's files are lent from the program itself, not copied.
    pub fn read(&self, relative: &str) -> Result<Cow<'static, str>, std::io::Error> {
        match self {
            Self::Embedded => embedded::FILES
                .iter()
                .find(|(path, _)| *path == relative)
                .map(|(_, text)| Cow::Borrowed(*text))
                .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound)),
            Self::Dir(dir) => std::fs::read_to_string(dir.join(relative)).map(Cow::Owned),
        }
    }

    /// Every Markdown file in the pack, relative and with `/` separators.
    pub fn markdown_files(&self) -> Vec<String> {
        match self {
            Self::Embedded => embedded::FILES
                .iter()
                .map(|(path, _)| (*path).to_owned())
                .filter(|path| path.ends_with(".md"))
                .collect(),
            Self::Dir(dir) => {
                let mut files = Vec::new();
                collect_markdown(dir, dir, &mut files);
                files.sort();
                files
            }
        }
    }
}

fn collect_markdown(dir: &Path, root: &Path, files: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_markdown(&path, root, files);
        } else if path.extension().is_some_and(|e| e == "md")
            && let Ok(relative) = path.strip_prefix(root)
        {
            files.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}
