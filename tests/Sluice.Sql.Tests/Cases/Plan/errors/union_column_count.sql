-- fail: line 4, column 1: Column count mismatch in UNION: the left side has 1 columns, the right side 2
SELECT city FROM ShipEvent
UNION ALL
SELECT city, country FROM ShipEvent;
