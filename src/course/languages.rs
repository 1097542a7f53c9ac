//! The code languages lessons may use, and the highlighter syntax for each.
//! One table so the pack checker and the highlighter cannot disagree.

/// (info-string word, syntect syntax name). `output` and `text` are plain.
pub const LANGUAGES: &[(&str, &str)] = &[
    ("python", "Python"),
    ("py", "Python"),
    ("pycon", "Python"),
    ("output", "Plain Text"),
    ("text", "Plain Text"),
    ("bash", "Bourne Again Shell (bash)"),
    ("sh", "Bourne Again Shell (bash)"),
    ("shell", "Bourne Again Shell (bash)"),
    ("console", "Bourne Again Shell (bash)"),
    // Windows terminals: `\` in a path is no escape there.
    ("powershell", "PowerShell"),
    ("pwsh", "PowerShell"),
    ("ps1", "PowerShell"),
    ("cmd", "Batch File"),
    ("bat", "Batch File"),
    ("doscon", "Batch File"),
    ("toml", "TOML"),
    ("ini", "INI"),
    ("cfg", "INI"),
    ("yaml", "YAML"),
    ("yml", "YAML"),
    ("json", "JSON"),
    ("sql", "SQL"),
    ("html", "HTML"),
    ("jinja", "HTML (Jinja2)"),
    ("dockerfile", "Dockerfile"),
    ("nginx", "nginx"),
    ("csv", "Comma Separated Values"),
    ("diff", "Diff"),
    ("xml", "XML"),
    ("css", "CSS"),
    ("javascript", "JavaScript"),
    ("rust", "Rust"),
];

/// The syntax name for an info-string language, if the highlighter knows it.
pub fn syntax_name(lang: &str) -> Option<&'static str> {
    let lang = lang.to_ascii_lowercase();
    LANGUAGES
        .iter()
        .find(|(token, _)| *token == lang)
        .map(|(_, name)| *name)
}
