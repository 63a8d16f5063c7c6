EXPLAIN SELECT city, COUNT(*) AS n FROM ShipEvent WHERE country = 'NO' GROUP BY city;
