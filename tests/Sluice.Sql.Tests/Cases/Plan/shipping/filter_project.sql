SELECT trackingNumber, UPPER(city) AS city, currentStopId + 1 AS nextStop
FROM ShipEvent
WHERE eventCode = 'DL' AND country IN ('NO', 'PE') AND 1 = 1;
