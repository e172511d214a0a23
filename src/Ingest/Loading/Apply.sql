DELETE FROM {table} WHERE row_key IN (SELECT row_key FROM stage_outcome WHERE is_final AND stored_hash IS NOT NULL);

INSERT INTO {table} ({columns}, file_id)
SELECT {staged_columns}, $file_id
FROM stage_rows s
SEMI JOIN (SELECT seq FROM stage_outcome WHERE is_final) o ON o.seq = s.seq;

INSERT INTO rejects (file_id, line, kind, reason, raw)
SELECT $file_id, line, $kind, reason, raw FROM stage_rejects ORDER BY line;

DROP TABLE stage_rows;

DROP TABLE stage_rejects;

DROP TABLE stage_outcome;
