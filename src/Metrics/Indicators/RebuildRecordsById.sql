-- Part of a rebuild, run only when some records have no registered volunteer_id (after RebuildRecords.sql): those
-- with an ID number are the records counted by ID number; each counts for every person registered with that ID
-- number, as in ContributingRecords.sql.
INSERT INTO indicator_records_by_id
SELECT row_key, volunteer_id, id_hash, service_date, hours_units
FROM service_records
WHERE rowid IN (SELECT unowned FROM rebuild_records WHERE unowned IS NOT NULL) AND id_hash IS NOT NULL;

INSERT INTO rebuild_records
SELECT o.pid, o.cls, year(b.service_date) * 12 + month(b.service_date) - 1, b.hours_units, NULL
FROM indicator_records_by_id b
JOIN (SELECT DISTINCT r.id_hash, p.pid, p.cls
      FROM registrations r JOIN rebuild_pids p ON p.pid = {person_id}
      WHERE r.id_hash IN (SELECT id_hash FROM indicator_records_by_id)) o USING (id_hash);
