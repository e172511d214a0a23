-- Service records that count by ID number (CONTRACT §5), from the raw rows: they carry an ID number and no
-- registration has their volunteer_id. What indicator_records_by_id keeps.
SELECT s.row_key, s.volunteer_id, s.id_hash, s.service_date, s.hours_units
FROM service_records s
ANTI JOIN registrations r ON r.volunteer_id = s.volunteer_id
WHERE s.id_hash IS NOT NULL
