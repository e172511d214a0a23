-- First part of a rebuild of the class tables from the raw rows (see IndicatorClasses.Rebuild): every person as
-- ContributingPersons.sql defines them, their classes numbered (cls), and for every registration the person (pid)
-- and class its volunteer_id's records count for. What ContributingRecords.sql does with 64-character person keys
-- is done here on integers: pid is the hash of the person key, and rebuild_owners holds one row per registration
-- exactly when no two persons share a pid (the caller checks; on 1M persons the string join cost ~0.3 s more).
-- The end month is taken from one aggregate: the latest cancellation date, or infinity when a registration is not
-- cancelled (bool_and and max apart cost 0.1-0.2 s more on 1M registrations). The home region is first taken from
-- an earliest registration, and settled below for persons registered more than once: arg_min over registered_at
-- and volunteer_id for everyone cost 0.1-0.15 s more on 1M persons registered once each.
CREATE OR REPLACE TEMP TABLE rebuild_persons AS
SELECT pid, registrations, home_region,
       year(first_at) * 12 + month(first_at) - 1 AS first_m,
       CASE WHEN end_at = DATE 'infinity' THEN 2147483647 ELSE year(end_at) * 12 + month(end_at) - 1 END AS end_m
FROM (SELECT {person_id} AS pid,
             count(*) AS registrations,
             arg_min(region_code, registered_at) AS home_region,
             min(registered_at) AS first_at,
             max(CASE WHEN is_cancelled THEN coalesce(cancelled_at, DATE '0001-01-01') ELSE DATE 'infinity' END) AS end_at
      FROM registrations
      GROUP BY person_key);

-- Several registrations: the earliest, on a tie the smallest volunteer_id (as ContributingPersons.sql).
UPDATE rebuild_persons p SET home_region = t.home_region
FROM (SELECT {person_id} AS pid, arg_min(r.region_code, (r.registered_at, r.volunteer_id)) AS home_region
      FROM registrations r SEMI JOIN (SELECT pid FROM rebuild_persons WHERE registrations > 1) m ON m.pid = {person_id}
      GROUP BY ALL) t
WHERE p.pid = t.pid;

CREATE OR REPLACE TEMP TABLE rebuild_classes AS
SELECT row_number() OVER () AS cls, home_region, first_m, end_m, count(*) AS n
FROM rebuild_persons
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE rebuild_pids AS
SELECT p.pid, c.cls
FROM rebuild_persons p JOIN rebuild_classes c USING (home_region, first_m, end_m);

DROP TABLE rebuild_persons;

CREATE OR REPLACE TEMP TABLE rebuild_owners AS
SELECT r.volunteer_id, p.pid, p.cls
FROM registrations r JOIN rebuild_pids p ON p.pid = {person_id};
