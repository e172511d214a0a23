-- registered, active and total service time (hours units) for every region and every month index m in
-- [$m_from, $m_to] (m = year * 12 + month - 1), exactly as CONTRACT §5 defines them at D = last day of m, from the
-- class tables {registered}, {active}, {hours} (see Storage/Schema/0004_indicator_classes.sql): the work grows with
-- classes × months, not with people or records.
WITH RECURSIVE
months AS (
    SELECT unnest(range($m_from::BIGINT, $m_to::BIGINT + 1)) AS m
),
hm_reg AS (
    SELECT home_region, m, sum(n) AS registered
    FROM {registered} JOIN months ON first_m <= m AND m < end_m
    GROUP BY ALL
),
hm_act AS (
    SELECT home_region, m, sum(n) AS active
    FROM {active} JOIN months ON y = m // 12 AND a_m <= m AND first_m <= m AND m < end_m
    GROUP BY ALL
),
hm_hrs AS (
    -- Hours count from the month of service to the end of its year.
    SELECT home_region, m, sum(units) AS units
    FROM {hours} JOIN months ON s_m <= m AND m <= (s_m // 12) * 12 + 11 AND first_m <= m AND m < end_m
    GROUP BY ALL
),
home_month AS (
    SELECT r.home_region, r.m, r.registered, coalesce(a.active, 0) AS active, coalesce(h.units, 0) AS units
    FROM hm_reg r
    LEFT JOIN hm_act a USING (home_region, m)
    LEFT JOIN hm_hrs h USING (home_region, m)
),
tree AS (
    -- Each home region with itself and every ancestor: the parent from the regions file, else by the code (§2).
    SELECT code, code AS ancestor, 0 AS depth FROM (SELECT DISTINCT home_region AS code FROM {registered})
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
