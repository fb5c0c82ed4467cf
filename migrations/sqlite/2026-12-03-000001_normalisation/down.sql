ALTER TABLE stages DROP COLUMN normalisation;
