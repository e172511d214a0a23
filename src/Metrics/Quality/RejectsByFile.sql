SELECT f.name, r.kind, r.reason, count(*) AS rows
FROM rejects r
JOIN files f USING (file_id)
GROUP BY r.file_id, f.name, r.kind, r.reason
ORDER BY r.file_id, r.reason
