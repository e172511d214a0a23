-- The records one organization-day flag concerns: that day's records of the organization, only those of the given
-- hours when $units > 0, with the home region of each record's person.
WITH {records}
SELECT rid, volunteer_id, home FROM recs
WHERE org = $org AND service_date = $day AND ($units = 0 OR hours_units = $units)
ORDER BY rid
