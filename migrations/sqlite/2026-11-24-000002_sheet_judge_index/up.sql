-- A judge's home lists their sheets: look them up by judge, not by scanning every sheet.
CREATE INDEX sheets_judge_id ON sheets(judge_id);
