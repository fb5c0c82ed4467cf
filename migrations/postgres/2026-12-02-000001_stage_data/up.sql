-- Each stage has its own rubric, assignments, sheets, waivers and tie orders: they gain a
-- stage_id, and the rows that exist belong to their contest's first (until now only) stage.
-- The same judge may score the same entry in two stages, so the one-per-(entry, judge) rules
-- become one per (stage, entry, judge).
ALTER TABLE criteria ADD COLUMN stage_id TEXT REFERENCES stages(id) ON DELETE CASCADE;
ALTER TABLE assignments ADD COLUMN stage_id TEXT REFERENCES stages(id) ON DELETE CASCADE;
ALTER TABLE sheets ADD COLUMN stage_id TEXT REFERENCES stages(id) ON DELETE CASCADE;
ALTER TABLE waivers ADD COLUMN stage_id TEXT REFERENCES stages(id) ON DELETE CASCADE;
ALTER TABLE tie_resolutions ADD COLUMN stage_id TEXT REFERENCES stages(id) ON DELETE CASCADE;

UPDATE criteria t SET stage_id = s.id FROM stages s
WHERE s.contest_id = t.contest_id AND s.position = 1;
UPDATE assignments t SET stage_id = s.id FROM stages s
WHERE s.contest_id = t.contest_id AND s.position = 1;
UPDATE sheets t SET stage_id = s.id FROM stages s
WHERE s.contest_id = t.contest_id AND s.position = 1;
UPDATE waivers t SET stage_id = s.id FROM stages s
WHERE s.contest_id = t.contest_id AND s.position = 1;
UPDATE tie_resolutions t SET stage_id = s.id FROM stages s
WHERE s.contest_id = t.contest_id AND s.position = 1;

ALTER TABLE criteria ALTER COLUMN stage_id SET NOT NULL;
ALTER TABLE assignments ALTER COLUMN stage_id SET NOT NULL;
ALTER TABLE sheets ALTER COLUMN stage_id SET NOT NULL;
ALTER TABLE waivers ALTER COLUMN stage_id SET NOT NULL;
ALTER TABLE tie_resolutions ALTER COLUMN stage_id SET NOT NULL;

ALTER TABLE assignments DROP CONSTRAINT assignments_judge_id_entry_id_key;
ALTER TABLE assignments ADD CONSTRAINT assignments_stage_judge_entry_key
    UNIQUE (stage_id, judge_id, entry_id);
CREATE INDEX assignments_judge_id ON assignments(judge_id);
ALTER TABLE sheets DROP CONSTRAINT sheets_entry_id_judge_id_key;
ALTER TABLE sheets ADD CONSTRAINT sheets_stage_entry_judge_key
    UNIQUE (stage_id, entry_id, judge_id);
ALTER TABLE waivers DROP CONSTRAINT waivers_entry_id_judge_id_key;
ALTER TABLE waivers ADD CONSTRAINT waivers_stage_entry_judge_key
    UNIQUE (stage_id, entry_id, judge_id);
CREATE INDEX criteria_stage_id ON criteria(stage_id, position);
CREATE INDEX tie_resolutions_stage_id ON tie_resolutions(stage_id);

-- The entries of a stage after the first: the previous stage's shortlist, written when it was
-- sealed. The first stage's entries are the contest's.
CREATE TABLE stage_entries (
    stage_id TEXT NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    PRIMARY KEY (stage_id, entry_id)
);

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
