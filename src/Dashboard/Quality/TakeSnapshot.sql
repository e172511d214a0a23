INSERT INTO quality_snapshots (taken_at, measure, kind, reason, rows)
SELECT $taken_at, 'rejected', kind, reason, count(*)
FROM rejects
GROUP BY kind, reason
ORDER BY kind, reason;
