//! The checks that saves in the learner's editor ask for: one at a time,
//! and a save during a check queues exactly one more for that item, so a
//! burst of saves gives at most two checks.

/// Saved items waiting for their check, and the one being checked.
#[derive(Debug)]
pub struct CheckQueue<K> {
    running: Option<K>,
    waiting: Vec<K>,
}

impl<K> Default for CheckQueue<K> {
    fn default() -> Self {
        Self {
            running: None,
            waiting: Vec::new(),
        }
    }
}

impl<K: PartialEq + Clone> CheckQueue<K> {
    /// An item was saved: it is checked when nothing else is (once, however
    /// many times it is saved meanwhile).
    pub fn saved(&mut self, item: K) {
        if !self.waiting.contains(&item) {
            self.waiting.push(item);
        }
    }

    /// The item to check now, if no check is going; it counts as going
    /// until `finished`.
    pub fn start_next(&mut self) -> Option<K> {
        if self.running.is_some() || self.waiting.is_empty() {
            return None;
        }
        let item = self.waiting.remove(0);
        self.running = Some(item.clone());
        Some(item)
    }

    /// The check going now, if any.
    pub fn running(&self) -> Option<&K> {
        self.running.as_ref()
    }

    /// The check going now ended.
    pub fn finished(&mut self) {
        self.running = None;
    }

    /// Forgets everything (the work folder changed).
    pub fn clear(&mut self) {
        self.running = None;
        self.waiting.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `saves` saves of one item, one every `frames_between` frames, while
    /// a check takes `check_frames` frames: how many checks ran.
    fn checks_for(saves: usize, frames_between: usize, check_frames: usize) -> usize {
        let mut queue = CheckQueue::default();
        let mut checks = 0;
        let mut left = 0;
        let frames = saves * frames_between + 10 * check_frames + 10;
        for frame in 0..frames {
            if frame % frames_between == 0 && frame / frames_between < saves {
                queue.saved("a");
            }
            if queue.running().is_some() {
                left -= 1;
                if left == 0 {
                    queue.finished();
                }
            }
            if queue.start_next().is_some() {
                checks += 1;
                left = check_frames;
            }
        }
        checks
    }

    #[test]
    fn a_burst_of_saves_gives_at_most_two_checks() {
        assert_eq!(checks_for(20, 1, 50), 2, "one now, one queued");
        assert_eq!(checks_for(1, 1, 50), 1);
    }

    #[test]
    fn saves_after_a_check_ended_each_check_again() {
        assert_eq!(checks_for(3, 100, 5), 3);
    }

    #[test]
    fn checks_never_overlap_and_each_item_waits_once() {
        let mut queue = CheckQueue::default();
        queue.saved("a");
        assert_eq!(queue.start_next(), Some("a"));
        queue.saved("b");
        queue.saved("a");
        queue.saved("b");
        assert_eq!(queue.start_next(), None, "a is still being checked");
        queue.finished();
        assert_eq!(queue.start_next(), Some("b"));
        queue.finished();
        assert_eq!(queue.start_next(), Some("a"));
        queue.finished();
        assert_eq!(queue.start_next(), None, "nothing left");
    }
}
