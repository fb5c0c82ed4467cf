//! One id type per entity, so a contest id can never be passed where an entry id is expected
//! and a malformed id is refused once, at the edge, and never parsed again.
//!
//! Each is a `Uuid` (time-ordered v7 when juri makes it). It is written and read as the
//! hyphenated lowercase text the tables have always held (`db::ids` maps it for diesel), as
//! that text in JSON, as `{type: string, format: uuid}` in the OpenAPI document, and it is
//! parsed from a path segment or a body by serde.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            Serialize, Deserialize, utoipa::ToSchema,
            diesel::AsExpression, diesel::FromSqlRow,
        )]
        #[diesel(sql_type = diesel::sql_types::Text)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new, time-ordered id (UUID v7: new rows sort after old ones in indexes).
            pub fn new() -> Self {
                $name(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                $name(Uuid::nil())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, uuid::Error> {
                Uuid::parse_str(s.trim()).map($name)
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                $name(id)
            }
        }
    )*};
}

ids! {
    /// A contest (lomba).
    ContestId;
    /// A cluster (klaster) of a contest.
    ClusterId;
    /// A prize tier of a cluster.
    PrizeTierId;
    /// A criterion of a contest's rubric.
    CriterionId;
    /// An entry (inovasi).
    EntryId;
    /// An account: admin, committee member or judge.
    UserId;
    /// A signed-in session (what a token names).
    SessionId;
    /// A declared conflict of interest or a recusal.
    ConflictId;
    /// A judge's assignment to an entry.
    AssignmentId;
    /// A judge's score sheet for an entry.
    SheetId;
    /// A waived (excused) sheet.
    WaiverId;
    /// The committee's order of a tie.
    TieResolutionId;
    /// A line of the audit trail.
    AuditId;
    /// A stage (tahap) of a contest.
    StageId;
    /// A document of an entry (a proposal, evidence, a photo).
    DocumentId;
}

/// A judge is an account with the judge role; the name says which the code expects.
pub type JudgeId = UserId;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_and_write_the_stored_text() {
        let text = "0190f1c2-7a3b-7c4d-8e5f-001122334455";
        let id: EntryId = text.parse().unwrap();
        assert_eq!(id.to_string(), text);
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{text}\""));
        let back: EntryId = serde_json::from_str(&format!("\"{text}\"")).unwrap();
        assert_eq!(back, id);
        assert!("not-a-uuid".parse::<EntryId>().is_err());
        assert!(serde_json::from_str::<EntryId>("\"x\"").is_err());
    }

    #[test]
    fn new_ids_sort_in_creation_order() {
        let a = ContestId::new();
        let b = ContestId::new();
        assert!(a < b || a.0.get_timestamp() == b.0.get_timestamp());
        assert_ne!(a, b);
    }
}
