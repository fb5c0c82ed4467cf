//! How the typed ids and state words of [`crate::model`] are stored: as the `Text` the tables
//! have always held (a hyphenated lowercase UUID; the enum's word), on SQLite, on PostgreSQL
//! and through the two-backend `DbConnection`. A stored value that does not parse is a
//! deserialization error (a fault, not a user's mistake).

use super::MultiBackend;
use crate::model::*;
use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::Text;
use diesel::sqlite::Sqlite;
use std::io::Write;
use uuid::Uuid;

/// The two-backend connection hands a value to whichever backend it holds.
macro_rules! through_either_backend {
    ($ty:ident) => {
        impl ToSql<Text, MultiBackend> for $ty {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
                out.set_value((Text, self));
                Ok(IsNull::No)
            }
        }

        impl FromSql<Text, MultiBackend> for $ty {
            fn from_sql(
                value: <MultiBackend as Backend>::RawValue<'_>,
            ) -> deserialize::Result<Self> {
                value.from_sql::<Self, Text>()
            }
        }
    };
}

/// Both backends and the multi-backend for each id type.
macro_rules! uuid_text {
    ($($ty:ident),* $(,)?) => {$(
        impl ToSql<Text, Sqlite> for $ty {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
                out.set_value(self.0.hyphenated().to_string());
                Ok(IsNull::No)
            }
        }

        impl ToSql<Text, Pg> for $ty {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                let mut buf = [0u8; uuid::fmt::Hyphenated::LENGTH];
                out.write_all(self.0.hyphenated().encode_lower(&mut buf).as_bytes())?;
                Ok(IsNull::No)
            }
        }

        impl FromSql<Text, Sqlite> for $ty {
            fn from_sql(value: <Sqlite as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                let text = <String as FromSql<Text, Sqlite>>::from_sql(value)?;
                Ok($ty(Uuid::parse_str(&text)?))
            }
        }

        impl FromSql<Text, Pg> for $ty {
            fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
                Ok($ty(Uuid::try_parse_ascii(value.as_bytes())?))
            }
        }

        through_either_backend!($ty);
    )*};
}

uuid_text!(
    ContestId,
    ClusterId,
    PrizeTierId,
    CriterionId,
    EntryId,
    UserId,
    SessionId,
    ConflictId,
    AssignmentId,
    SheetId,
    WaiverId,
    TieResolutionId,
    AuditId,
    StageId,
    DocumentId,
);

/// Both backends and the multi-backend for each state enum, stored as its word.
macro_rules! word_text {
    ($($ty:ident),* $(,)?) => {$(
        impl ToSql<Text, Sqlite> for $ty {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
                <str as ToSql<Text, Sqlite>>::to_sql(self.as_str(), out)
            }
        }

        impl ToSql<Text, Pg> for $ty {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                <str as ToSql<Text, Pg>>::to_sql(self.as_str(), out)
            }
        }

        impl FromSql<Text, Sqlite> for $ty {
            fn from_sql(value: <Sqlite as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                let text = <String as FromSql<Text, Sqlite>>::from_sql(value)?;
                text.parse()
                    .map_err(|()| format!("unknown {} {text:?}", stringify!($ty)).into())
            }
        }

        impl FromSql<Text, Pg> for $ty {
            fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
                let text = std::str::from_utf8(value.as_bytes())?;
                text.parse()
                    .map_err(|()| format!("unknown {} {text:?}", stringify!($ty)).into())
            }
        }

        through_either_backend!($ty);
    )*};
}

word_text!(
    Phase,
    Role,
    SheetStatus,
    ConflictSource,
    Aggregation,
    Normalisation,
    DocumentKind,
    StageKind,
    StagePhase,
    CutRule,
    CutTies,
    Maturity,
    Initiator,
    InnovationForm
);
