DROP TABLE acknowledgements;
ALTER TABLE contests DROP COLUMN robustness_gate;
ALTER TABLE contests DROP COLUMN outlier_points;
