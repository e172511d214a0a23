-- A service record keeps its ID hash only while its volunteer_id has no registration (CONTRACT §3: the ID number
-- counts only then; registrations are never removed, so it is never needed again). New records are stored that
-- way (ServiceRecordLoader.StoredValue); this clears the hashes older versions stored for every record. Nothing
-- derived changes: every reader of service_records.id_hash already ignores it when the volunteer_id is registered.
UPDATE service_records SET id_hash = NULL
WHERE id_hash IS NOT NULL AND volunteer_id IN (SELECT volunteer_id FROM registrations);

UPDATE service_record_history SET id_hash = NULL
WHERE id_hash IS NOT NULL AND volunteer_id IN (SELECT volunteer_id FROM registrations);
