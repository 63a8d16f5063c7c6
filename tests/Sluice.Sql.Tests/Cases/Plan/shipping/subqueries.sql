-- IN and EXISTS become semi joins; NOT IN a null-aware anti join; a scalar subquery a left join with its single value.
SELECT trackingNumber, city FROM ShipEvent
WHERE trackingNumber IN (SELECT trackingNumber FROM ShipRoute WHERE endStopId > 10);

SELECT trackingNumber FROM ShipEvent
WHERE trackingNumber NOT IN (SELECT trackingNumber FROM ShipRoute);

SELECT e.trackingNumber FROM ShipEvent AS e
WHERE e.eventCode = 'DL'
  AND EXISTS (SELECT 1 FROM ShipRoute AS r WHERE r.trackingNumber = e.trackingNumber AND r.endStopId = e.currentStopId);

SELECT e.trackingNumber FROM ShipEvent AS e
WHERE NOT EXISTS (SELECT * FROM ShipRoute AS r WHERE r.trackingNumber = e.trackingNumber);

SELECT trackingNumber, currentStopId, (SELECT MAX(endStopId) FROM ShipRoute) AS maxStop FROM ShipEvent;
