-- For a service-record file (after Loading/Merge.sql, before the apply): the record keys whose stored version the
-- file replaces, and the versions it stores that count by ID number (see RecordsById.sql).
CREATE OR REPLACE TEMP TABLE refresh_replaced AS
SELECT row_key FROM stage_outcome WHERE is_final;

CREATE OR REPLACE TEMP TABLE refresh_by_id AS
SELECT s.row_key, s.volunteer_id, s.id_hash, s.service_date, s.hours_units
FROM stage_rows s
SEMI JOIN (SELECT seq FROM stage_outcome WHERE is_final) o ON o.seq = s.seq
WHERE s.id_hash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.volunteer_id = s.volunteer_id);
