-- fail: line 2, column 46: Ordinal 3 in ORDER BY is out of range: the SELECT list has 2 items
SELECT city, country FROM ShipEvent ORDER BY 3;
