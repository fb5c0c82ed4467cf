//! Throttling of failed sign-ins, per account and per client address.
//!
//! A sliding window: a key with `max` failures in the last `window` is refused until the
//! oldest of them leaves the window. Time is passed in, so the rule is testable without sleeping.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct Throttle {
    max: usize,
    window: Duration,
    failures: HashMap<String, VecDeque<Instant>>,
}

impl Throttle {
    pub fn new(max: usize, window: Duration) -> Self {
        Throttle {
            max: max.max(1),
            window,
            failures: HashMap::new(),
        }
    }

    fn prune(&mut self, key: &str, now: Instant) {
        if let Some(list) = self.failures.get_mut(key) {
            while list
                .front()
                .is_some_and(|t| now.saturating_duration_since(*t) >= self.window)
            {
                list.pop_front();
            }
            if list.is_empty() {
                self.failures.remove(key);
            }
        }
    }

    /// `Some(wait)` when `key` must wait before trying again.
    pub fn blocked_for(&mut self, key: &str, now: Instant) -> Option<Duration> {
        self.prune(key, now);
        let list = self.failures.get(key)?;
        if list.len() < self.max {
            return None;
        }
        let oldest = *list.front()?;
        Some(
            self.window
                .saturating_sub(now.saturating_duration_since(oldest)),
        )
    }

    pub fn record_failure(&mut self, key: &str, now: Instant) {
        self.prune(key, now);
        let list = self.failures.entry(key.to_string()).or_default();
        list.push_back(now);
        // Keep memory bounded: only the last `max` failures matter for the decision.
        while list.len() > self.max {
            list.pop_front();
        }
        if self.failures.len() > 100_000 {
            let window = self.window;
            self.failures.retain(|_, l| {
                l.back()
                    .is_some_and(|t| now.saturating_duration_since(*t) < window)
            });
        }
    }

    pub fn clear(&mut self, key: &str) {
        self.failures.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_max_failures_until_the_window_passes() {
        let t0 = Instant::now();
        let mut th = Throttle::new(3, Duration::from_secs(60));
        for i in 0..3 {
            assert_eq!(th.blocked_for("a", t0 + Duration::from_secs(i)), None);
            th.record_failure("a", t0 + Duration::from_secs(i));
        }
        let wait = th.blocked_for("a", t0 + Duration::from_secs(10)).unwrap();
        assert_eq!(wait, Duration::from_secs(50));
        assert_eq!(th.blocked_for("b", t0), None, "other keys are not affected");
        assert_eq!(th.blocked_for("a", t0 + Duration::from_secs(60)), None);
    }

    #[test]
    fn clearing_forgets_the_failures() {
        let t0 = Instant::now();
        let mut th = Throttle::new(1, Duration::from_secs(60));
        th.record_failure("a", t0);
        assert!(th.blocked_for("a", t0).is_some());
        th.clear("a");
        assert!(th.blocked_for("a", t0).is_none());
    }
}
