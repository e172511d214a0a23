-- Rebuilds indicator_records_by_id from the raw rows (the placeholder below is RawRecordsById.sql).
DELETE FROM indicator_records_by_id;

INSERT INTO indicator_records_by_id
{raw_records_by_id};
