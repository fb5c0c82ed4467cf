ALTER TABLE entries DROP COLUMN submitted_at;
ALTER TABLE contests DROP COLUMN release_comments;
ALTER TABLE contests DROP COLUMN registration_deadline;
ALTER TABLE contests DROP COLUMN registration_open;
DROP TABLE password_links;
DROP TABLE entrant_clusters;
DROP TABLE contest_entrants;
-- Entrant accounts have no place in the older schema: they are deactivated judges there.
UPDATE users SET role = 'judge', active = 0 WHERE role = 'entrant';
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql, 'CHECK (role IN (''admin'', ''committee'', ''judge'', ''entrant''))',
                       'CHECK (role IN (''admin'', ''committee'', ''judge''))')
WHERE type = 'table' AND name = 'users';
PRAGMA writable_schema = RESET;
