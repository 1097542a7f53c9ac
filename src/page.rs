//! Which page the main pane shows: shared by actions, the app and the
//! panels, so it lives below all of them.

/// What the main pane shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    /// Overall progress, where to continue, bookmarks and recent notes.
    Home,
    /// The roadmap drawn as a picture.
    Map,
    /// A free editor that runs any Python.
    Playground,
    /// Today's review of due cards.
    Review,
    /// The study calendar, streaks and review figures.
    Stats,
    /// A section's overview, by index.
    Section(usize),
    /// A topic's lesson, by id.
    Topic(String),
    /// A project's page, by id.
    Project(String),
}

impl Page {
    /// The open topic's id, if a topic is open.
    pub fn topic_id(&self) -> Option<&str> {
        match self {
            Self::Topic(id) => Some(id),
            _ => None,
        }
    }
}
