-- Persons whose indicator contribution a service-record file changes (run after Loading/Merge.sql, before the
-- file is applied): the owners of the stored versions it replaces and of the versions it stores. An hours file
-- does not change who owns a record, so the same owners hold before and after it.
CREATE OR REPLACE TEMP TABLE refresh_affected AS
WITH changed AS (
    SELECT volunteer_id, id_hash FROM {stage_replaced}
    UNION ALL
    SELECT volunteer_id, id_hash FROM {stage_final}
)
SELECT r.person_key FROM changed c JOIN registrations r ON r.volunteer_id = c.volunteer_id
UNION
SELECT 'h:' || c.id_hash FROM changed c
WHERE c.id_hash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.volunteer_id = c.volunteer_id);
