WITH per_city AS (
  SELECT city, statusCode, currentStopId FROM ShipEvent WHERE currentStopId IS NOT NULL
)
SELECT city, statusCode, SUM(currentStopId) AS stops, GROUPING(city) AS g
FROM per_city
GROUP BY GROUPING SETS ((city, statusCode), (city), ())
ORDER BY city NULLS LAST
LIMIT 100;

SELECT country, state, COUNT(*) AS events FROM ShipEvent GROUP BY ROLLUP (country, state);

SELECT country, carrierCode, COUNT(*) AS events FROM ShipEvent GROUP BY CUBE (country, carrierCode);
