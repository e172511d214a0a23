-- Versions superseded by this file: the stored one when the file's first version differs from it, and every
-- version in the file that a later row of the same key replaces.
INSERT INTO {history} ({columns}, file_id, superseded_by_file)
SELECT {stored_columns}, t.file_id, $file_id
FROM {table} t
SEMI JOIN (SELECT row_key FROM {stage_outcome}
           WHERE prev_in_file IS NULL AND stored_hash IS NOT NULL AND stored_hash <> content_hash) o
    ON o.row_key = t.row_key;

INSERT INTO {history} ({columns}, file_id, superseded_by_file)
SELECT {staged_columns}, $file_id, $file_id
FROM {stage_rows} s
SEMI JOIN (SELECT seq FROM {stage_outcome} WHERE next_in_file IS NOT NULL AND next_in_file <> content_hash) o
    ON o.seq = s.seq;
