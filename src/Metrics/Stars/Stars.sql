-- Cumulative valid hours up to $d of every person in P at $d (registered, not cancelled), with this year's
-- hours, home region, masked name and organization of their earliest registration.
WITH reg AS (
    SELECT person_key, volunteer_id, registered_at, region_code, name_masked, organization,
           CASE WHEN is_cancelled THEN coalesce(cancelled_at, DATE '0001-01-01') END AS cancel_from
    FROM registrations
),
persons AS (
    SELECT person_key,
           first(region_code ORDER BY registered_at, volunteer_id) AS home_region,
           first(name_masked ORDER BY registered_at, volunteer_id) AS name_masked,
           first(organization ORDER BY registered_at, volunteer_id) AS organization,
           min(registered_at) AS registered_at,
           CASE WHEN bool_and(cancel_from IS NOT NULL) THEN max(cancel_from) END AS cancel_from
    FROM reg GROUP BY person_key
),
id_owner AS (SELECT DISTINCT id_hash, person_key FROM registrations WHERE id_hash IS NOT NULL),
rec AS (
    SELECT coalesce(rv.person_key, ro.person_key) AS person_key, s.service_date, s.hours_units, s.organization, s.project_name, s.project_id
    FROM service_records s
    LEFT JOIN registrations rv ON rv.volunteer_id = s.volunteer_id
    LEFT JOIN id_owner ro ON ro.id_hash = s.id_hash
    WHERE coalesce(rv.person_key, ro.person_key) IS NOT NULL AND s.service_date <= $d
)
SELECT p.person_key, p.home_region, p.name_masked, p.organization,
       sum(r.hours_units)::HUGEINT AS cumulative_units,
       coalesce(sum(r.hours_units) FILTER (WHERE year(r.service_date) = year($d::DATE)), 0)::HUGEINT AS year_units
FROM persons p
JOIN rec r USING (person_key)
WHERE p.registered_at <= $d AND (p.cancel_from IS NULL OR p.cancel_from > $d)
GROUP BY ALL
