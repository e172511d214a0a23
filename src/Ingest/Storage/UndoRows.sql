-- The rows of one kind's table ({table}, KindLoader.Table) that an interrupted ingest stored (see UndoIngest.sql).
DELETE FROM {table} WHERE file_id = $file_id;
