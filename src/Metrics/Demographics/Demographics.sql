-- Who the volunteers are at $d (the last day of the month): every person of CONTRACT §5's P, by home region and by
-- the attributes of the registration that makes them a person of that region — the earliest (tie: the smallest
-- volunteer_id), exactly as the indicators pick the home region — and whether they are active (a matched record dated
-- in [$y0, $d]: the records of a registration's volunteer_id, and those counted by ID number when no registration has
-- their volunteer_id, as Indicators/ContributingRecords.sql). One row per (home region, dimension, value); a value
-- that is missing or blank is '' (shown as 未填写). Service category is the category of the person's most hours in the
-- window ('\u0001none' for a person without any), so that every dimension sums to the same registered and active.
WITH persons AS (
    SELECT person_key,
           arg_min(struct_pack(region_code := region_code, gender := gender, birth_date := birth_date,
                               political_status := political_status, organization := organization),
                   (registered_at, volunteer_id)) AS first_reg,
           min(registered_at) AS first_at,
           max(CASE WHEN is_cancelled THEN coalesce(cancelled_at, DATE '0001-01-01') ELSE DATE 'infinity' END) AS end_at
    FROM registrations
    GROUP BY person_key
),
p AS (
    SELECT person_key, first_reg.region_code AS home_region, first_reg.gender AS gender, first_reg.birth_date AS birth_date,
           first_reg.political_status AS political_status, first_reg.organization AS organization
    FROM persons
    WHERE first_at <= $d AND end_at > $d
),
id_owner AS (
    SELECT DISTINCT id_hash, person_key FROM registrations WHERE id_hash IS NOT NULL
),
recs AS (
    SELECT r.person_key, s.category, s.hours_units
    FROM service_records s JOIN registrations r ON r.volunteer_id = s.volunteer_id
    WHERE s.service_date BETWEEN $y0 AND $d
    UNION ALL
    SELECT o.person_key, s.category, s.hours_units
    FROM (SELECT * FROM service_records s ANTI JOIN registrations r ON r.volunteer_id = s.volunteer_id
          WHERE s.id_hash IS NOT NULL AND s.service_date BETWEEN $y0 AND $d) s
    JOIN id_owner o ON o.id_hash = s.id_hash
),
by_category AS (
    SELECT person_key, coalesce(trim(category), '') AS category, sum(hours_units) AS units
    FROM recs GROUP BY ALL
),
main_category AS (
    SELECT person_key, first(category ORDER BY units DESC, category) AS category
    FROM by_category GROUP BY person_key
),
described AS (
    SELECT p.home_region,
           m.person_key IS NOT NULL AS active,
           CASE WHEN lower(trim(p.gender)) IN ('男', '男性', 'm', 'male') THEN '男'
                WHEN lower(trim(p.gender)) IN ('女', '女性', 'f', 'female') THEN '女'
                ELSE coalesce(trim(p.gender), '') END AS gender,
           CASE WHEN a.age IS NULL OR a.age < 0 OR a.age > 120 THEN ''
                WHEN a.age < 18 THEN '0-17' WHEN a.age <= 35 THEN '18-35' WHEN a.age <= 45 THEN '36-45'
                WHEN a.age <= 59 THEN '46-59' ELSE '60+' END AS age,
           coalesce(trim(p.political_status), '') AS political,
           coalesce(trim(p.organization), '') AS organization,
           coalesce(m.category, chr(1) || 'none') AS category
    FROM p
    LEFT JOIN main_category m USING (person_key)
    CROSS JOIN LATERAL (
        SELECT date_diff('year', try_cast(p.birth_date AS DATE), $d::DATE)
               - CASE WHEN strftime(try_cast(p.birth_date AS DATE), '%m-%d') > strftime($d::DATE, '%m-%d') THEN 1 ELSE 0 END AS age
    ) a
)
SELECT home_region, dimension, value, count(*) AS registered, count(*) FILTER (WHERE active) AS active
FROM (UNPIVOT described ON age, gender, political, organization, category INTO NAME dimension VALUE value)
GROUP BY ALL
