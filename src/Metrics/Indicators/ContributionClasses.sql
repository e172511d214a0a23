-- What contrib_persons and their contrib_records add to the class tables: into contrib_registered,
-- contrib_active and contrib_hours.
CREATE OR REPLACE TEMP TABLE contrib_registered AS
SELECT home_region, first_m, end_m, count(*) AS n
FROM contrib_persons
GROUP BY ALL;

-- Per person and year, the first month with hours: active from then on in that year.
CREATE OR REPLACE TEMP TABLE contrib_active AS
SELECT p.home_region, p.first_m, p.end_m, r.y, r.a_m, count(*) AS n
FROM (SELECT pid, s_m // 12 AS y, min(s_m) AS a_m FROM contrib_records GROUP BY ALL) r
JOIN contrib_persons p USING (pid)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE contrib_hours AS
SELECT p.home_region, p.first_m, p.end_m, r.s_m, sum(r.hours_units)::HUGEINT AS units
FROM contrib_records r
JOIN contrib_persons p USING (pid)
GROUP BY ALL;
