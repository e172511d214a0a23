-- The stored suspicious-hours check of year $y (AnomalyStore.Load).
SELECT through, checked_at, data_version FROM anomaly_checks WHERE year = $y;
