-- Each event with the route that was valid when it happened (event-time temporal join).
SELECT e.trackingNumber, e.occurredAt, r.endStopId, r.endStopId - e.currentStopId AS remainingStops
FROM ShipEvent AS e
JOIN ShipRoute FOR SYSTEM_TIME AS OF e.occurredAt AS r
  ON e.trackingNumber = r.trackingNumber;

SELECT e.trackingNumber, r.routeId
FROM ShipEvent AS e
LEFT JOIN ShipRoute FOR SYSTEM_TIME AS OF e.occurredAt AS r
  ON e.trackingNumber = r.trackingNumber
WHERE e.eventCode <> 'DL';
