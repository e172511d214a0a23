-- Rebuilds indicator_records_by_id from the raw rows: records with an ID number whose volunteer_id no
-- registration has.
DELETE FROM indicator_records_by_id;

INSERT INTO indicator_records_by_id
SELECT s.row_key, s.volunteer_id, s.id_hash, s.service_date, s.hours_units
FROM service_records s
ANTI JOIN registrations r ON r.volunteer_id = s.volunteer_id
WHERE s.id_hash IS NOT NULL;
