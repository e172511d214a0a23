-- The certain cases, for records dated in [$from, $to] (home is the person's home region, to filter by):
-- volunteer-days of more than 24 hours, and service dated before the person registered. The days over 24 hours are
-- found on numbers alone; only their records' ids are then written out.
WITH {records},
win AS (SELECT * FROM recs WHERE service_date >= $from),
over AS (SELECT pk, service_date FROM win GROUP BY pk, service_date HAVING sum(hours_units) > 24 * 3600000000)
SELECT 'over_24h' AS kind, min(r.volunteer_id) AS volunteer_id, r.service_date, count(*) AS records, sum(r.hours_units) AS units,
       string_agg(DISTINCT r.org, '、' ORDER BY r.org) AS orgs, string_agg({rid}, ';' ORDER BY {rid}) AS ids, NULL::DATE AS registered_at,
       any_value(r.home) AS home
FROM win r SEMI JOIN over o ON o.pk = r.pk AND o.service_date = r.service_date
GROUP BY r.pk, r.service_date
UNION ALL
SELECT 'before_registration', min(r.volunteer_id), min(r.service_date), count(*), sum(r.hours_units),
       string_agg(DISTINCT r.org, '、' ORDER BY r.org), string_agg({rid}, ';' ORDER BY {rid}), min(r.registered_at),
       any_value(r.home)
FROM win r
WHERE r.service_date < r.registered_at
GROUP BY r.pk
