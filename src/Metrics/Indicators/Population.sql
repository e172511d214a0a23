-- population(R, Y): the row for year Y, else the latest earlier year.
SELECT region_code, arg_max(population, year) AS population
FROM population
WHERE year <= $year
GROUP BY region_code
