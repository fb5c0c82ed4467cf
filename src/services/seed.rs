//! Seeding large contests for benchmarks and load tests (`juri seed`, `juri demo --scale`): the
//! rows are written by `db::seed`; this hashes the one password every generated judge shares.

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::model::ContestId;

pub use crate::db::seed::{SeedSpec, SEED_PASSWORD};

/// Creates the contest; returns its id and the judges' emails.
pub fn seed(conn: &mut DbConnection, spec: &SeedSpec) -> AppResult<(ContestId, Vec<String>)> {
    let hash = super::auth::hash_password(SEED_PASSWORD)?;
    Ok(crate::db::seed::seed(conn, spec, &hash)?)
}
