-- fail: line 2, column 14: Expression 'country' is not being grouped
SELECT city, country, COUNT(*) FROM ShipEvent GROUP BY city;
