-- Undoes what an interrupted ingest ($file_id, a row of ingest_intents) may have left: rows it stored carry its
-- file_id (history rows its superseded_by_file), and rows it replaced or deleted were never removed, because only
-- whole row groups written ahead can survive an incomplete transaction. Tables derived from these are rebuilt by
-- the observers (IIngestObserver.OnIngestUndone) in the same transaction.
DELETE FROM registrations WHERE file_id = $file_id;

DELETE FROM service_records WHERE file_id = $file_id;

DELETE FROM service_record_history WHERE superseded_by_file = $file_id;

DELETE FROM regions WHERE file_id = $file_id;

DELETE FROM population WHERE file_id = $file_id;

DELETE FROM rejects WHERE file_id = $file_id;

DELETE FROM files WHERE file_id = $file_id;

DELETE FROM ingest_intents WHERE file_id = $file_id;
