//! Where a content pack's files come from: compiled in, or a folder on disk.

use std::borrow::Cow;
use std::io::Read as _;
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
            Self::Embedded => embedded_text(relative)
                .map(Cow::Borrowed)
                .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound)),
            Self::Dir(dir) => read_inside(dir, relative).map(Cow::Owned),
        }
    }

    /// Every Markdown file in the pack, relative and with `/` separators.
    pub fn markdown_files(&self) -> Listing {
        match self {
            Self::Embedded => Listing {
                files: embedded::FILES
                    .iter()
                    .map(|(path, ..)| (*path).to_owned())
                    .filter(|path| path.ends_with(".md"))
                    .collect(),
                folder_links: Vec::new(),
            },
            Self::Dir(dir) => list_markdown(dir),
        }
    }

    /// A file's text to read later: for the built-in pack, nothing of the
    /// file is read (or brought into memory) until `PackText::get`.
    pub fn read_later(&self, relative: &str) -> Result<PackText, std::io::Error> {
        match self {
            Self::Embedded => embedded_bytes(relative)
                .map(PackText::Embedded)
                .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound)),
            Self::Dir(_) => self
                .read(relative)
                .map(|text| PackText::Read(text.into_owned())),
        }
    }
}

/// A pack file's text, as `PackSource::read_later` gives it.
#[derive(Clone, Debug)]
pub enum PackText {
    /// A built-in file, lent from the program and not yet looked at.
    Embedded(&'static [u8]),
    /// A file read from a folder.
    Read(String),
}

impl Default for PackText {
    fn default() -> Self {
        Self::Read(String::new())
    }
}

impl PackText {
    /// The text (a built-in file's bytes are read here, the first time).
    pub fn get(&self) -> &str {
        match self {
            Self::Embedded(bytes) => embedded_str(bytes),
            Self::Read(text) => text,
        }
    }
}

/// Where a built-in file lies in the program, without reading any of it.
fn embedded_bytes(relative: &str) -> Option<&'static [u8]> {
    let &(_, start, end) = embedded::FILES
        .iter()
        .find(|(path, ..)| *path == relative)?;
    embedded::PACK.get(start..end)
}

/// A built-in file's text, lent from the program.
pub fn embedded_text(relative: &str) -> Option<&'static str> {
    embedded_bytes(relative).map(embedded_str)
}

/// A built-in file's bytes as text (reading them all to check).
pub fn embedded_str(bytes: &'static [u8]) -> &'static str {
    std::str::from_utf8(bytes).expect("build.rs embeds the pack's UTF-8 text")
}

/// A built-in lesson or overview, with what the build read from it.
#[derive(Clone, Copy, Debug)]
pub struct EmbeddedLesson {
    /// The path relative to the pack.
    pub path: &'static str,
    /// The file, not yet read.
    pub text: &'static [u8],
    /// Its `# Title` as plain text; empty when it has none.
    pub title: &'static str,
    /// The ids of its quiz's questions, in order.
    pub quiz_ids: &'static [&'static str],
}

/// The built-in lesson at `relative` (not an exercise), without reading its text.
pub fn embedded_lesson(relative: &str) -> Option<EmbeddedLesson> {
    let &(path, title, quiz_ids) = embedded::LESSONS
        .iter()
        .find(|(path, ..)| *path == relative)?;
    Some(EmbeddedLesson {
        path,
        text: embedded_bytes(path)?,
        title,
        quiz_ids,
    })
}

/// The Markdown files of a pack folder, and the links to folders in it,
/// which are not followed.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    /// Every `.md` file, relative to the pack with `/` separators, sorted.
    pub files: Vec<String>,
    /// Symbolic links to folders, relative like `files`: not looked into,
    /// since one can lead back to a folder above it and never end.
    pub folder_links: Vec<String>,
}

/// The largest file a pack folder may hand over (a lesson, a picture, the
/// manifest): the built-in pack's largest file is under 100 KB, and a bigger
/// one (or an endless one, such as `/dev/zero`) is refused, not read.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Reads `relative` from the pack folder `root`: only a regular file that
/// lies inside the folder (after following links), and at most
/// `MAX_FILE_BYTES` of it. A FIFO or a device is never opened, since
/// reading one can wait forever or never end.
fn read_inside(root: &Path, relative: &str) -> std::io::Result<String> {
    use std::io::{Error, ErrorKind};
    let root = root.canonicalize()?;
    let path = root.join(relative).canonicalize()?;
    if !path.starts_with(&root) {
        return Err(Error::new(
            ErrorKind::PermissionDenied,
            "it is outside the pack folder, and a pack shows only its own files",
        ));
    }
    let is_regular = |metadata: &std::fs::Metadata| metadata.is_file();
    let too_big = || {
        Error::new(
            ErrorKind::InvalidData,
            format!(
                "it is larger than {} MB, the most a pack's file may be",
                MAX_FILE_BYTES / 1024 / 1024
            ),
        )
    };
    let not_regular = || Error::new(ErrorKind::InvalidInput, "it is not a regular file");
    let metadata = std::fs::metadata(&path)?;
    if !is_regular(&metadata) {
        return Err(not_regular());
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    let file = std::fs::File::open(&path)?;
    // Swapped for something else between the look and the open.
    if !is_regular(&file.metadata()?) {
        return Err(not_regular());
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    String::from_utf8(bytes).map_err(|_| Error::new(ErrorKind::InvalidData, "it is not UTF-8 text"))
}

/// Whether a walk of a folder goes on after an entry.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Walk {
    On,
    Stop,
}

/// Visits every entry under `root` that is not a folder, folder by folder
/// (not by recursion, so no depth of folders can exhaust the stack), with
/// the entry's own type: a link is never followed. Folders are entered
/// when `enter` says so.
fn walk(
    root: &Path,
    enter: impl Fn(&std::fs::DirEntry) -> bool,
    mut visit: impl FnMut(&Path, std::fs::FileType) -> Walk,
) {
    let mut folders = vec![root.to_owned()];
    while let Some(dir) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if enter(&entry) {
                    folders.push(entry.path());
                }
            } else if visit(&entry.path(), kind) == Walk::Stop {
                return;
            }
        }
    }
}

/// Lists a pack folder's Markdown files, and its links to folders (never
/// followed).
fn list_markdown(root: &Path) -> Listing {
    let mut listing = Listing::default();
    let relative = |path: &Path| {
        path.strip_prefix(root)
            .ok()
            .map(|relative| relative.to_string_lossy().replace('\\', "/"))
    };
    walk(
        root,
        |_| true,
        |path, kind| {
            if kind.is_symlink() && path.is_dir() {
                listing.folder_links.extend(relative(path));
            } else if path.extension().is_some_and(|e| e == "md") {
                // A link or a FIFO is listed: reading it says what it is.
                listing.files.extend(relative(path));
            }
            Walk::On
        },
    );
    listing.files.sort();
    listing.folder_links.sort();
    listing
}

/// One file of a project in the pack: its path relative to the folder
/// asked for (with `/` separators) and its bytes (lent from the program for
/// the built-in pack).
#[derive(Clone, Debug)]
pub struct PackFile {
    pub path: String,
    pub bytes: Cow<'static, [u8]>,
}

/// The most files one project folder may hold (starter, checks, solutions, data).
pub const MAX_PROJECT_FILES: usize = 2000;

impl PackSource {
    /// Every file under the pack folder `folder` (a project's), sorted, and
    /// what could not be taken: links, FIFOs, unreadable or too large files,
    /// each as (path relative to `folder`, why). Links are never followed.
    pub fn files_under(&self, folder: &str) -> (Vec<PackFile>, Vec<(String, String)>) {
        let prefix = format!("{folder}/");
        match self {
            Self::Embedded => {
                let files = embedded::FILES
                    .iter()
                    .filter_map(|&(path, start, end)| {
                        let relative = path.strip_prefix(&prefix)?;
                        Some(PackFile {
                            path: relative.to_owned(),
                            bytes: Cow::Borrowed(embedded::PACK.get(start..end)?),
                        })
                    })
                    .collect();
                (files, Vec::new())
            }
            Self::Dir(dir) => walk_files(&dir.join(folder)),
        }
    }
}

/// Reads every regular file under `root`, folder by folder, without
/// following links, at most `MAX_PROJECT_FILES` files of `MAX_FILE_BYTES` each.
fn walk_files(root: &Path) -> (Vec<PackFile>, Vec<(String, String)>) {
    let mut files = Vec::new();
    let mut refused = Vec::new();
    let relative = |path: &Path| {
        path.strip_prefix(root).map_or_else(
            |_| path.display().to_string(),
            |r| r.to_string_lossy().replace('\\', "/"),
        )
    };
    walk(
        root,
        |entry| entry.file_name() != "__pycache__",
        |path, kind| {
            if !kind.is_file() {
                refused.push((relative(path), "not a regular file (a link, a FIFO or a device): put the file itself in the pack".to_owned()));
                return Walk::On;
            }
            if files.len() >= MAX_PROJECT_FILES {
                refused.push((
                    relative(path),
                    format!("more than {MAX_PROJECT_FILES} files in one project"),
                ));
                return Walk::Stop;
            }
            let read = std::fs::File::open(path).and_then(|file| {
                let mut bytes = Vec::new();
                file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
                Ok(bytes)
            });
            match read {
                Ok(bytes) if bytes.len() as u64 > MAX_FILE_BYTES => refused.push((
                    relative(path),
                    format!(
                        "larger than {} MB, the most a pack's file may be",
                        MAX_FILE_BYTES / 1024 / 1024
                    ),
                )),
                Ok(bytes) => files.push(PackFile {
                    path: relative(path),
                    bytes: Cow::Owned(bytes),
                }),
                Err(error) => refused.push((relative(path), format!("cannot read it: {error}"))),
            }
            Walk::On
        },
    );
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, refused)
}
