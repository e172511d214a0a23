-- Persons whose indicator contribution a roster file changes (run after Loading/Merge.sql, before the file is
-- applied): the persons of the stored registrations it replaces and of those it stores (a corrected ID number
-- moves a registration between persons), and whoever owned, by ID number, the records of volunteer_ids it
-- registers for the first time (those records move to the volunteer_id's person).
CREATE OR REPLACE TEMP TABLE refresh_affected AS
WITH changed AS (
    SELECT volunteer_id, person_key FROM {stage_replaced}
    UNION ALL
    SELECT volunteer_id, person_key FROM {stage_final}
)
SELECT person_key FROM changed
UNION
SELECT 'h:' || s.id_hash
FROM service_records s
SEMI JOIN changed c ON c.volunteer_id = s.volunteer_id
WHERE s.id_hash IS NOT NULL;
