-- A record of `recs` (alias r) as people read it: its record_id, else the record key of CONTRACT §1,
-- volunteer|project|date|hours. An expression spliced in for {rid}.
coalesce(r.record_id, coalesce(r.volunteer_id, 'ID…' || right(r.id_hash, 6)) || '|' || coalesce(r.project_id, '') || '|'
    || strftime(r.service_date, '%Y-%m-%d') || '|' || rtrim(rtrim(printf('%.4f', r.hours_units / 3600000000.0), '0'), '.'))
