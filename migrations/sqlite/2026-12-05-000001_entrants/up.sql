-- A fourth role, `entrant`. SQLite cannot change a CHECK constraint in place and rebuilding
-- `users` is impossible here (foreign keys stay on inside a migration's transaction, so
-- dropping the table would cascade into sessions and fail on every other reference). The
-- CHECK is therefore widened in the stored schema, the procedure SQLite documents for
-- loosening a constraint ("Making Other Kinds Of Table Schema Changes"): every existing row
-- already satisfies the wider rule. The DDL below changes the schema version, so other open
-- connections reload it.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql, 'CHECK (role IN (''admin'', ''committee'', ''judge''))',
                       'CHECK (role IN (''admin'', ''committee'', ''judge'', ''entrant''))')
WHERE type = 'table' AND name = 'users';
PRAGMA writable_schema = RESET;
-- Fails the migration (integer overflow) if the CHECK was not the expected text and so was not
-- widened: better no migration than entrant accounts the schema refuses.
SELECT CASE WHEN (SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'users')
                 LIKE '%''entrant''%'
            THEN 1 ELSE abs(-9223372036854775808) END;
-- Entrants (pengusul): accounts of an agency, kecamatan, puskesmas or school, registered for a
-- contest under their unit, limited to some clusters (none listed: every cluster).
CREATE TABLE contest_entrants (
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id),
    unit TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (contest_id, user_id)
);
CREATE INDEX contest_entrants_user ON contest_entrants(user_id);
CREATE TABLE entrant_clusters (
    contest_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    cluster_id TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    PRIMARY KEY (contest_id, user_id, cluster_id),
    FOREIGN KEY (contest_id, user_id) REFERENCES contest_entrants(contest_id, user_id) ON DELETE CASCADE
);
-- One-time set-password links: only the SHA-256 of the token is kept, so a copy of the
-- database does not hand out passwords.
CREATE TABLE password_links (
    token_sha256 TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX password_links_user ON password_links(user_id);
-- Registration: open or closed by the committee, with an optional deadline; whether entrants
-- read the judges' comments once results are published.
ALTER TABLE contests ADD COLUMN registration_open BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE contests ADD COLUMN registration_deadline TIMESTAMP;
ALTER TABLE contests ADD COLUMN release_comments BOOLEAN NOT NULL DEFAULT 0;
-- An entry filed by an entrant is a draft until submitted; the committee's entries, and every
-- entry that exists, count as submitted.
ALTER TABLE entries ADD COLUMN submitted_at TIMESTAMP;
UPDATE entries SET submitted_at = created_at;
