CREATE TABLE sheet_scores_rowid (
    sheet_id TEXT NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
    criterion_id TEXT NOT NULL REFERENCES criteria(id) ON DELETE CASCADE,
    score INTEGER NOT NULL,
    PRIMARY KEY (sheet_id, criterion_id)
);
INSERT INTO sheet_scores_rowid (sheet_id, criterion_id, score)
    SELECT sheet_id, criterion_id, score FROM sheet_scores;
DROP TABLE sheet_scores;
ALTER TABLE sheet_scores_rowid RENAME TO sheet_scores;
