-- The certain cases, for records dated in [$from, $to] (home is the person's home region, to filter by):
-- volunteer-days of more than 24 hours, and service dated before the person registered.
WITH {records},
win AS (SELECT * FROM recs WHERE service_date >= $from)
SELECT 'over_24h' AS kind, min(volunteer_id) AS volunteer_id, service_date, count(*) AS records, sum(hours_units) AS units,
       string_agg(DISTINCT org, '、' ORDER BY org) AS orgs, string_agg(rid, ';' ORDER BY rid) AS ids, NULL::DATE AS registered_at,
       any_value(home) AS home
FROM win
GROUP BY pk, service_date
HAVING sum(hours_units) > 24 * 3600000000
UNION ALL
SELECT 'before_registration', min(volunteer_id), min(service_date), count(*), sum(hours_units),
       string_agg(DISTINCT org, '、' ORDER BY org), string_agg(rid, ';' ORDER BY rid), min(registered_at),
       any_value(home)
FROM win
WHERE service_date < registered_at
GROUP BY pk
