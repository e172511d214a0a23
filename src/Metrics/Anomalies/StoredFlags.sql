-- The stored flags of year $y, most suspicious first (the order of AnomalyService.Find).
SELECT kind, score, organization, volunteer_id, service_date, records, hours, reason, record_ids
FROM anomaly_flags
WHERE year = $y
ORDER BY score DESC, service_date, kind, coalesce(organization, volunteer_id);
