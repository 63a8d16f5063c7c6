SELECT DISTINCT city, country FROM ShipEvent ORDER BY country, city LIMIT 10 OFFSET 5;

-- Ordering by an expression that is not selected adds a hidden column, projected away after the sort.
SELECT trackingNumber, city FROM ShipEvent ORDER BY occurredAt DESC, UPPER(city) LIMIT 3;

SELECT city AS place, COUNT(*) AS n FROM ShipEvent GROUP BY city ORDER BY 2 DESC, place;
