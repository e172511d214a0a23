-- Cumulative valid hours up to $d of every person in P at $d (registered, not cancelled), with this year's
-- hours, home region, masked name and organization of their earliest registration.
-- The records are summed per (volunteer_id, id_hash) first and only those sums are joined to their person
-- (CONTRACT §3: by volunteer_id, else by ID number): 2M records become ~300k sums before any join.
WITH persons AS (
    SELECT person_key,
           arg_min(region_code, (registered_at, volunteer_id)) AS home_region,
           arg_min(name_masked, (registered_at, volunteer_id)) AS name_masked,
           arg_min(organization, (registered_at, volunteer_id)) AS organization,
           min(registered_at) AS registered_at,
           CASE WHEN bool_and(is_cancelled) THEN max(coalesce(cancelled_at, DATE '0001-01-01')) END AS cancel_from
    FROM registrations GROUP BY person_key
),
id_owner AS (SELECT DISTINCT id_hash, person_key FROM registrations WHERE id_hash IS NOT NULL),
sums AS (
    SELECT volunteer_id, id_hash, sum(hours_units) AS units,
           sum(hours_units) FILTER (WHERE year(service_date) = year($d::DATE)) AS year_units
    FROM service_records
    WHERE service_date <= $d
    GROUP BY ALL
),
rec AS (
    SELECT coalesce(rv.person_key, ro.person_key) AS person_key, s.units, s.year_units
    FROM sums s
    LEFT JOIN registrations rv ON rv.volunteer_id = s.volunteer_id
    LEFT JOIN id_owner ro ON ro.id_hash = s.id_hash
    WHERE coalesce(rv.person_key, ro.person_key) IS NOT NULL
),
per_person AS (
    SELECT person_key, sum(units)::HUGEINT AS cumulative_units, coalesce(sum(year_units), 0)::HUGEINT AS year_units
    FROM rec GROUP BY person_key
)
SELECT p.person_key, p.home_region, p.name_masked, p.organization, r.cumulative_units, r.year_units
FROM persons p
JOIN per_person r USING (person_key)
WHERE p.registered_at <= $d AND (p.cancel_from IS NULL OR p.cancel_from > $d)
