DELETE FROM {table} WHERE row_key IN (SELECT row_key FROM {stage_outcome} WHERE is_final AND stored_hash IS NOT NULL);

INSERT INTO {table} ({columns}, source_hash, file_id)
SELECT {staged_columns}, s.source_hash, $file_id
FROM {stage_final} s;

INSERT INTO rejects (file_id, line, kind, reason, raw, field, sheet, seq)
SELECT $file_id, line, $kind, reason, raw, field, sheet, seq FROM {stage_rejects} ORDER BY seq;

DROP VIEW {stage_final};

DROP VIEW {stage_replaced};

DROP TABLE {stage_rows};

DROP TABLE {stage_rejects};

DROP TABLE {stage_outcome};
