-- fail: line 2, column 34: Aggregate functions are not allowed in WHERE
SELECT city FROM ShipEvent WHERE COUNT(*) > 1 GROUP BY city;
