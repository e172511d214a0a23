-- Home region and hours of every service record in [$hist_from, $to], by the id a flag lists (rid). The fragments of
-- Metrics' Anomalies/Records.sql and RecordId.sql are put in by AnomalyService.WithRecords, so a record is judged by
-- the same person, home and id as the flags.
WITH {records}
SELECT {rid} AS rid, home, hours_units FROM recs r
