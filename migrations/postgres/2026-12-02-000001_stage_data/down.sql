-- Back to one rubric, one set of assignments, sheets, waivers and tie orders per contest: the
-- first stage's. What later stages held is dropped with them.
DROP TABLE screenings;
DROP TABLE stage_entries;

DELETE FROM sheets t USING stages s WHERE s.id = t.stage_id AND s.position > 1;
DELETE FROM criteria t USING stages s WHERE s.id = t.stage_id AND s.position > 1;
DELETE FROM assignments t USING stages s WHERE s.id = t.stage_id AND s.position > 1;
DELETE FROM waivers t USING stages s WHERE s.id = t.stage_id AND s.position > 1;
DELETE FROM tie_resolutions t USING stages s WHERE s.id = t.stage_id AND s.position > 1;

DROP INDEX tie_resolutions_stage_id;
DROP INDEX criteria_stage_id;
ALTER TABLE waivers DROP CONSTRAINT waivers_stage_entry_judge_key;
ALTER TABLE waivers ADD CONSTRAINT waivers_entry_id_judge_id_key UNIQUE (entry_id, judge_id);
ALTER TABLE sheets DROP CONSTRAINT sheets_stage_entry_judge_key;
ALTER TABLE sheets ADD CONSTRAINT sheets_entry_id_judge_id_key UNIQUE (entry_id, judge_id);
DROP INDEX assignments_judge_id;
ALTER TABLE assignments DROP CONSTRAINT assignments_stage_judge_entry_key;
ALTER TABLE assignments ADD CONSTRAINT assignments_judge_id_entry_id_key
    UNIQUE (judge_id, entry_id);

ALTER TABLE criteria DROP COLUMN stage_id;
ALTER TABLE assignments DROP COLUMN stage_id;
ALTER TABLE sheets DROP COLUMN stage_id;
ALTER TABLE waivers DROP COLUMN stage_id;
ALTER TABLE tie_resolutions DROP COLUMN stage_id;
