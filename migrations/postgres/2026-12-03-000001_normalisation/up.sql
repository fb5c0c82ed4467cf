-- A stage's declared normalisation of judges' totals: `none`, or `leniency` (each total less
-- its judge's leniency, rounded to four decimals, before aggregation). Declared in the stage's
-- setup; locked once its judging opens.
ALTER TABLE stages ADD COLUMN normalisation TEXT NOT NULL DEFAULT 'none';
