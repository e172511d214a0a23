-- Service records dated in [$hist_from, $to] with the person they belong to (CONTRACT §3: by volunteer_id, else by
-- ID number), the person's registration date and home region. A fragment: the queries of this folder start from it.
persons AS (
    SELECT person_key, min(registered_at) AS registered_at,
           arg_min(region_code, (registered_at, volunteer_id)) AS home
    FROM registrations GROUP BY person_key
),
by_volunteer AS (SELECT volunteer_id, any_value(person_key) AS person_key FROM registrations GROUP BY volunteer_id),
by_id AS (SELECT id_hash, any_value(person_key) AS person_key FROM registrations WHERE id_hash IS NOT NULL GROUP BY id_hash),
recs AS (
    SELECT s.row_key,
           -- record_id, else the record key of CONTRACT §1 as people read it: volunteer|project|date|hours
           coalesce(s.record_id, coalesce(s.volunteer_id, 'ID…' || right(s.id_hash, 6)) || '|' || coalesce(s.project_id, '') || '|'
               || strftime(s.service_date, '%Y-%m-%d') || '|' || rtrim(rtrim(printf('%.4f', s.hours_units / 3600000000.0), '0'), '.')) AS rid,
           s.volunteer_id, s.service_date, s.hours_units,
           -- the organization that entered the hours; exports without one are judged by project
           coalesce(nullif(trim(s.organization), ''), nullif(trim(s.project_name), ''), nullif(trim(s.project_id), '')) AS org,
           coalesce(v.person_key, i.person_key, 'v:' || s.volunteer_id, 'h:' || s.id_hash) AS pk,
           p.registered_at, p.home
    FROM service_records s
    LEFT JOIN by_volunteer v ON v.volunteer_id = s.volunteer_id
    LEFT JOIN by_id i ON v.person_key IS NULL AND i.id_hash = s.id_hash
    LEFT JOIN persons p ON p.person_key = coalesce(v.person_key, i.person_key)
    WHERE s.service_date BETWEEN $hist_from AND $to
)
