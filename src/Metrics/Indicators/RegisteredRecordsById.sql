-- After a roster file is applied: records whose volunteer_id is now registered count by it, not by ID number.
DELETE FROM indicator_records_by_id b
WHERE EXISTS (SELECT 1 FROM registrations r WHERE r.volunteer_id = b.volunteer_id);
