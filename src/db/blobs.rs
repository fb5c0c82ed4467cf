//! The `blobs` and `blob_parts` tables: documents' bytes, content-addressed by SHA-256 and
//! stored in parts, so one SQLite file or one PostgreSQL database holds everything and a
//! download reads one part at a time.

use super::schema::{blob_parts, blobs, documents};
use super::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A stored blob.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = blobs)]
pub struct BlobRow {
    pub sha256: String,
    pub size: i64,
    pub content_type: String,
}

/// Writes part `seq` of the upload (or blob) `key`.
pub fn put_part(
    conn: &mut DbConnection,
    key: &str,
    seq: i32,
    data: &[u8],
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(blob_parts::table)
        .values((
            blob_parts::blob_key.eq(key),
            blob_parts::seq.eq(seq),
            blob_parts::data.eq(data),
            blob_parts::created_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// How many parts are stored under `key`.
pub fn part_count(conn: &mut DbConnection, key: &str) -> QueryResult<i64> {
    blob_parts::table
        .filter(blob_parts::blob_key.eq(key))
        .count()
        .get_result(conn)
}

/// Makes the parts written under `upload` the blob `sha256`; when that blob is already stored
/// (the same file uploaded before, or at the same moment by someone else), drops them instead.
/// Returns whether the blob is new. Run inside the transaction that records the document, so a
/// blob never stands unreferenced.
pub fn commit(
    conn: &mut DbConnection,
    upload: &str,
    blob: &BlobRow,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let exists = blobs::table
        .find(&blob.sha256)
        .count()
        .get_result::<i64>(conn)?
        > 0;
    // A concurrent upload of the same file may insert it first: the insert runs in a savepoint
    // so that, on PostgreSQL, its refusal does not abort the whole transaction.
    let inserted = !exists
        && match conn.transaction(|c| {
            diesel::insert_into(blobs::table)
                .values((
                    blobs::sha256.eq(&blob.sha256),
                    blobs::size.eq(blob.size),
                    blobs::content_type.eq(&blob.content_type),
                    blobs::created_at.eq(now),
                ))
                .execute(c)
        }) {
            Ok(_) => true,
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => false,
            Err(e) => return Err(e),
        };
    if !inserted {
        discard(conn, upload)?;
        return Ok(false);
    }
    diesel::update(blob_parts::table.filter(blob_parts::blob_key.eq(upload)))
        .set(blob_parts::blob_key.eq(&blob.sha256))
        .execute(conn)?;
    Ok(true)
}

/// Drops the parts written under `upload`.
pub fn discard(conn: &mut DbConnection, upload: &str) -> QueryResult<()> {
    diesel::delete(blob_parts::table.filter(blob_parts::blob_key.eq(upload)))
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, sha256: &str) -> QueryResult<BlobRow> {
    blobs::table
        .find(sha256)
        .select(BlobRow::as_select())
        .first(conn)
}

/// Part `seq` of blob `sha256`, if there is one.
pub fn part(conn: &mut DbConnection, sha256: &str, seq: i32) -> QueryResult<Option<Vec<u8>>> {
    blob_parts::table
        .find((sha256, seq))
        .select(blob_parts::data)
        .first(conn)
        .optional()
}

/// Drops the blobs no document refers to any more, and the parts of uploads that began before
/// `stale_before` and never completed (their key is no blob's). Returns the blobs dropped.
pub fn sweep(conn: &mut DbConnection, stale_before: NaiveDateTime) -> QueryResult<usize> {
    let referenced = documents::table.select(documents::sha256);
    let orphans: Vec<String> = blobs::table
        .filter(blobs::sha256.ne_all(referenced))
        .select(blobs::sha256)
        .load(conn)?;
    for sha in &orphans {
        diesel::delete(blob_parts::table.filter(blob_parts::blob_key.eq(sha))).execute(conn)?;
        diesel::delete(blobs::table.find(sha)).execute(conn)?;
    }
    diesel::delete(
        blob_parts::table
            .filter(blob_parts::created_at.lt(stale_before))
            .filter(blob_parts::blob_key.ne_all(blobs::table.select(blobs::sha256))),
    )
    .execute(conn)?;
    Ok(orphans.len())
}
