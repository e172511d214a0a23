-- Shared merge of one staged file into its target table (CONTRACT §1, §4). {table}, {columns}, {matched}
-- are constant identifiers chosen by the kind's loader; values come in as parameters.

-- Outcome of every staged row: compared with the previous version of its key, the one earlier in this
-- file or else the stored one. is_final marks the last version of a key where it changes what is stored.
CREATE OR REPLACE TEMP TABLE stage_outcome AS
WITH versions AS (
    SELECT s.seq,
           s.row_key,
           s.content_hash,
           lag(s.content_hash) OVER w  AS prev_in_file,
           lead(s.content_hash) OVER w AS next_in_file,
           {matched}                   AS matched
    FROM stage_rows s
    WINDOW w AS (PARTITION BY s.row_key ORDER BY s.seq)
)
SELECT v.*,
       t.content_hash AS stored_hash,
       v.next_in_file IS NULL AND (t.content_hash IS NULL OR t.content_hash <> v.content_hash) AS is_final
FROM versions v
LEFT JOIN {table} t ON t.row_key = v.row_key;
