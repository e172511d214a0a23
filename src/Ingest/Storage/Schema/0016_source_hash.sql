-- The hash of the raw text each stored row was judged from, under its file's layout (issue 16): a row of a later
-- CSV file with the same text under the same layout would be judged to the same values, so it is counted unchanged
-- without being parsed, hashed or staged (Loading/ContentFingerprints.cs). NULL for rows stored before this column,
-- from a workbook, or copied from a stored row: those are found by their content hash as before.
ALTER TABLE registrations ADD COLUMN IF NOT EXISTS source_hash UUID;

ALTER TABLE service_records ADD COLUMN IF NOT EXISTS source_hash UUID;

ALTER TABLE regions ADD COLUMN IF NOT EXISTS source_hash UUID;

ALTER TABLE population ADD COLUMN IF NOT EXISTS source_hash UUID;
