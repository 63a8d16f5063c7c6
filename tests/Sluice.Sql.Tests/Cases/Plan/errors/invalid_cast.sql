-- fail: line 2, column 8: Cannot cast BOOLEAN to DATE
SELECT CAST(TRUE AS DATE) FROM ShipEvent;
