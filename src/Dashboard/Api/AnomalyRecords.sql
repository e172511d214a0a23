-- Home region and hours of every service record in [$hist_from, $to], by the id a flag lists (rid). The fragment of
-- Metrics' Anomalies/Records.sql is put in after WITH, so a record is judged by the same person and home as the flags.
WITH {records}
SELECT rid, home, hours_units FROM recs
