-- One hand-written query: registered, active and total hours of every region of one level for year $year through
-- month $month, straight from the raw tables (registrations, service_records, regions), written from CONTRACT §5
-- apart from the product's SQL. bench/indicators.sh times it beside `volstats indicators` and pandas.
WITH RECURSIVE
bounds AS (
    SELECT make_date($year, 1, 1) AS y0, last_day(make_date($year, $month, 1)) AS d
),
persons AS (
    -- Home region and registered_at from the earliest registration (ties: smallest volunteer_id); cancelled at D
    -- only when every registration is.
    SELECT person_key,
           arg_min(region_code, registered_at::VARCHAR || ' ' || volunteer_id) AS home,
           min(registered_at) AS registered_at,
           bool_and(is_cancelled AND coalesce(cancelled_at, DATE '0001-01-01') <= (SELECT d FROM bounds)) AS cancelled
    FROM registrations
    GROUP BY person_key
),
hours AS (
    -- A record is its volunteer_id's person's; when no registration has that volunteer_id, its ID number's.
    SELECT coalesce(r.person_key, 'h:' || s.id_hash) AS person_key, sum(s.hours_units) AS units
    FROM service_records s
    LEFT JOIN registrations r ON r.volunteer_id = s.volunteer_id
    WHERE s.service_date BETWEEN (SELECT y0 FROM bounds) AND (SELECT d FROM bounds)
    GROUP BY 1
),
p AS (
    SELECT p.home, coalesce(h.units, 0) AS units
    FROM persons p LEFT JOIN hours h USING (person_key)
    WHERE p.registered_at <= (SELECT d FROM bounds) AND NOT p.cancelled
),
up AS (
    -- Every home region with itself and its ancestors: the regions file's parent, else the code's own structure.
    SELECT DISTINCT home AS code, home AS ancestor, 0 AS depth FROM p
    UNION ALL
    SELECT up.code,
           coalesce(g.parent_code,
                    CASE WHEN length(up.ancestor) = 12 THEN up.ancestor[1:9]
                         WHEN length(up.ancestor) = 9 THEN up.ancestor[1:6]
                         WHEN up.ancestor[3:6] = '0000' THEN NULL
                         WHEN up.ancestor[5:6] = '00' THEN up.ancestor[1:2] || '0000'
                         ELSE up.ancestor[1:4] || '00' END),
           up.depth + 1
    FROM up LEFT JOIN regions g ON g.code = up.ancestor
    WHERE up.depth < 8 AND coalesce(g.parent_code,
                    CASE WHEN length(up.ancestor) = 12 THEN up.ancestor[1:9]
                         WHEN length(up.ancestor) = 9 THEN up.ancestor[1:6]
                         WHEN up.ancestor[3:6] = '0000' THEN NULL
                         WHEN up.ancestor[5:6] = '00' THEN up.ancestor[1:2] || '0000'
                         ELSE up.ancestor[1:4] || '00' END) IS NOT NULL
),
listed AS (
    SELECT code FROM regions
    WHERE CASE WHEN length(code) = 12 THEN 'community' WHEN length(code) = 9 THEN 'street'
               WHEN code[3:6] = '0000' THEN 'province' WHEN code[5:6] = '00' THEN 'city' ELSE 'district' END = $level
)
SELECT l.code AS region_code,
       count(p.home) AS registered,
       count(p.home) FILTER (WHERE p.units > 0) AS active,
       round(coalesce(sum(p.units), 0)::DECIMAL(38, 0) / 3600000000, 2) AS total_hours
FROM listed l
LEFT JOIN (SELECT DISTINCT code, ancestor FROM up) a ON a.ancestor = l.code
LEFT JOIN p ON p.home = a.code
GROUP BY l.code
ORDER BY l.code
