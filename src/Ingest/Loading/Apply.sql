DELETE FROM {table} WHERE row_key IN (SELECT row_key FROM stage_outcome WHERE is_final AND stored_hash IS NOT NULL);

-- Joined to the outcome rather than read through stage_final: the stored values may read the loader's flags.
INSERT INTO {table} ({columns}, file_id)
SELECT {stored_values}, $file_id
FROM stage_rows s
JOIN stage_outcome o ON o.seq = s.seq
WHERE o.is_final;

INSERT INTO rejects (file_id, line, kind, reason, raw)
SELECT $file_id, line, $kind, reason, raw FROM stage_rejects ORDER BY line;

DROP VIEW stage_final;

DROP VIEW stage_replaced;

DROP TABLE stage_rows;

DROP TABLE stage_rejects;

DROP TABLE stage_outcome;
