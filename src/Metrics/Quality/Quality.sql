-- The data-quality report: one row per finding, (check, subject, count, example). Examples carry no ID numbers.
SELECT 'rejects' AS check_name, f.name || ' / ' || r.reason AS subject, count(*) AS n,
       'line ' || min(r.line)::VARCHAR AS example
FROM rejects r JOIN files f USING (file_id)
GROUP BY f.file_id, f.name, r.reason

UNION ALL
SELECT 'unmatched_records', coalesce(s.volunteer_id, '(ID number only)'), count(*),
       'first on ' || min(s.service_date)::VARCHAR
FROM service_records s
WHERE NOT EXISTS (SELECT 1 FROM registrations r WHERE r.volunteer_id = s.volunteer_id)
  AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.id_hash = s.id_hash)
GROUP BY ALL

UNION ALL
SELECT 'regions_without_population', code, 1, name
FROM regions
WHERE code NOT IN (SELECT region_code FROM population WHERE population > 0)

UNION ALL
SELECT 'codes_not_in_regions', region_code, count(*), 'volunteer ' || min(volunteer_id)
FROM registrations
WHERE region_code NOT IN (SELECT code FROM regions)
GROUP BY region_code

UNION ALL
SELECT 'id_check_digit_wrong', region_code, count(*), 'volunteer ' || min(volunteer_id)
FROM registrations
WHERE id_checksum_ok = FALSE
GROUP BY region_code

UNION ALL
SELECT 'volunteer_days_over_24h', person_key_label, count(*), 'on ' || min(service_date)::VARCHAR || ': ' || round(max(units) / 3600000000.0, 2)::VARCHAR || ' h'
FROM (
    SELECT coalesce(s.volunteer_id, 'ID …' || right(s.id_hash, 6)) AS person_key_label, s.service_date, sum(s.hours_units) AS units
    FROM service_records s
    GROUP BY ALL
    HAVING sum(s.hours_units) > 24 * 3600000000
)
GROUP BY person_key_label

UNION ALL
SELECT 'records_before_registration', s.volunteer_id, count(*), 'service ' || min(s.service_date)::VARCHAR || ', registered ' || min(r.registered_at)::VARCHAR
FROM service_records s JOIN registrations r ON r.volunteer_id = s.volunteer_id
WHERE s.service_date < r.registered_at
GROUP BY s.volunteer_id

ORDER BY 1, 3 DESC, 2
