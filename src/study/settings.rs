//! How the learner set the app up, saved with their progress. Every field
//! is named once, in `with_setting_names!`: reading, writing, merging and
//! forgetting a replaced unreadable value all expand that list, so a new
//! setting cannot be left out of any of them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Raw;

/// Which colours the app uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system's light or dark mode.
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    /// Every choice, in menu order.
    pub const ALL: [Self; 3] = [Self::System, Self::Light, Self::Dark];

    /// The name in the View menu.
    pub fn label(self) -> &'static str {
        match self {
            Self::System => "Follow system",
            Self::Light => "Light",
            Self::Dark => "Dark",
        }
    }
}

/// How the learner set the app up. Saved with their progress. The Python
/// and the run limits are this machine's own: see `machine`.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub theme: ThemeChoice,
    /// The zoom factor, 1.0 for 100%.
    pub zoom: f32,
    pub is_notes_open: bool,
    /// The notes panel's width, in points.
    pub notes_width: f32,
    /// Sidebar filters.
    pub hide_done: bool,
    pub only_bookmarked: bool,
    pub only_with_notes: bool,
    /// The share of review cards the learner wants to still remember when
    /// they come due (FSRS's desired retention).
    pub desired_retention: f32,
    /// How many cards a day's review introduces at most.
    pub new_cards_per_day: u32,
    /// Fields written by other versions of the app, kept as they were.
    pub extra: BTreeMap<String, Raw>,
}

/// Calls `$callback!` with the name of every field of `Settings` but
/// `extra`, in the file's order. This is the one list of the settings:
/// the file's reader and writer, the merge and `forget_replaced` expand it.
macro_rules! with_setting_names {
    ($callback:ident) => {
        $callback! {
            theme,
            zoom,
            is_notes_open,
            notes_width,
            hide_done,
            only_bookmarked,
            only_with_notes,
            desired_retention,
            new_cards_per_day
        }
    };
}
pub(crate) use with_setting_names;

// The list names every field of the struct: a field added to `Settings`
// but not to `with_setting_names!` stops this from compiling.
macro_rules! every_field_is_listed {
    ($($name:ident),*) => {
        const _: fn(&Settings) = |settings| {
            let Settings { $($name: _,)* extra: _ } = settings;
        };
    };
}
with_setting_names!(every_field_is_listed);

macro_rules! names {
    ($($name:ident),*) => {
        /// The keys the settings are saved under, in the file's order.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];
    };
}

impl Settings {
    with_setting_names!(names);

    /// Forgets a kept unreadable value once the learner has set that field.
    pub(super) fn forget_replaced(&mut self, before: &Self) {
        macro_rules! forget {
            ($($name:ident),*) => {$(
                if !self.$name.is_same_as(&before.$name) {
                    self.extra.remove(stringify!($name));
                }
            )*};
        }
        with_setting_names!(forget);
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            zoom: 1.0,
            is_notes_open: true,
            notes_width: 300.0,
            hide_done: false,
            only_bookmarked: false,
            only_with_notes: false,
            desired_retention: 0.9,
            new_cards_per_day: 20,
            extra: BTreeMap::new(),
        }
    }
}

/// What the reader, `forget_replaced` and the tests need to know of a
/// setting's type.
pub(crate) trait SettingValue {
    /// Whether a value read from the file can be used (a size must be a
    /// number); one that cannot is kept as it was.
    fn is_readable(&self) -> bool {
        true
    }

    /// Whether the learner left the value as it was.
    fn is_same_as(&self, other: &Self) -> bool;

    /// A value other than this one, for tests that change every setting.
    #[cfg(test)]
    fn other(&self) -> Self;
}

impl SettingValue for f32 {
    fn is_readable(&self) -> bool {
        self.is_finite()
    }

    fn is_same_as(&self, other: &Self) -> bool {
        self.to_bits() == other.to_bits()
    }

    #[cfg(test)]
    fn other(&self) -> Self {
        self + 0.25
    }
}

impl SettingValue for bool {
    fn is_same_as(&self, other: &Self) -> bool {
        self == other
    }

    #[cfg(test)]
    fn other(&self) -> Self {
        !self
    }
}

impl SettingValue for u32 {
    fn is_same_as(&self, other: &Self) -> bool {
        self == other
    }

    #[cfg(test)]
    fn other(&self) -> Self {
        self + 1
    }
}

impl SettingValue for ThemeChoice {
    fn is_same_as(&self, other: &Self) -> bool {
        self == other
    }

    #[cfg(test)]
    fn other(&self) -> Self {
        match self {
            Self::System => Self::Dark,
            Self::Light | Self::Dark => Self::System,
        }
    }
}

#[cfg(test)]
mod tests;
