-- For a service-record file (after Loading/Merge.sql, before the apply): the record keys whose stored version the
-- file replaces, and the versions it stores that count by ID number (see RawRecordsById.sql).
CREATE OR REPLACE TEMP TABLE refresh_replaced AS
SELECT row_key FROM {stage_final};

CREATE OR REPLACE TEMP TABLE refresh_by_id AS
SELECT s.row_key, s.volunteer_id, s.id_hash, s.service_date, s.hours_units
FROM {stage_final} s
WHERE s.id_hash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.volunteer_id = s.volunteer_id);
