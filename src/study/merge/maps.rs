//! Merging a map of values that carry no time of their own, against the
//! copy both sides started from.

use std::collections::{BTreeMap, BTreeSet};

use crate::study::Progress;
use crate::study::review::{Card, Day};

/// The review cards and the activity log, merged.
pub(super) fn merge_reviews(
    base: Option<&Progress>,
    ours: &Progress,
    theirs: &Progress,
) -> (BTreeMap<String, Card>, BTreeMap<String, Day>) {
    // A card (and a day's activity) changed on one side only is that side's,
    // removed included: an Undo here is not brought back by the copy a save
    // wrote just before it. Changed on both, a card's newer history holds
    // the older one: the side with more grades (then the later one) wins,
    // and no grade is lost.
    let cards = merge_by_base(
        base.map(|b| &b.cards),
        &ours.cards,
        &theirs.cards,
        |ours, theirs| {
            let mut log = ours.log.clone();
            log.extend(theirs.log.iter().copied());
            log.sort_unstable();
            log.dedup();
            let mut card = if (theirs.log.len(), theirs.last_review_ms)
                > (ours.log.len(), ours.last_review_ms)
            {
                theirs.clone()
            } else {
                ours.clone()
            };
            card.log = log;
            card
        },
    );
    let activity = merge_by_base(
        base.map(|b| &b.activity),
        &ours.activity,
        &theirs.activity,
        |ours, theirs| ours.max(*theirs),
    );
    (cards, activity)
}

/// Merges two maps key by key: a key whose value one side left as it was in
/// `base` takes the other side's (a removal included); a key changed on both
/// sides, or with no base to tell, is `both` of the two values (a key on one
/// side only, with no base, is kept).
fn merge_by_base<V: Clone + PartialEq>(
    base: Option<&BTreeMap<String, V>>,
    ours: &BTreeMap<String, V>,
    theirs: &BTreeMap<String, V>,
    both: impl Fn(&V, &V) -> V,
) -> BTreeMap<String, V> {
    let keys: BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
    let mut merged = BTreeMap::new();
    for key in keys {
        let (ours, theirs) = (ours.get(key), theirs.get(key));
        let value = match base.map(|b| b.get(key)) {
            Some(before) if theirs == before => ours.cloned(),
            Some(before) if ours == before => theirs.cloned(),
            _ => match (ours, theirs) {
                (Some(o), Some(t)) => Some(both(o, t)),
                (one, other) => one.or(other).cloned(),
            },
        };
        if let Some(value) = value {
            merged.insert(key.clone(), value);
        }
    }
    merged
}
