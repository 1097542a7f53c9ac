//! Saves the learner's progress on a background thread, so the UI never
//! waits on the disk.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use crate::study::store::{Saved, Store};
use crate::study::{Clock, Progress};

/// The result of one save, sent back to the UI thread.
pub type SaveResult = Result<Saved, String>;

/// Owns the store on a worker thread.
pub struct Saver {
    requests: Option<Sender<Progress>>,
    results: Receiver<SaveResult>,
    worker: Option<JoinHandle<()>>,
    in_flight: usize,
}

impl Saver {
    /// Starts the worker; `on_done` runs after each save (a repaint request).
    pub fn new(
        mut store: Store,
        clock: Arc<dyn Clock>,
        on_done: impl Fn() + Send + 'static,
    ) -> Self {
        let (requests, inbox) = channel::<Progress>();
        let (outbox, results) = channel();
        let worker = std::thread::Builder::new()
            .name("saver".into())
            .spawn(move || {
                while let Ok(mut progress) = inbox.recv() {
                    // Only the newest snapshot matters when several queued up.
                    while let Ok(newer) = inbox.try_recv() {
                        progress = newer;
                    }
                    let result = store
                        .save(&progress, clock.now_ms())
                        .map_err(|e| e.to_string());
                    if outbox.send(result).is_err() {
                        break;
                    }
                    on_done();
                }
            })
            .ok();
        Self {
            requests: Some(requests),
            results,
            worker,
            in_flight: 0,
        }
    }

    /// Queues a snapshot to be saved.
    pub fn save(&mut self, progress: Progress) {
        if let Some(requests) = &self.requests
            && requests.send(progress).is_ok()
        {
            self.in_flight += 1;
        }
    }

    /// Whether a save has been queued and not yet reported back.
    pub fn is_busy(&self) -> bool {
        self.in_flight > 0
    }

    /// Results of finished saves, oldest first.
    pub fn poll(&mut self) -> Vec<SaveResult> {
        let results: Vec<SaveResult> = self.results.try_iter().collect();
        self.in_flight = self.in_flight.saturating_sub(results.len());
        results
    }

    /// Saves `last` and waits for the worker to finish: used on exit.
    pub fn finish(&mut self, last: Option<Progress>) -> Vec<SaveResult> {
        if let Some(progress) = last {
            self.save(progress);
        }
        self.requests = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
        self.poll()
    }
}
