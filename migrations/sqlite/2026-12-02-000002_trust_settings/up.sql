-- How far a result can be trusted: the contest's outlier threshold (hundredths of a point on
-- the 0–100 total, default 15) and its optional robustness gate; the committee's recorded
-- acknowledgements of prize or cut positions that depend on a single judge.
ALTER TABLE contests ADD COLUMN outlier_points BIGINT NOT NULL DEFAULT 1500;
ALTER TABLE contests ADD COLUMN robustness_gate BOOLEAN NOT NULL DEFAULT 0;
CREATE TABLE acknowledgements (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    stage_id TEXT NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    -- the positions acknowledged, as JSON: [{"cluster_id","rank","entry_id"}]
    unstable TEXT NOT NULL,
    created_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX acknowledgements_stage_id ON acknowledgements(stage_id, created_at);
