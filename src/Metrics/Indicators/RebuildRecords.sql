-- Second part of a rebuild (after RebuildPersons.sql): every service record with the person and class of its
-- volunteer_id, in one join. A record no registration owns keeps its rowid, so that the records counted by ID
-- number (RawRecordsById.sql) are fetched by rowid rather than found by a second join that carries every record's
-- 64-character id_hash (0.9 s of the old rebuild on 2M records).
CREATE OR REPLACE TEMP TABLE rebuild_records AS
SELECT o.pid, o.cls, year(s.service_date) * 12 + month(s.service_date) - 1 AS s_m, s.hours_units,
       CASE WHEN o.pid IS NULL THEN s.rowid END AS unowned
FROM service_records s LEFT JOIN rebuild_owners o ON o.volunteer_id = s.volunteer_id;

DELETE FROM indicator_records_by_id;
