//! The manifest of the winners' documents: for every entry holding a prize, each of its
//! documents' name and SHA-256. Published with the recap and covered by the same digest, so
//! the files a prize was given on cannot be swapped afterwards unnoticed.
//!
//! The digest is taken over the recap followed by the manifest; a publication whose winners
//! have no documents has an empty manifest, and its digest is the recap's alone, as before.

use super::ContestResults;
use crate::db::{documents, DbConnection};
use crate::error::AppResult;
use crate::model::EntryId;

/// The manifest's header line.
pub const HEADER: [&str; 6] = [
    "klaster",
    "peringkat",
    "id_inovasi",
    "hadiah",
    "dokumen",
    "sha256",
];

/// The manifest as CSV, in the recap's form (UTF-8, `\n`, every field quoted): the clusters
/// in order, their prize winners in ranking order, each winner's documents oldest first.
/// Empty (not even a header) when no winner has a document.
pub fn csv(conn: &mut DbConnection, results: &ContestResults) -> AppResult<String> {
    let mut lines: Vec<[String; 6]> = Vec::new();
    for cluster in &results.clusters {
        for row in cluster.ranking.iter().filter(|r| r.prize.is_some()) {
            let Ok(entry) = row.entry_id.parse::<EntryId>() else {
                continue;
            };
            for d in documents::of_entry(conn, entry)? {
                lines.push([
                    cluster.name.clone(),
                    row.rank.to_string(),
                    row.entry_id.clone(),
                    row.prize
                        .as_ref()
                        .map(|p| p.title.clone())
                        .unwrap_or_default(),
                    d.name,
                    d.sha256,
                ]);
            }
        }
    }
    if lines.is_empty() {
        return Ok(String::new());
    }
    super::recap::canonical_csv(&HEADER, &lines)
}
