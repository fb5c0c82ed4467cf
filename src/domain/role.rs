//! Who may do what: the three roles of juri.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// `admin` manages accounts and everything else; `committee` (panitia) runs contests;
/// `judge` (juri) scores the entries assigned to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Committee,
    Judge,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Committee => "committee",
            Role::Judge => "judge",
        }
    }

    /// Admins and the committee together: those who run a contest.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Admin | Role::Committee)
    }

    pub const ALL: [Role; 3] = [Role::Admin, Role::Committee, Role::Judge];
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s.trim() {
            "admin" => Ok(Role::Admin),
            "committee" => Ok(Role::Committee),
            "judge" => Ok(Role::Judge),
            _ => Err(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_text() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("root".parse::<Role>().is_err());
        assert!(Role::Committee.is_staff() && !Role::Judge.is_staff());
    }
}
