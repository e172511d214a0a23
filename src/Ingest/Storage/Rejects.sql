SELECT f.name, r.line, r.kind, r.reason, r.raw, coalesce(r.field, '') AS field, coalesce(r.sheet, '') AS sheet
FROM rejects r
JOIN files f USING (file_id)
ORDER BY r.file_id, r.seq NULLS LAST, r.line
