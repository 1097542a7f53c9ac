use super::*;
use crate::study::{Progress, file_format, merge};

/// Settings with one field changed from its default, and that field's name.
type OneChanged = (&'static str, Settings);

/// For each setting, the defaults with that one setting changed.
fn each_setting_changed() -> Vec<OneChanged> {
    let mut all = Vec::new();
    macro_rules! change {
        ($($name:ident),*) => {$(
            let mut settings = Settings::default();
            settings.$name = settings.$name.other();
            all.push((stringify!($name), settings));
        )*};
    }
    with_setting_names!(change);
    all
}

/// The settings whose values differ between `a` and `b` (`extra` for the
/// kept values this build could not read).
fn differing(a: &Settings, b: &Settings) -> Vec<&'static str> {
    let mut names = Vec::new();
    macro_rules! compare {
        ($($name:ident),*) => {$(
            if !a.$name.is_same_as(&b.$name) {
                names.push(stringify!($name));
            }
        )*};
    }
    with_setting_names!(compare);
    if a.extra != b.extra {
        names.push("extra");
    }
    names
}

#[test]
fn the_list_names_each_setting_once_and_each_change_is_a_change() {
    let changed = each_setting_changed();
    assert_eq!(changed.len(), Settings::NAMES.len());
    let mut names: Vec<&str> = Settings::NAMES.to_vec();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), Settings::NAMES.len(), "a setting listed twice");
    for (name, settings) in &changed {
        assert_ne!(*settings, Settings::default(), "{name} did not change");
    }
}

#[test]
fn every_setting_survives_writing_and_reading() {
    for (name, settings) in each_setting_changed() {
        let mut progress = Progress::default();
        progress.set_settings(settings, 10);
        let text = file_format::write(&progress);
        let parsed = file_format::read(&text).expect("the file just written reads");
        assert!(parsed.problems.is_empty(), "{name}: {:?}", parsed.problems);
        assert_eq!(
            differing(&parsed.progress.settings, &progress.settings),
            Vec::<&str>::new(),
            "with {name} changed, these differ after writing and reading:\n{text}"
        );
    }
}

#[test]
fn every_setting_changed_in_one_window_survives_a_merge() {
    let base = Progress::default();
    for (name, settings) in each_setting_changed() {
        let mut changed = base.clone();
        changed.set_settings(settings, 10);
        let unchanged = base.clone();
        for merged in [
            merge::merge(Some(&base), &changed, &unchanged),
            merge::merge(Some(&base), &unchanged, &changed),
        ] {
            assert_eq!(
                differing(&merged.settings, &changed.settings),
                Vec::<&str>::new(),
                "with {name} changed in one window, these differ after a merge"
            );
        }
    }
}

#[test]
fn setting_any_field_forgets_its_kept_unreadable_value() {
    for (name, settings) in each_setting_changed() {
        let mut progress = Progress::default();
        progress
            .settings
            .extra
            .insert(name.to_owned(), Raw("\"unreadable\"".to_owned()));
        let mut settings = settings;
        settings.extra = progress.settings.extra.clone();
        progress.set_settings(settings, 10);
        assert!(
            !progress.settings.extra.contains_key(name),
            "{name}: the unreadable value would be written over the learner's"
        );
    }
}
