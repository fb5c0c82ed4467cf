//! Where documents' bytes live. One small interface, so an object store can take the
//! database's place without the use cases changing; the database is the default, so one
//! SQLite file or one PostgreSQL database holds everything, `juri backup` covers it, and
//! several instances share it with nothing more to run.

use super::incoming::Received;
use crate::db::{self, blobs, DbConnection};
use crate::error::AppResult;

/// The bytes of documents, by SHA-256. The connection is the caller's, so recording a blob
/// shares the transaction that records its document.
pub trait BlobStore: Send + Sync {
    /// Keeps part `seq` of the unfinished upload `upload`.
    fn put_part(
        &self,
        conn: &mut DbConnection,
        upload: &str,
        seq: u32,
        data: &[u8],
    ) -> AppResult<()>;
    /// Makes the upload's parts the blob `received` names, or drops them when that blob is
    /// stored already (the same file twice is kept once).
    fn commit(&self, conn: &mut DbConnection, upload: &str, received: &Received) -> AppResult<()>;
    /// Drops an unfinished upload's parts.
    fn discard(&self, conn: &mut DbConnection, upload: &str) -> AppResult<()>;
    /// Part `seq` of a stored blob (`None` past its end).
    fn part(&self, conn: &mut DbConnection, sha256: &str, seq: u32) -> AppResult<Option<Vec<u8>>>;
}

/// The default store: parts in the `blob_parts` table.
pub struct DatabaseStore;

impl BlobStore for DatabaseStore {
    fn put_part(
        &self,
        conn: &mut DbConnection,
        upload: &str,
        seq: u32,
        data: &[u8],
    ) -> AppResult<()> {
        db::write_tx(conn, |c| {
            Ok(blobs::put_part(c, upload, seq as i32, data, db::now())?)
        })
    }

    fn commit(&self, conn: &mut DbConnection, upload: &str, received: &Received) -> AppResult<()> {
        // Every part must still be there: an upload whose first parts were swept (one that
        // took longer than the sweep's margin) is refused rather than kept broken.
        let expected = received.size.div_ceil(super::PART as u64) as i64;
        if blobs::part_count(conn, upload)? != expected {
            return Err(crate::error::AppError::bad_request(
                crate::i18n::Text::with(
                    crate::i18n::documents::DocumentMsg::ErrDocumentUpload,
                    ["parts of the upload are missing; send it again"],
                ),
            ));
        }
        let row = blobs::BlobRow {
            sha256: received.sha256.clone(),
            size: received.size as i64,
            content_type: received.content_type.to_string(),
        };
        blobs::commit(conn, upload, &row, db::now())?;
        Ok(())
    }

    fn discard(&self, conn: &mut DbConnection, upload: &str) -> AppResult<()> {
        db::write_tx(conn, |c| Ok(blobs::discard(c, upload)?))
    }

    fn part(&self, conn: &mut DbConnection, sha256: &str, seq: u32) -> AppResult<Option<Vec<u8>>> {
        Ok(blobs::part(conn, sha256, seq as i32)?)
    }
}
