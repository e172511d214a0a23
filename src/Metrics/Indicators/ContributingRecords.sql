-- The service records of contrib_persons: a record belongs to the person of its volunteer_id; its ID number
-- counts only when no registration has that volunteer_id. {records_by_id} holds exactly those records: the
-- table indicator_records_by_id, or the same computed from the raw rows.
CREATE OR REPLACE TEMP TABLE contrib_records AS
WITH vid_owner AS (
    SELECT r.volunteer_id, p.pid FROM registrations r JOIN contrib_persons p USING (person_key)
),
id_owner AS (
    SELECT DISTINCT r.id_hash, p.pid FROM registrations r JOIN contrib_persons p USING (person_key)
    WHERE r.id_hash IS NOT NULL
)
SELECT s.row_key, o.pid, year(s.service_date) * 12 + month(s.service_date) - 1 AS s_m, s.hours_units
FROM service_records s JOIN vid_owner o ON o.volunteer_id = s.volunteer_id
UNION ALL
SELECT s.row_key, o.pid, year(s.service_date) * 12 + month(s.service_date) - 1 AS s_m, s.hours_units
FROM {records_by_id} s JOIN id_owner o ON o.id_hash = s.id_hash;
