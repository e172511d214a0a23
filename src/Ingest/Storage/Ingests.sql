-- The loaded files, newest first: what GET /api/ingests and ./volstats ingests show.
SELECT file_id, name, kind, ingested_at, rows_read, inserted, updated, unchanged, unmatched, rejected, rejected_by_reason
FROM files
ORDER BY ingested_at DESC, file_id DESC
