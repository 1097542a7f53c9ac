//! Which of a lesson's links pyroadmap follows. A link is handed to the
//! system's opener, which runs whatever the address names: a `file:` link
//! to a program runs it (on Windows an `.exe`), and a relative path becomes
//! a `file:` address. So only web and topic links are followed.

/// What the learner is told about a link that is not followed.
pub const REFUSED: &str = "pyroadmap opens only web (http, https) and topic links";

/// Where a lesson's link leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkTarget<'a> {
    /// `topic:<id>`: a topic or a section of the course.
    Topic(&'a str),
    /// An `http://` or `https://` address, for the system browser.
    Web(&'a str),
    /// Anything else (`file:`, `javascript:`, another scheme, a relative
    /// path): never opened.
    Refused,
}

/// Where `url` leads, and whether pyroadmap follows it.
pub fn target(url: &str) -> LinkTarget<'_> {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return LinkTarget::Refused;
    }
    if let Some(id) = url.strip_prefix("topic:") {
        return LinkTarget::Topic(id);
    }
    let is_web = ["http://", "https://"].iter().any(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
            && url.len() > scheme.len()
    });
    if is_web {
        LinkTarget::Web(url)
    } else {
        LinkTarget::Refused
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_topic_links_are_followed() {
        assert_eq!(target("topic:sets"), LinkTarget::Topic("sets"));
        assert_eq!(
            target("https://docs.python.org/3/"),
            LinkTarget::Web("https://docs.python.org/3/")
        );
        assert_eq!(
            target("HTTP://example.com"),
            LinkTarget::Web("HTTP://example.com")
        );
        for refused in [
            "file:///C:/Windows/System32/calc.exe",
            "FILE:///etc/passwd",
            "javascript:alert(1)",
            "vscode://file/etc/passwd",
            "ms-settings:",
            "../../bin/tool.exe",
            "calc.exe",
            "/usr/bin/xterm",
            "https://",
            "https://example.com/\nfile:///x",
            "https ://example.com",
            "",
        ] {
            assert_eq!(target(refused), LinkTarget::Refused, "{refused:?}");
        }
    }
}
