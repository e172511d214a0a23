-- Stored service records whose volunteer is not (yet) registered (CONTRACT §3).
SELECT count(*)
FROM service_records s
WHERE NOT (s.volunteer_id IN (SELECT volunteer_id FROM registrations)
           OR s.id_hash IN (SELECT id_hash FROM registrations WHERE id_hash IS NOT NULL))
