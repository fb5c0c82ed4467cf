-- A contest is an ordered list of stages (tahap): screening, desk scoring, presentation, field
-- verification. Every existing contest becomes a contest of one scored stage, "Penilaian",
-- holding its rubric, assignments and sheets as before; its phase follows the contest's
-- (a published contest's only stage is closed: publication is the contest's, not a stage's).
CREATE TABLE stages (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'scored' CHECK (kind IN ('scored', 'screening')),
    weight INTEGER NOT NULL DEFAULT 0 CHECK (weight BETWEEN 0 AND 100),
    cut_rule TEXT NOT NULL DEFAULT 'all' CHECK (cut_rule IN ('all', 'top', 'min_score')),
    cut_count INTEGER,
    -- hundredths of a point, like contests.min_award_score
    cut_min_score BIGINT,
    cut_ties TEXT NOT NULL DEFAULT 'include' CHECK (cut_ties IN ('include', 'resolve')),
    -- NULL: the contest's aggregation
    aggregation TEXT CHECK (aggregation IN ('mean', 'median', 'trimmed_mean')),
    -- a JSON array of the screening checklist's items
    checklist TEXT NOT NULL DEFAULT '[]',
    phase TEXT NOT NULL DEFAULT 'setup' CHECK (phase IN ('setup', 'judging', 'closed', 'sealed')),
    digest TEXT,
    snapshot TEXT,
    sealed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX stages_by_contest ON stages (contest_id, position);

INSERT INTO stages (id, contest_id, position, name, kind, weight, phase, created_at, updated_at)
SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-a'
             || substr(h, 18, 3) || '-' || substr(h, 21, 12)),
       id, 1, 'Penilaian', 'scored', 100,
       CASE phase WHEN 'published' THEN 'closed' ELSE phase END,
       created_at, updated_at
FROM (SELECT id, phase, created_at, updated_at, hex(randomblob(16)) AS h FROM contests);
