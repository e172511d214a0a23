-- registered, active and total service time (hours units) for every region and every month index m in
-- [$m_from, $m_to] (m = year * 12 + month - 1), exactly as CONTRACT §5 defines them at D = last day of m.
-- Persons are grouped into (home region, first month, end month) classes first, so the work grows with
-- regions × months rather than with people × months.
WITH RECURSIVE
reg AS (
    SELECT person_key, volunteer_id, registered_at, region_code,
           CASE WHEN is_cancelled THEN coalesce(cancelled_at, DATE '0001-01-01') END AS cancel_from
    FROM registrations
),
persons AS MATERIALIZED (
    -- Home region and registered_at from the earliest registration (tie: smallest volunteer_id);
    -- cancelled only when every registration is, from the latest of their cancellation dates.
    -- pid, a small integer, keeps the big joins below off the long person keys.
    SELECT row_number() OVER () AS pid,
           person_key,
           first(region_code ORDER BY registered_at, volunteer_id) AS home_region,
           min(registered_at) AS registered_at,
           CASE WHEN bool_and(cancel_from IS NOT NULL) THEN max(cancel_from) END AS cancel_from
    FROM reg
    GROUP BY person_key
),
pm AS MATERIALIZED (
    -- In P at the end of month m  ⇔  first_m <= m < end_m.
    SELECT pid, home_region,
           year(registered_at) * 12 + month(registered_at) - 1 AS first_m,
           CASE WHEN cancel_from IS NULL THEN 2147483647
                ELSE year(cancel_from) * 12 + month(cancel_from) - 1 END AS end_m
    FROM persons
),
vid_owner AS (
    SELECT r.volunteer_id, p.pid FROM registrations r JOIN persons p USING (person_key)
),
id_owner AS (
    SELECT DISTINCT r.id_hash, p.pid FROM registrations r JOIN persons p USING (person_key) WHERE r.id_hash IS NOT NULL
),
rec AS (
    -- A record belongs to the person of its volunteer_id; its ID number counts only when that finds nobody.
    SELECT o.pid, year(s.service_date) * 12 + month(s.service_date) - 1 AS s_m, s.hours_units
    FROM service_records s JOIN vid_owner o ON o.volunteer_id = s.volunteer_id
    UNION ALL
    SELECT o.pid, year(s.service_date) * 12 + month(s.service_date) - 1 AS s_m, s.hours_units
    FROM (SELECT * FROM service_records x
          ANTI JOIN registrations r ON r.volunteer_id = x.volunteer_id
          WHERE x.id_hash IS NOT NULL) s
    JOIN id_owner o ON o.id_hash = s.id_hash
),
rec_pm AS MATERIALIZED (
    SELECT pm.home_region, pm.first_m, pm.end_m, rec.pid, rec.s_m, rec.hours_units
    FROM rec JOIN pm USING (pid)
),
months AS (
    SELECT unnest(range($m_from::BIGINT, $m_to::BIGINT + 1)) AS m
),
g_reg AS (
    SELECT home_region, first_m, end_m, count(*) AS n FROM pm GROUP BY ALL
),
g_act AS (
    -- Per person and year, the first month with hours: active from then on in that year.
    SELECT home_region, first_m, end_m, y, a_m, count(*) AS n
    FROM (SELECT home_region, first_m, end_m, pid, s_m // 12 AS y, min(s_m) AS a_m FROM rec_pm GROUP BY ALL)
    GROUP BY ALL
),
g_hrs AS (
    SELECT home_region, first_m, end_m, s_m, sum(hours_units) AS units
    FROM rec_pm
    GROUP BY ALL
),
hm_reg AS (
    SELECT home_region, m, sum(n) AS registered
    FROM g_reg JOIN months ON first_m <= m AND m < end_m
    GROUP BY ALL
),
hm_act AS (
    SELECT home_region, m, sum(n) AS active
    FROM g_act JOIN months ON y = m // 12 AND a_m <= m AND first_m <= m AND m < end_m
    GROUP BY ALL
),
hm_hrs AS (
    SELECT home_region, m, sum(units) AS units
    FROM g_hrs JOIN months ON s_m <= m AND m <= (s_m // 12) * 12 + 11 AND first_m <= m AND m < end_m
    GROUP BY ALL
),
home_month AS (
    SELECT r.home_region, r.m, r.registered, coalesce(a.active, 0) AS active, coalesce(h.units, 0) AS units
    FROM hm_reg r
    LEFT JOIN hm_act a USING (home_region, m)
    LEFT JOIN hm_hrs h USING (home_region, m)
),
codes AS (
    SELECT code FROM regions UNION SELECT DISTINCT region_code FROM registrations
),
tree AS (
    SELECT code, code AS ancestor, 0 AS depth FROM codes
    UNION ALL
    SELECT t.code, coalesce(r.parent_code, structural_parent(t.ancestor)), t.depth + 1
    FROM tree t
    LEFT JOIN regions r ON r.code = t.ancestor
    WHERE coalesce(r.parent_code, structural_parent(t.ancestor)) IS NOT NULL AND t.depth < 8
),
ancestors AS (
    SELECT DISTINCT code, ancestor FROM tree
)
SELECT a.ancestor AS region_code,
       (h.m // 12)::INTEGER AS year,
       (h.m % 12 + 1)::INTEGER AS month,
       sum(h.registered)::BIGINT AS registered,
       sum(h.active)::BIGINT AS active,
       sum(h.units)::HUGEINT AS total_units
FROM home_month h
JOIN ancestors a ON a.code = h.home_region
GROUP BY ALL
