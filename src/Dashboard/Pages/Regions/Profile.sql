-- Who the volunteers are at $d: persons in P (registered by $d, not cancelled at $d; a person with several
-- registrations is cancelled only when all are), by home region and one attribute of their earliest registration,
-- registered and active (valid matched hours in [$y0, $d]) — the same P and the same hours as the indicators.
-- Service category counts the active persons with hours in that category (a person may count in several).
WITH reg AS (
    SELECT person_key, volunteer_id, registered_at, region_code, gender, birth_date, political_status, organization,
           CASE WHEN is_cancelled THEN coalesce(cancelled_at, DATE '0001-01-01') END AS cancel_from
    FROM registrations
),
persons AS (
    SELECT person_key,
           first(region_code ORDER BY registered_at, volunteer_id) AS home_region,
           first(gender ORDER BY registered_at, volunteer_id) AS gender,
           first(birth_date ORDER BY registered_at, volunteer_id) AS birth_date,
           first(political_status ORDER BY registered_at, volunteer_id) AS political_status,
           first(organization ORDER BY registered_at, volunteer_id) AS organization,
           min(registered_at) AS registered_at,
           CASE WHEN bool_and(cancel_from IS NOT NULL) THEN max(cancel_from) END AS cancel_from
    FROM reg GROUP BY person_key
),
id_owner AS (SELECT DISTINCT id_hash, person_key FROM registrations WHERE id_hash IS NOT NULL),
rec AS (
    SELECT coalesce(rv.person_key, ro.person_key) AS person_key, s.category, s.hours_units
    FROM service_records s
    LEFT JOIN registrations rv ON rv.volunteer_id = s.volunteer_id
    LEFT JOIN id_owner ro ON ro.id_hash = s.id_hash
    WHERE coalesce(rv.person_key, ro.person_key) IS NOT NULL AND s.service_date BETWEEN $y0 AND $d
),
hours AS (SELECT person_key, sum(hours_units) AS units FROM rec GROUP BY person_key),
p AS (
    SELECT p.*, coalesce(h.units, 0) > 0 AS active,
           date_diff('year', try_cast(p.birth_date AS DATE), $d::DATE)
             - CASE WHEN strftime(try_cast(p.birth_date AS DATE), '%m-%d') > strftime($d::DATE, '%m-%d') THEN 1 ELSE 0 END AS age
    FROM persons p LEFT JOIN hours h USING (person_key)
    WHERE p.registered_at <= $d AND (p.cancel_from IS NULL OR p.cancel_from > $d)
)
SELECT home_region, 'gender' AS dim, coalesce(nullif(trim(gender), ''), '') AS value, count(*) AS registered, count(*) FILTER (WHERE active) AS active
FROM p GROUP BY ALL
UNION ALL
SELECT home_region, 'age', CASE WHEN age IS NULL THEN '' WHEN age < 18 THEN '0' WHEN age <= 35 THEN '1' WHEN age <= 45 THEN '2'
                               WHEN age <= 60 THEN '3' ELSE '4' END, count(*), count(*) FILTER (WHERE active)
FROM p GROUP BY ALL
UNION ALL
SELECT home_region, 'political', coalesce(nullif(trim(political_status), ''), ''), count(*), count(*) FILTER (WHERE active)
FROM p GROUP BY ALL
UNION ALL
SELECT home_region, 'organization', coalesce(nullif(trim(organization), ''), ''), count(*), count(*) FILTER (WHERE active)
FROM p GROUP BY ALL
UNION ALL
SELECT p.home_region, 'category', coalesce(nullif(trim(r.category), ''), ''), 0, count(DISTINCT p.person_key)
FROM p JOIN rec r USING (person_key)
WHERE p.active AND r.hours_units > 0
GROUP BY ALL
