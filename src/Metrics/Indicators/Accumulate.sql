-- Adds ($sign = 1) or subtracts ($sign = -1) the contributions in contrib_registered, contrib_active and
-- contrib_hours to the class tables, touching only the classes they name; a class whose count falls to zero is
-- removed.
CREATE OR REPLACE TEMP TABLE acc_registered AS
SELECT home_region, first_m, end_m, sum(n)::BIGINT AS n
FROM (SELECT c.* FROM indicator_class_registered c SEMI JOIN contrib_registered d USING (home_region, first_m, end_m)
      UNION ALL
      SELECT home_region, first_m, end_m, $sign * n FROM contrib_registered)
GROUP BY ALL;

DELETE FROM indicator_class_registered c USING contrib_registered d
WHERE c.home_region = d.home_region AND c.first_m = d.first_m AND c.end_m = d.end_m;

INSERT INTO indicator_class_registered SELECT * FROM acc_registered WHERE n <> 0;

CREATE OR REPLACE TEMP TABLE acc_active AS
SELECT home_region, first_m, end_m, y, a_m, sum(n)::BIGINT AS n
FROM (SELECT c.* FROM indicator_class_active c SEMI JOIN contrib_active d USING (home_region, first_m, end_m, y, a_m)
      UNION ALL
      SELECT home_region, first_m, end_m, y, a_m, $sign * n FROM contrib_active)
GROUP BY ALL;

DELETE FROM indicator_class_active c USING contrib_active d
WHERE c.home_region = d.home_region AND c.first_m = d.first_m AND c.end_m = d.end_m AND c.y = d.y AND c.a_m = d.a_m;

INSERT INTO indicator_class_active SELECT * FROM acc_active WHERE n <> 0;

CREATE OR REPLACE TEMP TABLE acc_hours AS
SELECT home_region, first_m, end_m, s_m, sum(units)::HUGEINT AS units
FROM (SELECT c.* FROM indicator_class_hours c SEMI JOIN contrib_hours d USING (home_region, first_m, end_m, s_m)
      UNION ALL
      SELECT home_region, first_m, end_m, s_m, $sign * units FROM contrib_hours)
GROUP BY ALL;

DELETE FROM indicator_class_hours c USING contrib_hours d
WHERE c.home_region = d.home_region AND c.first_m = d.first_m AND c.end_m = d.end_m AND c.s_m = d.s_m;

INSERT INTO indicator_class_hours SELECT * FROM acc_hours WHERE units <> 0;

DROP TABLE acc_registered;

DROP TABLE acc_active;

DROP TABLE acc_hours;

DROP TABLE contrib_registered;

DROP TABLE contrib_active;

DROP TABLE contrib_hours;
