-- SQLite stores sheet_scores in its primary key's b-tree from this migration on. PostgreSQL
-- reads scores through its primary-key index already and keeps the table as it is; this
-- migration keeps the two backends' migration lists in step.
SELECT 1;
