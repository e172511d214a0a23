-- Versions superseded by this file: the stored one when the file's first version differs from it, and every
-- version in the file that a later row of the same key replaces.
INSERT INTO {history} ({columns}, file_id, superseded_by_file)
SELECT {stored_columns}, t.file_id, $file_id
FROM {table} t
JOIN stage_outcome o ON o.row_key = t.row_key
WHERE o.prev_in_file IS NULL AND o.stored_hash IS NOT NULL AND o.stored_hash <> o.content_hash;

INSERT INTO {history} ({columns}, file_id, superseded_by_file)
SELECT {staged_columns}, $file_id, $file_id
FROM stage_rows s
JOIN stage_outcome o ON o.seq = s.seq
WHERE o.next_in_file IS NOT NULL AND o.next_in_file <> o.content_hash;
