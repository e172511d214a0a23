-- Months the monthly table covers: from January of the first year with service records (or of the latest
-- registration when there are none) to the latest month of any record or registration.
SELECT
    12 * least(coalesce((SELECT min(year(service_date)) FROM service_records), 9999),
               coalesce((SELECT max(year(registered_at)) FROM registrations), 9999)) AS first_month,
    greatest(coalesce((SELECT max(year(service_date) * 12 + month(service_date) - 1) FROM service_records), -1),
             coalesce((SELECT max(year(registered_at) * 12 + month(registered_at) - 1) FROM registrations), -1)) AS last_month
