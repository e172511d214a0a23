-- Rows found stored unchanged whose key the file also stages in another version: staged after all, from the stored
-- row (the same values), so that the merge orders the key's versions as if the row had been judged
-- (FileIngestor.ResolveStoredRows fills stage_stored_again with their seq, line and content hash).
INSERT INTO {stage_rows}
SELECT a.seq, {staged_value_columns}, a.line
FROM stage_stored_again a JOIN {table} t ON t.content_hash = a.content_hash;

DROP TABLE stage_stored_again;
