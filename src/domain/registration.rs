//! When entrants may write: the registration window of a contest.
//!
//! Entrants file and edit their own entries only while the committee keeps registration open,
//! before its deadline (when one is set), and while the contest's own setup may still change
//! (its first stage is in setup). Outside that window their entries are read-only; the
//! committee's own setup rules are not affected.

use chrono::NaiveDateTime;

/// What the committee declared about registration, and where the contest stands.
#[derive(Clone, Copy, Debug)]
pub struct Registration {
    pub open: bool,
    /// The last moment a write is accepted (UTC); `None`: until the committee closes it.
    pub deadline: Option<NaiveDateTime>,
    /// The contest's setup may still change (its first stage is in setup).
    pub setup_open: bool,
}

/// Why an entrant's write is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closed {
    /// The committee has not opened registration, or has closed it.
    NotOpen,
    /// The deadline has passed.
    DeadlinePassed(NaiveDateTime),
    /// Judging has begun: entries no longer change.
    SetupOver,
}

impl Registration {
    /// Whether an entrant may write at `now`, and if not, why (the first reason that applies,
    /// judging before the committee's switch before the deadline).
    pub fn check(&self, now: NaiveDateTime) -> Result<(), Closed> {
        if !self.setup_open {
            return Err(Closed::SetupOver);
        }
        if !self.open {
            return Err(Closed::NotOpen);
        }
        match self.deadline {
            Some(deadline) if now > deadline => Err(Closed::DeadlinePassed(deadline)),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 7, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .expect("a valid time")
    }

    #[test]
    fn open_until_the_deadline_inclusive() {
        let r = Registration {
            open: true,
            deadline: Some(at(10, 16)),
            setup_open: true,
        };
        assert_eq!(r.check(at(9, 8)), Ok(()));
        assert_eq!(r.check(at(10, 16)), Ok(()));
        assert_eq!(r.check(at(10, 17)), Err(Closed::DeadlinePassed(at(10, 16))));
    }

    #[test]
    fn without_a_deadline_open_until_closed() {
        let open = Registration {
            open: true,
            deadline: None,
            setup_open: true,
        };
        assert_eq!(open.check(at(30, 23)), Ok(()));
        let closed = Registration {
            open: false,
            ..open
        };
        assert_eq!(closed.check(at(1, 0)), Err(Closed::NotOpen));
    }

    #[test]
    fn judging_closes_registration_whatever_the_switch_says() {
        let r = Registration {
            open: true,
            deadline: Some(at(30, 0)),
            setup_open: false,
        };
        assert_eq!(r.check(at(1, 0)), Err(Closed::SetupOver));
    }
}
