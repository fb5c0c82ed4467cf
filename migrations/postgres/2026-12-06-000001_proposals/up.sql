-- The proposal of an entry, with the fields of the IID form Indonesian regions use: how far
-- the innovation has come, who started it, digital or not, its form, when it was tried and
-- put in place, its design (rancang bangun), goals, benefits, results and a video.
ALTER TABLE entries ADD COLUMN maturity TEXT;
ALTER TABLE entries ADD COLUMN initiator TEXT;
ALTER TABLE entries ADD COLUMN digital BOOLEAN;
ALTER TABLE entries ADD COLUMN innovation_form TEXT;
ALTER TABLE entries ADD COLUMN trial_date DATE;
ALTER TABLE entries ADD COLUMN implementation_date DATE;
ALTER TABLE entries ADD COLUMN design TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN goals TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN benefits TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN results TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN video_link TEXT;
-- What the committee requires before an entry is submitted: proposal fields and kinds of
-- document, each a JSON list of words.
ALTER TABLE contests ADD COLUMN required_fields TEXT NOT NULL DEFAULT '[]';
ALTER TABLE contests ADD COLUMN required_documents TEXT NOT NULL DEFAULT '[]';
