-- One row per organization and day in [$hist_from, $to] with the features the anomaly model reads: records,
-- volunteers, hours, the largest group entered with identical hours, which share of that group (and of the day)
-- served on no other day of that year (up to $to), which share registered in the 30 days before, the organization's trailing
-- median of records per active day over the year before.
WITH {records},
-- served on one day of that year at most (the cheap way to say count(DISTINCT service_date) <= 1)
days_served AS (SELECT pk, year(service_date) AS y, min(service_date) = max(service_date) AS inactive FROM recs GROUP BY ALL),
tagged AS (
    SELECT r.org, r.service_date, r.hours_units, r.pk, d.inactive,
           (r.registered_at IS NOT NULL AND r.service_date >= r.registered_at AND r.service_date - r.registered_at <= 30) AS recent
    FROM recs r JOIN days_served d ON d.pk = r.pk AND d.y = year(r.service_date)
    WHERE r.org IS NOT NULL
),
groups AS (
    SELECT org, service_date, hours_units, count(*) AS c, avg(inactive::INT) AS inactive_share, avg(recent::INT) AS recent_share
    FROM tagged GROUP BY ALL
),
modal AS (
    SELECT org, service_date, arg_max(hours_units, (c, hours_units)) AS modal_units, max(c) AS c,
           arg_max(inactive_share, (c, hours_units)) AS modal_inactive, arg_max(recent_share, (c, hours_units)) AS modal_recent
    FROM groups GROUP BY ALL
),
org_day AS (
    SELECT org, service_date, count(*) AS n, count(DISTINCT pk) AS v, sum(hours_units) AS units,
           avg(inactive::INT) AS inactive_share, avg(recent::INT) AS recent_share
    FROM tagged GROUP BY ALL
),
feat AS (
    SELECT o.*, m.modal_units, m.c, m.modal_inactive, m.modal_recent,
           median(o.n) OVER prior AS trailing_median,
           count(*) OVER prior AS prior_days
    FROM org_day o JOIN modal m USING (org, service_date)
    WINDOW prior AS (PARTITION BY o.org ORDER BY o.service_date RANGE BETWEEN INTERVAL 365 DAYS PRECEDING AND INTERVAL 1 DAY PRECEDING)
)
SELECT org, service_date, n, v, units, inactive_share, recent_share, modal_units, c, modal_inactive, modal_recent,
       coalesce(trailing_median, 0)::DOUBLE AS trailing_median, prior_days,
       service_date >= $from AS in_window
FROM feat
-- In a fixed order: the model is fitted on a sample of the days chosen by their position.
ORDER BY org, service_date
