DELETE FROM {table} WHERE row_key IN (SELECT row_key FROM stage_outcome WHERE is_final AND stored_hash IS NOT NULL);

-- Through stage_final (a semi join on seq): with a join on stage_outcome in its place, the apply of the 10M-row
-- bench file took 34.7 s instead of 20.4 s (bench/README.md).
INSERT INTO {table} ({columns}, file_id)
SELECT {stored_values}, $file_id
FROM stage_final s;

INSERT INTO rejects (file_id, line, kind, reason, raw)
SELECT $file_id, line, $kind, reason, raw FROM stage_rejects ORDER BY line;

DROP VIEW stage_final;

DROP VIEW stage_replaced;

DROP TABLE stage_rows;

DROP TABLE stage_rejects;

DROP TABLE stage_outcome;
