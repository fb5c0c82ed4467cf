-- Scores live in their primary key's b-tree (WITHOUT ROWID): reading a contest's 1.5 million
-- scores no longer looks each one up a second time in the table, and saving a sheet writes
-- one b-tree per score instead of two (the table and its primary-key index).
CREATE TABLE sheet_scores_clustered (
    sheet_id TEXT NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
    criterion_id TEXT NOT NULL REFERENCES criteria(id) ON DELETE CASCADE,
    score INTEGER NOT NULL,
    PRIMARY KEY (sheet_id, criterion_id)
) WITHOUT ROWID;
INSERT INTO sheet_scores_clustered (sheet_id, criterion_id, score)
    SELECT sheet_id, criterion_id, score FROM sheet_scores;
DROP TABLE sheet_scores;
ALTER TABLE sheet_scores_clustered RENAME TO sheet_scores;
