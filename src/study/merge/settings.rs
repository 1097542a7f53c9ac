//! Merging the learner's settings.

use super::merge_extra;
use crate::study::settings::with_setting_names;
use crate::study::{Progress, Settings};

/// Settings: field by field against a base, else the newer whole.
pub(super) fn merge_settings(
    base: Option<&Progress>,
    ours: &Progress,
    theirs: &Progress,
) -> (Settings, u64) {
    let ms = ours.settings_ms.max(theirs.settings_ms);
    let Some(base) = base else {
        let newer = if (ours.settings_ms, format!("{:?}", ours.settings))
            >= (theirs.settings_ms, format!("{:?}", theirs.settings))
        {
            &ours.settings
        } else {
            &theirs.settings
        };
        return (newer.clone(), ms);
    };
    let (b, o, t) = (&base.settings, &ours.settings, &theirs.settings);
    let newer_is_ours = ours.settings_ms >= theirs.settings_ms;
    let mut merged = o.clone();
    macro_rules! field {
        ($($name:ident),*) => {$(
            merged.$name = if t.$name == b.$name {
                o.$name.clone()
            } else if o.$name == b.$name || !newer_is_ours {
                t.$name.clone()
            } else {
                o.$name.clone()
            };
        )*};
    }
    with_setting_names!(field);
    merged.extra = merge_extra(Some(&b.extra), &o.extra, &t.extra, &[]);
    (merged, ms)
}
