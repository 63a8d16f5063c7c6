WITH per_city AS (
  SELECT city, statusCode, currentStopId FROM ShipEvent WHERE currentStopId IS NOT NULL
)
SELECT city, statusCode, SUM(currentStopId) AS stops, GROUPING(city) AS g
FROM per_city
GROUP BY GROUPING SETS ((city, statusCode), (city), ())
ORDER BY city NULLS LAST
LIMIT 100;
