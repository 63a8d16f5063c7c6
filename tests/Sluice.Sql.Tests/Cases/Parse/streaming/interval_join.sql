SELECT a.trackingNumber, a.occurredAt AS pickedUp, b.occurredAt AS delivered
FROM ShipEvent a, ShipEvent b
WHERE a.trackingNumber = b.trackingNumber
  AND a.eventCode = 'PU' AND b.eventCode = 'DL'
  AND b.occurredAt BETWEEN a.occurredAt AND a.occurredAt + INTERVAL '7' DAY;
