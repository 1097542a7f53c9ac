//! Saves the learner's progress on a background thread, so the UI never
//! waits on the disk, and looks about once a second whether another window
//! or a sync tool changed the file. A failure or a crash of the thread is
//! reported, never swallowed.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::study::store::{Saved, Store, StoreNotice};
use crate::study::{Clock, Progress};

/// How often the worker looks for changes made by others.
const WATCH_INTERVAL: Duration = Duration::from_secs(1);

/// What the app asks of the worker.
enum Request {
    /// Save `progress`, which the app built from `base`.
    Save(Arc<Progress>, Arc<Progress>),
    /// Crash the worker, as a bug would (tests prove the app notices).
    Crash,
}

/// What the worker reports back to the UI thread.
#[derive(Debug)]
pub enum Event {
    /// A save finished: `sent` is what was asked to be saved.
    Saved {
        sent: Arc<Progress>,
        result: Result<Saved, String>,
    },
    /// Another window or a sync tool changed the file: this is it now.
    Changed {
        progress: Arc<Progress>,
        notices: Vec<StoreNotice>,
    },
    /// The worker stopped; nothing more will be saved until it is restarted.
    Died(String),
}

/// Owns the store on a worker thread.
pub struct Saver {
    requests: Option<Sender<Request>>,
    events: Receiver<Event>,
    worker: Option<JoinHandle<()>>,
    in_flight: usize,
    has_reported_death: bool,
}

impl Saver {
    /// Starts the worker; `on_event` runs after each event (a repaint request).
    pub fn new(store: Store, clock: Arc<dyn Clock>, on_event: impl Fn() + Send + 'static) -> Self {
        let (requests, inbox) = channel::<Request>();
        let (outbox, events) = channel();
        let worker = std::thread::Builder::new()
            .name("saver".into())
            .spawn(move || {
                let mut store = store;
                let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
                    work(&mut store, clock.as_ref(), &inbox, &outbox, &on_event);
                }));
                if let Err(panic) = outcome {
                    let _ = outbox.send(Event::Died(panic_message(panic.as_ref())));
                    on_event();
                }
            });
        Self {
            requests: Some(requests),
            events,
            // A thread that could not start is reported by the first poll.
            worker: worker.ok(),
            in_flight: 0,
            has_reported_death: false,
        }
    }

    /// Queues a snapshot to be saved. Returns false when the worker is gone.
    pub fn save(&mut self, progress: Arc<Progress>, base: Arc<Progress>) -> bool {
        let is_sent = self
            .requests
            .as_ref()
            .is_some_and(|r| r.send(Request::Save(progress, base)).is_ok());
        if is_sent {
            self.in_flight += 1;
        }
        is_sent
    }

    /// Makes the worker panic, as a bug in it would.
    pub fn crash_for_test(&self) {
        if let Some(requests) = &self.requests {
            let _ = requests.send(Request::Crash);
        }
    }

    /// Whether a save has been queued and not yet reported back.
    pub fn is_busy(&self) -> bool {
        self.in_flight > 0
    }

    /// Events since the last poll, oldest first; a worker that ended without
    /// saying why is reported as dead too.
    pub fn poll(&mut self) -> Vec<Event> {
        let mut events: Vec<Event> = self.events.try_iter().collect();
        let saves = events
            .iter()
            .filter(|e| matches!(e, Event::Saved { .. }))
            .count();
        self.in_flight = self.in_flight.saturating_sub(saves);
        if events.iter().any(|e| matches!(e, Event::Died(_))) {
            self.has_reported_death = true;
            self.in_flight = 0;
        }
        let is_gone = self.worker.as_ref().is_none_or(JoinHandle::is_finished);
        if is_gone && self.requests.is_some() && !self.has_reported_death {
            self.has_reported_death = true;
            self.in_flight = 0;
            events.push(Event::Died("the saving thread could not run".into()));
        }
        events
    }

    /// Saves `last` and waits for the worker to finish: used on exit.
    pub fn finish(&mut self, last: Option<(Arc<Progress>, Arc<Progress>)>) -> Vec<Event> {
        if let Some((progress, base)) = last {
            self.save(progress, base);
        }
        self.requests = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
        self.events.try_iter().collect()
    }
}

/// The worker's loop: save what is asked, and look for outside changes
/// whenever nothing was asked for a second.
fn work(
    store: &mut Store,
    clock: &dyn Clock,
    inbox: &Receiver<Request>,
    outbox: &Sender<Event>,
    on_event: &dyn Fn(),
) {
    loop {
        let event = match inbox.recv_timeout(WATCH_INTERVAL) {
            Ok(Request::Crash) => panic!("the saver was asked to crash"),
            Ok(Request::Save(mut progress, mut base)) => {
                // Only the newest snapshot matters when several queued up.
                while let Ok(newer) = inbox.try_recv() {
                    match newer {
                        Request::Save(newer, newer_base) => (progress, base) = (newer, newer_base),
                        Request::Crash => panic!("the saver was asked to crash"),
                    }
                }
                let result = store
                    .save(&progress, &base, clock.now_ms())
                    .map_err(|e| e.to_string());
                Event::Saved {
                    sent: progress,
                    result,
                }
            }
            Err(RecvTimeoutError::Timeout) => match store.check_for_changes(clock.now_ms()) {
                Some((progress, notices)) => Event::Changed { progress, notices },
                None => continue,
            },
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if outbox.send(event).is_err() {
            return;
        }
        on_event();
    }
}

/// The text of a panic, for the learner's banner.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an unknown error".to_owned())
}
