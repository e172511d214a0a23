-- Shared merge of one staged file into its target table (CONTRACT §1, §4). {table}, {columns}, {matched}
-- are constant identifiers chosen by the kind's loader; values come in as parameters.

-- Outcome of every staged row: compared with the previous version of its key, the one earlier in this
-- file or else the stored one.
CREATE OR REPLACE TEMP TABLE stage_outcome AS
SELECT s.seq,
       s.row_key,
       s.content_hash,
       lag(s.content_hash) OVER w  AS prev_in_file,
       lead(s.content_hash) OVER w AS next_in_file,
       t.content_hash              AS stored_hash,
       {matched}                   AS matched
FROM stage_rows s
LEFT JOIN {table} t ON t.row_key = s.row_key
WINDOW w AS (PARTITION BY s.row_key ORDER BY s.seq);

-- The last version of each key, where it changes what is stored.
CREATE OR REPLACE TEMP TABLE stage_final AS
SELECT s.*
FROM stage_rows s
JOIN stage_outcome o ON o.seq = s.seq
WHERE o.next_in_file IS NULL
  AND (o.stored_hash IS NULL OR o.stored_hash <> o.content_hash);
