-- fail: line 2, column 80: An OVER window ordered by a column that is not a time attribute supports only ROWS or RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
SELECT trackingNumber, COUNT(*) OVER (PARTITION BY city ORDER BY currentStopId ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM ShipEvent;
