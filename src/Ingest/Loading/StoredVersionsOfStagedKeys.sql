-- The stored versions of the keys this file stages, by content hash and source hash: a row the judges found
-- stored unchanged is one of them when the file also stages another version of its key (FileIngestor.ResolveStoredRows).
SELECT t.content_hash, t.source_hash
FROM {table} t
SEMI JOIN {stage_rows} s ON s.row_key = t.row_key
