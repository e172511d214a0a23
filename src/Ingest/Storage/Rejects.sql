SELECT f.name, r.line, r.kind, r.reason, r.raw
FROM rejects r
JOIN files f USING (file_id)
ORDER BY r.file_id, r.line
