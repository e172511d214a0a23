SELECT region_code, registered, active, total_units
FROM monthly_indicators
WHERE year = $year AND month = $month
