-- Service records dated in [$hist_from, $to] with the person they belong to (CONTRACT §3: by volunteer_id, else by
-- ID number), the person's registration date and home region. A fragment: the queries of this folder start from it.
-- The person is pk = hash(person_key), a number: a city-year's records are grouped and joined by person several
-- times, and 66-character keys made that the larger part of the work (two persons sharing a 64-bit hash, about one
-- chance in 10^8 for a million persons, would only merge their two counts of days served).
-- The record's id as people read it is not made here but by RecordId.sql, only for the records a flag lists:
-- made for every record of a city-year, those strings alone outgrew the database's memory limit.
persons AS (
    SELECT person_key, hash(person_key) AS pid, min(registered_at) AS registered_at,
           arg_min(region_code, (registered_at, volunteer_id)) AS home
    FROM registrations GROUP BY person_key
),
by_volunteer AS (
    SELECT v.volunteer_id, p.pid, p.registered_at, p.home
    FROM (SELECT volunteer_id, any_value(person_key) AS person_key FROM registrations GROUP BY volunteer_id) v JOIN persons p USING (person_key)
),
by_id AS (
    SELECT i.id_hash, p.pid, p.registered_at, p.home
    FROM (SELECT id_hash, any_value(person_key) AS person_key FROM registrations WHERE id_hash IS NOT NULL GROUP BY id_hash) i JOIN persons p USING (person_key)
),
recs AS (
    SELECT s.record_id, s.project_id, s.id_hash, s.volunteer_id, s.service_date, s.hours_units,
           -- the organization that entered the hours; exports without one are judged by project
           coalesce(nullif(trim(s.organization), ''), nullif(trim(s.project_name), ''), nullif(trim(s.project_id), '')) AS org,
           coalesce(v.pid, i.pid, hash(coalesce('v:' || s.volunteer_id, 'h:' || s.id_hash))) AS pk,
           coalesce(v.registered_at, i.registered_at) AS registered_at, coalesce(v.home, i.home) AS home
    FROM service_records s
    LEFT JOIN by_volunteer v ON v.volunteer_id = s.volunteer_id
    LEFT JOIN by_id i ON v.pid IS NULL AND i.id_hash = s.id_hash
    WHERE s.service_date BETWEEN $hist_from AND $to
)
