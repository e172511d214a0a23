-- For a service-record file (after StagedRecordKeys.sql, before the apply): the versions it stores that belong
-- to contrib_persons, so that the persons' records after the file are known without reading service_records
-- again. An hours file does not change who owns a record: by volunteer_id when a registration has it, else by ID
-- number.
CREATE OR REPLACE TEMP TABLE refresh_stored AS
WITH owned AS (
    SELECT f.row_key, f.service_date, f.hours_units, r.person_key
    FROM {stage_final} f JOIN registrations r ON r.volunteer_id = f.volunteer_id
    UNION ALL
    SELECT b.row_key, b.service_date, b.hours_units, 'h:' || b.id_hash
    FROM refresh_by_id b
)
SELECT o.row_key, p.pid, year(o.service_date) * 12 + month(o.service_date) - 1 AS s_m, o.hours_units
FROM owned o JOIN contrib_persons p USING (person_key);
