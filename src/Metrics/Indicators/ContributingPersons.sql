-- The persons of a set ({persons}: every person, or those listed in refresh_affected) as CONTRACT §5 counts them:
-- home region and registered_at from the earliest registration (tie: smallest volunteer_id); cancelled only when
-- every registration is, from the latest of their cancellation dates (none given: from the start). first_m and
-- end_m are month indexes (year * 12 + month - 1): in P at the end of month m  ⇔  first_m <= m < end_m.
-- pid, a small integer, keeps the joins that follow off the long person keys.
CREATE OR REPLACE TEMP TABLE contrib_persons AS
SELECT row_number() OVER () AS pid,
       person_key,
       first(region_code ORDER BY registered_at, volunteer_id) AS home_region,
       year(min(registered_at)) * 12 + month(min(registered_at)) - 1 AS first_m,
       CASE WHEN bool_and(is_cancelled)
            THEN year(max(coalesce(cancelled_at, DATE '0001-01-01'))) * 12
                 + month(max(coalesce(cancelled_at, DATE '0001-01-01'))) - 1
            ELSE 2147483647 END AS end_m
FROM registrations
WHERE {persons}
GROUP BY person_key;
