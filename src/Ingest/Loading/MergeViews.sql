-- After Merge.sql or MergeDistinctKeys.sql (CONTRACT §1, §4): the rows this file stores (the final version of each
-- key it changes) and the stored rows they replace. Apply.sql writes from them; observers (IIngestObserver.OnFileStaged)
-- read them before the apply.
CREATE OR REPLACE TEMP VIEW {stage_final} AS
SELECT s.* FROM {stage_rows} s SEMI JOIN (SELECT seq FROM {stage_outcome} WHERE is_final) o ON o.seq = s.seq;

CREATE OR REPLACE TEMP VIEW {stage_replaced} AS
SELECT t.* FROM {table} t
SEMI JOIN (SELECT row_key FROM {stage_outcome} WHERE is_final AND stored_hash IS NOT NULL) o ON o.row_key = t.row_key;
