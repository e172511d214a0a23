DELETE FROM {table} WHERE row_key IN (SELECT row_key FROM stage_final);

INSERT INTO {table} ({columns}, file_id)
SELECT {columns}, $file_id FROM stage_final;

INSERT INTO rejects (file_id, line, kind, reason, raw)
SELECT $file_id, line, $kind, reason, raw FROM stage_rejects ORDER BY line;

DROP TABLE stage_rows;

DROP TABLE stage_rejects;

DROP TABLE stage_outcome;

DROP TABLE stage_final;
