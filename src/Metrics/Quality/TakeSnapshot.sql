-- The nightly quality snapshot: rejected rows by kind and reason, then one total per other check of the report
-- (QualityService.Snapshot inserts those), zeros included so that the trend has a point every night.
INSERT INTO quality_snapshots (taken_at, measure, kind, reason, rows)
SELECT $taken_at, 'rejected', kind, reason, count(*)
FROM rejects
GROUP BY kind, reason
ORDER BY kind, reason;
