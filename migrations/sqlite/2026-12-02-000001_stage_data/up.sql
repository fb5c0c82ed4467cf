-- Each stage has its own rubric, assignments, sheets, waivers and tie orders: they gain a
-- stage_id, and the rows that exist belong to their contest's first (until now only) stage.
-- The same judge may score the same entry in two stages, so the one-per-(entry, judge) rules
-- become one per (stage, entry, judge).
--
-- SQLite cannot change a column's constraints in place: each table is rebuilt (created anew,
-- copied, dropped, renamed) inside this migration's one transaction. Dropping `criteria` and
-- `sheets` cascades into `sheet_scores` (foreign keys are on and cannot be turned off inside a
-- transaction), so the scores are kept aside first and written back at the end.
CREATE TEMP TABLE kept_scores AS SELECT sheet_id, criterion_id, score FROM sheet_scores;

CREATE TABLE criteria_staged (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    stage_id TEXT NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    weight INTEGER NOT NULL,
    min_score INTEGER NOT NULL,
    max_score INTEGER NOT NULL,
    levels TEXT NOT NULL DEFAULT '[]',
    tie_break_rank INTEGER
);
INSERT INTO criteria_staged (id, contest_id, stage_id, position, name, description, weight,
                             min_score, max_score, levels, tie_break_rank)
SELECT c.id, c.contest_id, s.id, c.position, c.name, c.description, c.weight, c.min_score,
       c.max_score, c.levels, c.tie_break_rank
FROM criteria c JOIN stages s ON s.contest_id = c.contest_id AND s.position = 1;
DROP TABLE criteria;
ALTER TABLE criteria_staged RENAME TO criteria;
CREATE INDEX criteria_contest_id ON criteria(contest_id);
CREATE INDEX criteria_stage_id ON criteria(stage_id, position);

CREATE TABLE assignments_staged (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    stage_id TEXT NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
    judge_id TEXT NOT NULL REFERENCES users(id),
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (stage_id, judge_id, entry_id)
);
INSERT INTO assignments_staged (id, contest_id, stage_id, judge_id, entry_id, created_at)
SELECT a.id, a.contest_id, s.id, a.judge_id, a.entry_id, a.created_at
FROM assignments a JOIN stages s ON s.contest_id = a.contest_id AND s.position = 1;
DROP TABLE assignments;
ALTER TABLE assignments_staged RENAME TO assignments;
CREATE INDEX assignments_contest_id ON assignments(contest_id);
CREATE INDEX assignments_entry_id ON assignments(entry_id);
CREATE INDEX assignments_judge_id ON assignments(judge_id);

CREATE TABLE sheets_staged (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    stage_id TEXT NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    judge_id TEXT NOT NULL REFERENCES users(id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
    comment TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL,
    submitted_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (stage_id, entry_id, judge_id)
);
INSERT INTO sheets_staged (id, contest_id, stage_id, entry_id, judge_id, status, comment,
                           version, submitted_at, updated_at)
SELECT h.id, h.contest_id, s.id, h.entry_id, h.judge_id, h.status, h.comment, h.version,
       h.submitted_at, h.updated_at
FROM sheets h JOIN stages s ON s.contest_id = h.contest_id AND s.position = 1;
DROP TABLE sheets;
ALTER TABLE sheets_staged RENAME TO sheets;
CREATE INDEX sheets_contest_id ON sheets(contest_id);
CREATE INDEX sheets_judge_id ON sheets(judge_id);

CREATE TABLE waivers_staged (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    stage_id TEXT NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    judge_id TEXT NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL,
    created_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (stage_id, entry_id, judge_id)
);
INSERT INTO waivers_staged (id, contest_id, stage_id, entry_id, judge_id, reason, created_by,
                            created_at)
SELECT w.id, w.contest_id, s.id, w.entry_id, w.judge_id, w.reason, w.created_by, w.created_at
FROM waivers w JOIN stages s ON s.contest_id = w.contest_id AND s.position = 1;
DROP TABLE waivers;
ALTER TABLE waivers_staged RENAME TO waivers;

CREATE TABLE tie_resolutions_staged (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    stage_id TEXT NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
    cluster_id TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    entry_order TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
INSERT INTO tie_resolutions_staged (id, contest_id, stage_id, cluster_id, entry_order, reason,
                                    created_by, created_at)
SELECT t.id, t.contest_id, s.id, t.cluster_id, t.entry_order, t.reason, t.created_by,
       t.created_at
FROM tie_resolutions t JOIN stages s ON s.contest_id = t.contest_id AND s.position = 1;
DROP TABLE tie_resolutions;
ALTER TABLE tie_resolutions_staged RENAME TO tie_resolutions;

INSERT INTO sheet_scores (sheet_id, criterion_id, score)
SELECT sheet_id, criterion_id, score FROM kept_scores;
DROP TABLE kept_scores;

-- The entries of a stage after the first: the previous stage's shortlist, written when it was
-- sealed. The first stage's entries are the contest's.
CREATE TABLE stage_entries (
    stage_id TEXT NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    PRIMARY KEY (stage_id, entry_id)
) WITHOUT ROWID;

-- A screening stage's decisions (seleksi administrasi): eligible or not, the failed checklist
-- items (a JSON list) and the committee's note.
CREATE TABLE screenings (
    stage_id TEXT NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    eligible BOOLEAN NOT NULL,
    failed TEXT NOT NULL DEFAULT '[]',
    note TEXT NOT NULL DEFAULT '',
    decided_by TEXT REFERENCES users(id),
    decided_at TIMESTAMP NOT NULL,
    PRIMARY KEY (stage_id, entry_id)
);
