-- The records flagged organization-days concern, with the home region of each record's person: {days} is a list of
-- parameter placeholders ($o0, $d0, $u0), … (organization, day, hours units; 0 units = every record of the day).
WITH {records},
days(org, service_date, units) AS (VALUES {days}),
hit AS (
    SELECT d.org, d.service_date, d.units, r.*
    FROM recs r JOIN days d ON r.org = d.org AND r.service_date = d.service_date AND (d.units = 0 OR r.hours_units = d.units)
)
SELECT r.org, r.service_date, r.units, {rid} AS rid, r.home
FROM hit r
ORDER BY 1, 2, 3, 4
