-- fail: line 2, column 38: An OVER window of an aggregate must be ordered by one time attribute
SELECT trackingNumber, COUNT(*) OVER (PARTITION BY city ORDER BY currentStopId) FROM ShipEvent;
