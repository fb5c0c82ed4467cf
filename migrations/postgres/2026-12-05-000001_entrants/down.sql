ALTER TABLE entries DROP COLUMN submitted_at;
ALTER TABLE contests DROP COLUMN release_comments;
ALTER TABLE contests DROP COLUMN registration_deadline;
ALTER TABLE contests DROP COLUMN registration_open;
DROP TABLE password_links;
DROP TABLE entrant_clusters;
DROP TABLE contest_entrants;
-- Entrant accounts have no place in the older schema: they are deactivated judges there.
UPDATE users SET role = 'judge', active = FALSE WHERE role = 'entrant';
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'committee', 'judge'));
