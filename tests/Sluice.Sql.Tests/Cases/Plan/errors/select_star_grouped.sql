-- fail: line 2, column 8: Expression 'trackingNumber' is not being grouped
SELECT * FROM ShipEvent GROUP BY city;
