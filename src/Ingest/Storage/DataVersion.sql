-- The version of the stored data: what the committed ingests left (the files table: one row per loaded file, kept by
-- every ingest and undo in its own transaction) and when the monthly table was last rebuilt (monthly_coverage: one
-- row, stamped by every refresh and rebuild). One row out; reads a table of one row per file and a table of one row.
SELECT count(*) || '.' || coalesce(max(file_id), 0) || '.' || coalesce(sum(rows_read), 0) || '.'
    || coalesce(epoch_us(max(ingested_at)), 0) || '.'
    || coalesce((SELECT epoch_us(max(refreshed_at)) FROM monthly_coverage), 0)
FROM files;
