-- The merge's outcomes (as Merge.sql) when every key the file stages is staged once (the judges compared 64-bit
-- hashes of the keys, FileIngestor.KeyHashes): no row has a version before or after it in the file, so no key needs
-- ordering by seq, and each row is compared with the stored version of its key only. Followed by MergeViews.sql.
CREATE OR REPLACE TEMP TABLE {stage_outcome} AS
SELECT s.seq,
       s.row_key,
       s.content_hash,
       NULL::UUID AS prev_in_file,
       NULL::UUID AS next_in_file,
       {matched} AS matched,
       t.content_hash AS stored_hash,
       t.content_hash IS NULL OR t.content_hash <> s.content_hash AS is_final
FROM {stage_rows} s
LEFT JOIN {table} t ON t.row_key = s.row_key;
