//! Progress of a long solve, as events sent to a listener.
//!
//! A Hai Phong solve takes half a minute and `--plans` more; a planner at a terminal should see
//! which stage and which region is being solved. The library never prints: it sends events
//! here, and whoever set a listener (the CLI's progress bar, [`crate::report::progress`]) draws
//! them. Without a listener an event costs a lock read. The listener is process-wide rather
//! than a field of every request because solves run on threads of their own (the watchdog) and
//! in parallel (regional re-plans), and all of them report to the one bar.

use std::sync::{Arc, RwLock};

/// One step of a solve.
#[derive(Clone, Debug, PartialEq)]
pub enum Progress {
    /// A lexicographic stage starts (`index` from 0 of `total`; `name` is the objective's code:
    /// `targets`, `suitability_moves`, …).
    Stage {
        /// 0-based.
        index: usize,
        /// Stages in all.
        total: usize,
        /// The stage's objective.
        name: &'static str,
    },
    /// Regional re-plans for alternatives: `done` of `total` finished, the last one `region`
    /// (a district code, or `city`).
    Regions {
        /// Finished.
        done: usize,
        /// In all.
        total: usize,
        /// The region just finished.
        region: String,
    },
}

/// Receives progress events, from any thread.
pub type Listener = Arc<dyn Fn(&Progress) + Send + Sync>;

static LISTENER: RwLock<Option<Listener>> = RwLock::new(None);

/// Sets (or with `None` removes) the listener.
pub fn set_listener(listener: Option<Listener>) {
    if let Ok(mut l) = LISTENER.write() {
        *l = listener;
    }
}

/// Sends an event to the listener, if any.
pub fn emit(event: Progress) {
    let listener = LISTENER.read().ok().and_then(|l| l.clone());
    if let Some(l) = listener {
        l(&event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn events_reach_the_listener_until_it_is_removed() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = seen.clone();
        set_listener(Some(Arc::new(move |e: &Progress| sink.lock().unwrap().push(e.clone()))));
        emit(Progress::Stage { index: 0, total: 2, name: "targets" });
        set_listener(None);
        emit(Progress::Stage { index: 1, total: 2, name: "suitability_moves" });
        let seen = seen.lock().unwrap();
        assert!(seen.contains(&Progress::Stage { index: 0, total: 2, name: "targets" }));
        assert!(!seen.contains(&Progress::Stage { index: 1, total: 2, name: "suitability_moves" }));
    }
}
