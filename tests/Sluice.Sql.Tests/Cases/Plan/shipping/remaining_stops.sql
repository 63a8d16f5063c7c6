-- Per package, the remaining stops of its latest event; packages without a route still appear.
SELECT e.trackingNumber, r.endStopId - e.currentStopId AS remainingStops
FROM (
  SELECT trackingNumber, currentStopId,
         ROW_NUMBER() OVER (PARTITION BY trackingNumber ORDER BY occurredAt DESC) AS rn
  FROM ShipEvent
) AS e
LEFT JOIN ShipRoute AS r ON e.trackingNumber = r.trackingNumber
WHERE e.rn = 1;
