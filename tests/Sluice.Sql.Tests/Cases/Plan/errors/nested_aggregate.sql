-- fail: line 2, column 12: Aggregate function calls cannot be nested
SELECT SUM(COUNT(*)) FROM ShipEvent;
