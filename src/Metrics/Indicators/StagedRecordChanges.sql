-- For a service-record file (after StagedRecordKeys.sql, before the apply): the versions it stores that belong
-- to contrib_persons, so that the persons' records after the file are known without reading service_records
-- again. An hours file does not change who owns a record: by volunteer_id when a registration has it, else by ID
-- number.
CREATE OR REPLACE TEMP TABLE refresh_stored AS
WITH final AS (
    SELECT s.* FROM stage_rows s SEMI JOIN (SELECT seq FROM stage_outcome WHERE is_final) o ON o.seq = s.seq
),
owned AS (
    SELECT f.row_key, f.service_date, f.hours_units, r.person_key
    FROM final f JOIN registrations r ON r.volunteer_id = f.volunteer_id
    UNION ALL
    SELECT f.row_key, f.service_date, f.hours_units, 'h:' || f.id_hash
    FROM final f
    WHERE f.id_hash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.volunteer_id = f.volunteer_id)
)
SELECT o.row_key, p.pid, year(o.service_date) * 12 + month(o.service_date) - 1 AS s_m, o.hours_units
FROM owned o JOIN contrib_persons p USING (person_key);
