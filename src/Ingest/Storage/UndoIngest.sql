-- Undoes what an interrupted ingest ($file_id, a row of ingest_intents) may have left, after the kinds' own tables
-- (UndoRows.sql, UndoHistory.sql): rows it stored carry its file_id, and rows it replaced or deleted were never
-- removed, because only whole row groups written ahead can survive an incomplete transaction. Tables derived from
-- these are rebuilt by the observers (IIngestObserver.OnIngestUndone) in the same transaction.
DELETE FROM rejects WHERE file_id = $file_id;

DELETE FROM files WHERE file_id = $file_id;

DELETE FROM ingest_intents WHERE file_id = $file_id;
