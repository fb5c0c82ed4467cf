DROP INDEX sheets_judge_id;
