-- Last part of a rebuild: the class tables from rebuild_classes and rebuild_records, as ContributionClasses.sql
-- computes them, grouped by the small class number and joined to the class only at the end.
INSERT INTO indicator_class_registered
SELECT home_region, first_m, end_m, n FROM rebuild_classes;

-- Per person and year, the first month with hours: active from then on in that year.
INSERT INTO indicator_class_active
SELECT c.home_region, c.first_m, c.end_m, a.y, a.a_m, a.n
FROM (SELECT cls, y, a_m, count(*) AS n
      FROM (SELECT pid, cls, s_m // 12 AS y, min(s_m) AS a_m FROM rebuild_records WHERE pid IS NOT NULL GROUP BY ALL)
      GROUP BY ALL) a
JOIN rebuild_classes c USING (cls);

INSERT INTO indicator_class_hours
SELECT c.home_region, c.first_m, c.end_m, h.s_m, h.units
FROM (SELECT cls, s_m, sum(hours_units)::HUGEINT AS units FROM rebuild_records WHERE pid IS NOT NULL GROUP BY ALL) h
JOIN rebuild_classes c USING (cls);
