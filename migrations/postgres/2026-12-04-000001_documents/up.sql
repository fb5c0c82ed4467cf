-- Documents of entries (proposals, evidence, photos), their bytes inside the database.
-- A blob is content-addressed: the same file uploaded twice is stored once.
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY NOT NULL,
    size BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
-- The bytes, in parts. An upload writes its parts under its own key (a UUID) as they arrive,
-- and they take the blob's SHA-256 as key once the upload completes; the parts of an upload
-- that never completed are swept.
CREATE TABLE blob_parts (
    blob_key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    data BYTEA NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (blob_key, seq)
);
CREATE TABLE documents (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    criterion_id TEXT REFERENCES criteria(id) ON DELETE SET NULL,
    hidden_from_judges BOOLEAN NOT NULL DEFAULT FALSE,
    uploaded_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX documents_entry ON documents(entry_id, created_at);
CREATE INDEX documents_sha256 ON documents(sha256);
