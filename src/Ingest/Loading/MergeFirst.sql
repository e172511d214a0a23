-- The merge (as Merge.sql and MergeViews.sql) when every key the file stages is staged once and the target table
-- held no row before this file: every staged row is new, final and stored, and none replaces a stored one. Nothing
-- is ordered or joined but the matched condition; the apply reads the staged rows as they are.
CREATE OR REPLACE TEMP TABLE {stage_outcome} AS
SELECT s.seq,
       s.row_key,
       s.content_hash,
       NULL::UUID AS prev_in_file,
       NULL::UUID AS next_in_file,
       {matched} AS matched,
       NULL::UUID AS stored_hash,
       TRUE AS is_final
FROM {stage_rows} s;

CREATE OR REPLACE TEMP VIEW {stage_final} AS
SELECT * FROM {stage_rows};

CREATE OR REPLACE TEMP VIEW {stage_replaced} AS
SELECT * FROM {table} LIMIT 0;
