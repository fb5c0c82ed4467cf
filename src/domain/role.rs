//! Who may do what: the three roles of juri.

pub use crate::model::Role;

impl Role {
    /// Admins and the committee together: those who run a contest.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Admin | Role::Committee)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_text() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(*role));
        }
        assert!("root".parse::<Role>().is_err());
        assert!(Role::Committee.is_staff() && !Role::Judge.is_staff());
    }
}
