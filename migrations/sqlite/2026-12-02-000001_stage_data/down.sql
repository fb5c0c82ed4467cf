-- Back to one rubric, one set of assignments, sheets, waivers and tie orders per contest: the
-- first stage's. What later stages held is dropped with them (the stages migration's own
-- down drops the stages).
DROP TABLE screenings;
DROP TABLE stage_entries;

CREATE TEMP TABLE kept_scores AS
SELECT ss.sheet_id, ss.criterion_id, ss.score
FROM sheet_scores ss
JOIN sheets h ON h.id = ss.sheet_id
JOIN stages s ON s.id = h.stage_id AND s.position = 1;

CREATE TABLE criteria_unstaged (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    weight INTEGER NOT NULL,
    min_score INTEGER NOT NULL,
    max_score INTEGER NOT NULL,
    levels TEXT NOT NULL DEFAULT '[]',
    tie_break_rank INTEGER
);
INSERT INTO criteria_unstaged (id, contest_id, position, name, description, weight, min_score,
                               max_score, levels, tie_break_rank)
SELECT c.id, c.contest_id, c.position, c.name, c.description, c.weight, c.min_score,
       c.max_score, c.levels, c.tie_break_rank
FROM criteria c JOIN stages s ON s.id = c.stage_id AND s.position = 1;
DROP TABLE criteria;
ALTER TABLE criteria_unstaged RENAME TO criteria;
CREATE INDEX criteria_contest_id ON criteria(contest_id);

CREATE TABLE assignments_unstaged (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    judge_id TEXT NOT NULL REFERENCES users(id),
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (judge_id, entry_id)
);
INSERT INTO assignments_unstaged (id, contest_id, judge_id, entry_id, created_at)
SELECT a.id, a.contest_id, a.judge_id, a.entry_id, a.created_at
FROM assignments a JOIN stages s ON s.id = a.stage_id AND s.position = 1;
DROP TABLE assignments;
ALTER TABLE assignments_unstaged RENAME TO assignments;
CREATE INDEX assignments_contest_id ON assignments(contest_id);
CREATE INDEX assignments_entry_id ON assignments(entry_id);

CREATE TABLE sheets_unstaged (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    judge_id TEXT NOT NULL REFERENCES users(id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
    comment TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL,
    submitted_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (entry_id, judge_id)
);
INSERT INTO sheets_unstaged (id, contest_id, entry_id, judge_id, status, comment, version,
                             submitted_at, updated_at)
SELECT h.id, h.contest_id, h.entry_id, h.judge_id, h.status, h.comment, h.version,
       h.submitted_at, h.updated_at
FROM sheets h JOIN stages s ON s.id = h.stage_id AND s.position = 1;
DROP TABLE sheets;
ALTER TABLE sheets_unstaged RENAME TO sheets;
CREATE INDEX sheets_contest_id ON sheets(contest_id);
CREATE INDEX sheets_judge_id ON sheets(judge_id);

CREATE TABLE waivers_unstaged (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    judge_id TEXT NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL,
    created_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (entry_id, judge_id)
);
INSERT INTO waivers_unstaged (id, contest_id, entry_id, judge_id, reason, created_by, created_at)
SELECT w.id, w.contest_id, w.entry_id, w.judge_id, w.reason, w.created_by, w.created_at
FROM waivers w JOIN stages s ON s.id = w.stage_id AND s.position = 1;
DROP TABLE waivers;
ALTER TABLE waivers_unstaged RENAME TO waivers;

CREATE TABLE tie_resolutions_unstaged (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    cluster_id TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    entry_order TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
INSERT INTO tie_resolutions_unstaged (id, contest_id, cluster_id, entry_order, reason,
                                      created_by, created_at)
SELECT t.id, t.contest_id, t.cluster_id, t.entry_order, t.reason, t.created_by, t.created_at
FROM tie_resolutions t JOIN stages s ON s.id = t.stage_id AND s.position = 1;
DROP TABLE tie_resolutions;
ALTER TABLE tie_resolutions_unstaged RENAME TO tie_resolutions;

INSERT INTO sheet_scores (sheet_id, criterion_id, score)
SELECT sheet_id, criterion_id, score FROM kept_scores;
DROP TABLE kept_scores;
