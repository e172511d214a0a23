-- One flag of year $y; record_ids is a JSON array (AnomalyStore.Save).
INSERT INTO anomaly_flags VALUES ($y, $kind, $score, $org, $vid, $date, $records, $hours, $reason, $ids);
